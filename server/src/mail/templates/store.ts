import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFound, queryRows } from '../../platform/index.js';

/** A workspace's e-mail template for the records of one object. */
export interface MailTemplate {
  id: string;
  workspaceId: string;
  objectId: string;
  name: string;
  subject: string;
  /** The body: rich text (HTML) with merge fields, put in the responsive layout. */
  bodyHtml: string;
  /** The plain-text part with merge fields; null: derived from the HTML. */
  bodyText: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface TemplateRow {
  id: string;
  workspace_id: string;
  object_id: string;
  name: string;
  subject: string;
  body_html: string;
  body_text: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const toTemplate = (row: TemplateRow): MailTemplate => ({
  id: row.id,
  workspaceId: row.workspace_id,
  objectId: row.object_id,
  name: row.name,
  subject: row.subject,
  bodyHtml: row.body_html,
  bodyText: row.body_text,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

export type MailTemplateFields = Pick<
  MailTemplate,
  'objectId' | 'name' | 'subject' | 'bodyHtml' | 'bodyText'
>;

export async function listMailTemplates(
  em: EntityManager,
  workspaceId: string,
  objectId: string | null,
): Promise<MailTemplate[]> {
  const rows = await queryRows<TemplateRow>(
    em,
    `select * from mail_template where workspace_id = ? ${objectId ? 'and object_id = ?' : ''} order by name, id`,
    objectId ? [workspaceId, objectId] : [workspaceId],
  );
  return rows.map(toTemplate);
}

export async function getMailTemplate(
  em: EntityManager,
  workspaceId: string,
  id: string,
): Promise<MailTemplate> {
  const [row] = await queryRows<TemplateRow>(
    em,
    'select * from mail_template where workspace_id = ? and id = ?',
    [workspaceId, id],
  );
  if (!row) throw new NotFound('An e-mail template with this id');
  return toTemplate(row);
}

export async function insertMailTemplate(
  em: EntityManager,
  workspaceId: string,
  actorId: string,
  fields: MailTemplateFields,
): Promise<MailTemplate> {
  const [row] = await queryRows<TemplateRow>(
    em,
    `insert into mail_template (id, workspace_id, object_id, name, subject, body_html, body_text, created_by)
     values (?, ?, ?, ?, ?, ?, ?, ?) returning *`,
    [
      randomUUID(),
      workspaceId,
      fields.objectId,
      fields.name,
      fields.subject,
      fields.bodyHtml,
      fields.bodyText,
      actorId,
    ],
  );
  return toTemplate(row!);
}

export async function updateMailTemplate(
  em: EntityManager,
  workspaceId: string,
  id: string,
  fields: MailTemplateFields,
): Promise<MailTemplate> {
  const [row] = await queryRows<TemplateRow>(
    em,
    `update mail_template set object_id = ?, name = ?, subject = ?, body_html = ?, body_text = ?, updated_at = now()
     where workspace_id = ? and id = ? returning *`,
    [fields.objectId, fields.name, fields.subject, fields.bodyHtml, fields.bodyText, workspaceId, id],
  );
  if (!row) throw new NotFound('An e-mail template with this id');
  return toTemplate(row);
}

export async function deleteMailTemplate(
  em: EntityManager,
  workspaceId: string,
  id: string,
): Promise<boolean> {
  const rows = await queryRows(
    em,
    'delete from mail_template where workspace_id = ? and id = ? returning id',
    [workspaceId, id],
  );
  return rows.length > 0;
}
