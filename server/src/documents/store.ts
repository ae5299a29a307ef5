import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFound, queryRows } from '../platform/index.js';
import type { Block } from './blocks.js';

type Sql = EntityManager;

/** A workspace's document template for the records of one object. */
export interface DocumentTemplate {
  id: string;
  workspaceId: string;
  /** `<template>:<key>` when a vertical template installed it. */
  templateKey: string | null;
  objectId: string;
  name: string;
  /** The FILE field generated documents go in; null: the object's `documents` field. */
  fileFieldId: string | null;
  blocks: Block[];
  /** Raised by every save; each generation records the version it was made from. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

interface TemplateRow {
  id: string;
  workspace_id: string;
  template_key: string | null;
  object_id: string;
  name: string;
  file_field_id: string | null;
  blocks: Block[];
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
}

const toTemplate = (row: TemplateRow): DocumentTemplate => ({
  id: row.id,
  workspaceId: row.workspace_id,
  templateKey: row.template_key,
  objectId: row.object_id,
  name: row.name,
  fileFieldId: row.file_field_id,
  blocks: row.blocks,
  version: row.version,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

export type DocumentTemplateFields = Pick<DocumentTemplate, 'objectId' | 'name' | 'fileFieldId' | 'blocks'>;

export async function listDocumentTemplates(
  db: Sql,
  workspaceId: string,
  objectId: string | null,
): Promise<DocumentTemplate[]> {
  const rows = await queryRows<TemplateRow>(
    db,
    `select * from document_template where workspace_id = ? ${objectId ? 'and object_id = ?' : ''} order by name, id`,
    objectId ? [workspaceId, objectId] : [workspaceId],
  );
  return rows.map(toTemplate);
}

export async function getDocumentTemplate(
  db: Sql,
  workspaceId: string,
  id: string,
): Promise<DocumentTemplate> {
  const [row] = await queryRows<TemplateRow>(
    db,
    'select * from document_template where workspace_id = ? and id = ?',
    [workspaceId, id],
  );
  if (!row) throw new NotFound('A document template with this id');
  return toTemplate(row);
}

export async function nameTaken(
  db: Sql,
  workspaceId: string,
  name: string,
  id: string | null,
): Promise<boolean> {
  const rows = await db.execute<{ id: string }[]>(
    'select id from document_template where workspace_id = ? and lower(name) = lower(?) and id is distinct from ?',
    [workspaceId, name, id],
  );
  return rows.length > 0;
}

export async function insertDocumentTemplate(
  db: Sql,
  workspaceId: string,
  actorId: string | null,
  fields: DocumentTemplateFields,
  templateKey: string | null = null,
): Promise<DocumentTemplate> {
  const [row] = await queryRows<TemplateRow>(
    db,
    `insert into document_template (id, workspace_id, template_key, object_id, name, file_field_id, blocks, created_by)
     values (?, ?, ?, ?, ?, ?, ?::jsonb, ?) returning *`,
    [
      randomUUID(),
      workspaceId,
      templateKey,
      fields.objectId,
      fields.name,
      fields.fileFieldId,
      JSON.stringify(fields.blocks),
      actorId,
    ],
  );
  return toTemplate(row!);
}

/** The template's version, its row locked until the transaction ends (a save checks it). */
export async function lockDocumentTemplateVersion(db: Sql, workspaceId: string, id: string): Promise<number> {
  const [row] = await db.execute<{ version: number }[]>(
    'select version from document_template where workspace_id = ? and id = ? for update',
    [workspaceId, id],
  );
  if (!row) throw new NotFound('A document template with this id');
  return row.version;
}

export async function updateDocumentTemplate(
  db: Sql,
  workspaceId: string,
  id: string,
  fields: DocumentTemplateFields,
): Promise<DocumentTemplate> {
  const [row] = await queryRows<TemplateRow>(
    db,
    `update document_template set object_id = ?, name = ?, file_field_id = ?, blocks = ?::jsonb,
       version = version + 1, updated_at = now()
     where workspace_id = ? and id = ? returning *`,
    [fields.objectId, fields.name, fields.fileFieldId, JSON.stringify(fields.blocks), workspaceId, id],
  );
  if (!row) throw new NotFound('A document template with this id');
  return toTemplate(row);
}

export async function deleteDocumentTemplate(db: Sql, workspaceId: string, id: string): Promise<boolean> {
  const rows = await db.execute<{ id: string }[]>(
    'delete from document_template where workspace_id = ? and id = ? returning id',
    [workspaceId, id],
  );
  return rows.length > 0;
}

/** Keys (`<template>:<key>`) of the document templates a vertical template installed. */
export async function installedDocumentKeys(
  db: Sql,
  workspaceId: string,
  templateKey: string,
): Promise<Set<string>> {
  const rows = await db.execute<{ template_key: string }[]>(
    `select template_key from document_template where workspace_id = ? and template_key like ?`,
    [workspaceId, `${templateKey}:%`],
  );
  return new Set(rows.map((r) => r.template_key));
}

/** One generation: the file a template made for a record, with the template's version then. */
export interface DocumentGeneration {
  id: string;
  templateId: string;
  templateVersion: number;
  recordId: string;
  fieldId: string;
  fileId: string;
  createdBy: string;
  createdAt: Date;
  /** The draft blocks' texts as printed, by key (docs/documents.md#drafts). */
  drafts: Record<string, string>;
}

export async function insertGeneration(
  db: Sql,
  workspaceId: string,
  generation: Omit<DocumentGeneration, 'id' | 'createdAt'> & { objectId: string },
): Promise<DocumentGeneration> {
  const id = randomUUID();
  const [row] = await db.execute<{ created_at: Date | string }[]>(
    `insert into document_generation
       (id, workspace_id, template_id, template_version, object_id, record_id, field_id, file_id, created_by, drafts)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) returning created_at`,
    [
      id,
      workspaceId,
      generation.templateId,
      generation.templateVersion,
      generation.objectId,
      generation.recordId,
      generation.fieldId,
      generation.fileId,
      generation.createdBy,
      JSON.stringify(generation.drafts),
    ],
  );
  const { objectId: _objectId, ...rest } = generation;
  return { id, ...rest, createdAt: new Date(row!.created_at) };
}

/** A record's generations, newest first (the files may since have been removed from the field). */
export async function listGenerations(
  db: Sql,
  workspaceId: string,
  recordId: string,
): Promise<DocumentGeneration[]> {
  const rows = await db.execute<
    {
      id: string;
      template_id: string;
      template_version: number;
      record_id: string;
      field_id: string;
      file_id: string;
      created_by: string;
      created_at: Date | string;
      drafts: Record<string, string>;
    }[]
  >(
    `select id, template_id, template_version, record_id, field_id, file_id, created_by, created_at, drafts
     from document_generation where workspace_id = ? and record_id = ? order by created_at desc, id desc`,
    [workspaceId, recordId],
  );
  return rows.map((r) => ({
    id: r.id,
    templateId: r.template_id,
    templateVersion: r.template_version,
    recordId: r.record_id,
    fieldId: r.field_id,
    fileId: r.file_id,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    drafts: r.drafts,
  }));
}
