import { requirePermission, type RequestContext } from '../../identity/index.js';
import { loadMetadata, type ObjectDef, type WorkspaceMetadata } from '../../metadata/index.js';
import { BadInput, parseId } from '../../platform/index.js';
import type { RecordAccessViews } from '../../records/index.js';
import { mergeFieldsOf, type MergeField } from './merge-fields.js';
import { compileMailParts, renderMailParts, templateObject, type RenderedMail } from './render.js';
import { mergeReaderOf } from './values.js';
import {
  deleteMailTemplate,
  getMailTemplate,
  insertMailTemplate,
  listMailTemplates,
  updateMailTemplate,
  type MailTemplate,
} from './store.js';

export interface MailTemplateInput {
  object: string;
  name: string;
  subject: string;
  bodyHtml: string;
  bodyText?: string | null;
}

export function objectByKey(metadata: WorkspaceMetadata, key: string, path: readonly string[]): ObjectDef {
  const object = metadata.objects.find((o) => o.key === key && !o.archivedAt);
  if (!object) throw new BadInput(path, `No object “${key.slice(0, 70)}” in this workspace.`);
  return object;
}

function expectText(value: string, path: readonly string[], max: number, label: string): string {
  if (!value.trim()) throw new BadInput(path, `${label}: write something.`);
  if (value.length > max) throw new BadInput(path, `${label}: at most ${max} characters.`);
  return value;
}

export async function mailTemplates(ctx: RequestContext, object: string | null): Promise<MailTemplate[]> {
  const { workspaceId } = requirePermission(ctx, 'records.read');
  const objectId = object
    ? objectByKey(await loadMetadata(ctx.em, workspaceId), object, ['object']).id
    : null;
  return listMailTemplates(ctx.em, workspaceId, objectId);
}

export async function mailTemplate(ctx: RequestContext, id: string): Promise<MailTemplate> {
  const { workspaceId } = requirePermission(ctx, 'records.read');
  return getMailTemplate(ctx.em, workspaceId, parseId('id', id));
}

export async function mailMergeFields(ctx: RequestContext, object: string): Promise<MergeField[]> {
  const { workspaceId } = requirePermission(ctx, 'records.read');
  const metadata = await loadMetadata(ctx.em, workspaceId);
  return mergeFieldsOf(metadata, objectByKey(metadata, object, ['object']));
}

/** Creates (no id) or replaces a template, refusing parts that do not parse or name unknown fields. */
export async function saveMailTemplate(
  ctx: RequestContext,
  id: string | null,
  input: MailTemplateInput,
): Promise<MailTemplate> {
  const { workspaceId, caller } = requirePermission(ctx, 'workspace.update');
  const metadata = await loadMetadata(ctx.em, workspaceId);
  const object = objectByKey(metadata, input.object, ['input', 'object']);
  const fields = {
    objectId: object.id,
    name: expectText(input.name, ['input', 'name'], 100, 'name').trim(),
    subject: expectText(input.subject, ['input', 'subject'], 998, 'subject'),
    bodyHtml: expectText(input.bodyHtml, ['input', 'bodyHtml'], 100_000, 'bodyHtml'),
    bodyText: input.bodyText?.trim()
      ? expectText(input.bodyText, ['input', 'bodyText'], 100_000, 'bodyText')
      : null,
  };
  compileMailParts(fields, mergeFieldsOf(metadata, object));
  return ctx.em.transactional(async (em) => {
    const [taken] = await em.execute<{ id: string }[]>(
      'select id from mail_template where workspace_id = ? and lower(name) = lower(?) and id is distinct from ?',
      [workspaceId, fields.name, id],
    );
    if (taken) throw new BadInput(['input', 'name'], `name: a template “${fields.name}” exists already.`);
    return id
      ? updateMailTemplate(em, workspaceId, parseId('id', id), fields)
      : insertMailTemplate(em, workspaceId, caller.user.id, fields);
  });
}

export async function removeMailTemplate(ctx: RequestContext, id: string): Promise<boolean> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  return deleteMailTemplate(ctx.em, workspaceId, parseId('id', id));
}

export interface MailPreviewInput {
  object: string;
  recordId: string;
  /** A saved template; or the parts below (the editor's unsaved draft). */
  templateId?: string | null;
  subject?: string | null;
  bodyHtml?: string | null;
  bodyText?: string | null;
}

/** What a template (saved or a draft) makes for one record, with the merge fields left empty. */
export async function previewMail(
  ctx: RequestContext,
  recordAccess: RecordAccessViews,
  input: MailPreviewInput,
): Promise<RenderedMail> {
  const access = requirePermission(ctx, 'records.read');
  const { workspaceId, caller } = access;
  const metadata = await loadMetadata(ctx.em, workspaceId);
  const object = objectByKey(metadata, input.object, ['input', 'object']);
  const recordId = parseId(['input', 'recordId'], input.recordId);
  const saved = input.templateId
    ? await getMailTemplate(ctx.em, workspaceId, parseId(['input', 'templateId'], input.templateId))
    : null;
  if (saved && templateObject(metadata, saved.objectId).id !== object.id)
    throw new BadInput(
      ['input', 'templateId'],
      `templateId: this template is not for ${object.labelPlural.toLowerCase()}.`,
    );
  const parts = saved ?? {
    subject: input.subject ?? '',
    bodyHtml: input.bodyHtml ?? '',
    bodyText: input.bodyText?.trim() ? input.bodyText : null,
  };
  return renderMailParts(ctx.em, {
    workspaceId,
    metadata,
    object,
    parts,
    recordId,
    senderUserId: caller.user.id,
    // As the author would send it: their read scope, their hidden fields empty.
    reader: await mergeReaderOf(recordAccess, access, metadata),
  });
}
