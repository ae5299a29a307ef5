import { callerView } from '../records/index.js';
import { requirePermission, type RequestContext } from '../identity/index.js';
import { activeFields, loadMetadata, type ObjectDef, type WorkspaceMetadata } from '../metadata/index.js';
import type { MergeField } from '../mail/index.js';
import { BadInput, Conflict, NotFound, parseId } from '../platform/index.js';
import type { RecordContext, RecordStore } from '../records/index.js';
import { lineSourcesOf, type LineColumn, type LineSource } from './lines.js';
import { parseBlocks } from './blocks.js';
import { checkBlocks, documentMergeFields } from './check.js';
import type { DocumentsContext } from './services.js';
import {
  deleteDocumentTemplate,
  getDocumentTemplate,
  insertDocumentTemplate,
  listDocumentTemplates,
  listGenerations,
  lockDocumentTemplateVersion,
  nameTaken,
  updateDocumentTemplate,
  type DocumentGeneration,
  type DocumentTemplate,
} from './store.js';

export interface DocumentTemplateInput {
  object: string;
  name: string;
  /** A FILE field of the object; none: `documents`, or the one named when generating. */
  fileField?: string | null;
  blocks: unknown;
}

function objectByKey(metadata: WorkspaceMetadata, key: string, path: readonly string[]): ObjectDef {
  const object = metadata.objects.find((o) => o.key === key && !o.archivedAt);
  if (!object)
    throw new BadInput(
      path,
      `${path.slice(1).join('.')}: no object “${key.slice(0, 70)}” in this workspace.`,
    );
  return object;
}

export async function documentTemplates(
  ctx: RequestContext,
  object: string | null,
): Promise<DocumentTemplate[]> {
  const { workspaceId } = requirePermission(ctx, 'records.read');
  const objectId = object
    ? objectByKey(await loadMetadata(ctx.em, workspaceId), object, ['object']).id
    : null;
  return listDocumentTemplates(ctx.em, workspaceId, objectId);
}

export async function documentTemplate(ctx: RequestContext, id: string): Promise<DocumentTemplate> {
  const { workspaceId } = requirePermission(ctx, 'records.read');
  return getDocumentTemplate(ctx.em, workspaceId, parseId('id', id));
}

export async function documentTemplateMergeFields(
  ctx: RequestContext,
  object: string,
): Promise<MergeField[]> {
  const { workspaceId } = requirePermission(ctx, 'records.read');
  const metadata = await loadMetadata(ctx.em, workspaceId);
  return documentMergeFields(metadata, objectByKey(metadata, object, ['object']));
}

/** The line sources a lines block of `object` may read, each with the columns it can show. */
export async function documentLineSources(
  ctx: DocumentsContext,
  object: string,
): Promise<{ key: string; label: string; columns: LineColumn[] }[]> {
  const { workspaceId } = requirePermission(ctx, 'records.read');
  const metadata = await loadMetadata(ctx.em, workspaceId);
  const target = objectByKey(metadata, object, ['object']);
  return lineSourcesOf(metadata, target, ctx.services.lineSources).map((source) => ({
    key: source.key,
    label: source.label,
    columns: source.columns(metadata),
  }));
}

/** The checked fields of a template: the object, its FILE field and its blocks (BAD_USER_INPUT naming the part). */
export function checkTemplateInput(
  deps: { lineSources: readonly LineSource[]; records: RecordStore | null },
  metadata: WorkspaceMetadata,
  input: DocumentTemplateInput,
  at: readonly string[] = ['input'],
) {
  const object = objectByKey(metadata, input.object, [...at, 'object']);
  const name = input.name.trim();
  if (!name || name.length > 100) throw new BadInput([...at, 'name'], 'name: 1 to 100 characters.');
  let fileFieldId: string | null = null;
  if (input.fileField) {
    const field = activeFields(object).find((f) => f.key === input.fileField);
    if (field?.type !== 'FILE')
      throw new BadInput(
        [...at, 'fileField'],
        `fileField: ${object.labelSingular} has no FILE field “${input.fileField}”.`,
      );
    fileFieldId = field.id;
  }
  const blocks = parseBlocks(input.blocks, [...at, 'blocks']);
  checkBlocks({ metadata, object, ...deps }, blocks, [...at, 'blocks']);
  return { objectId: object.id, name, fileFieldId, blocks };
}

/**
 * Creates (no id) or replaces a template (admins); a replace raises its version. With
 * `expectedVersion`, a replace of a template someone saved since is refused (CONFLICT with
 * `currentVersion`), so two admins editing one template never overwrite each other unseen.
 */
export async function saveDocumentTemplate(
  ctx: DocumentsContext,
  id: string | null,
  input: DocumentTemplateInput,
  expectedVersion: number | null = null,
): Promise<DocumentTemplate> {
  const { workspaceId, caller } = requirePermission(ctx, 'workspace.update');
  const metadata = await loadMetadata(ctx.em, workspaceId);
  const fields = checkTemplateInput(ctx.services, metadata, input);
  return ctx.em.transactional(async (em) => {
    if (!id) {
      await refuseTakenName(em, workspaceId, fields.name, null);
      return insertDocumentTemplate(em, workspaceId, caller.user.id, fields);
    }
    const templateId = parseId('id', id);
    const currentVersion = await lockDocumentTemplateVersion(em, workspaceId, templateId);
    if (expectedVersion !== null && currentVersion !== expectedVersion)
      throw new Conflict(
        `This document template was saved by someone else meanwhile (version ${currentVersion}, you edited ${expectedVersion}). Reload it to see their changes.`,
        { argumentPath: ['expectedVersion'], currentVersion },
      );
    await refuseTakenName(em, workspaceId, fields.name, templateId);
    return updateDocumentTemplate(em, workspaceId, templateId, fields);
  });
}

async function refuseTakenName(
  em: DocumentsContext['em'],
  workspaceId: string,
  name: string,
  id: string | null,
): Promise<void> {
  if (await nameTaken(em, workspaceId, name, id))
    throw new BadInput(['input', 'name'], `name: a document template “${name}” exists already.`);
}

export async function removeDocumentTemplate(ctx: RequestContext, id: string): Promise<boolean> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  return deleteDocumentTemplate(ctx.em, workspaceId, parseId('id', id));
}

/** A record's generated documents, newest first; NOT_FOUND when the caller cannot read the record. */
export async function documentGenerations(
  ctx: DocumentsContext,
  object: string,
  recordId: string,
): Promise<DocumentGeneration[]> {
  const access = requirePermission(ctx, 'records.read');
  const full = await loadMetadata(ctx.em, access.workspaceId);
  const { metadata, scope } = await callerView(ctx.services.recordAccess, access, full);
  const target = metadata.objects.find((o) => o.key === object && !o.archivedAt);
  if (!target) throw new NotFound(`The object “${object.slice(0, 70)}”`);
  const id = parseId('recordId', recordId);
  const readCtx: RecordContext = {
    em: ctx.em,
    metadata,
    actorId: access.caller.user.id,
    ...(scope ? { scope } : {}),
  };
  const [row] = await ctx.services.records.getMany(readCtx, target, [id]);
  if (!row) throw new NotFound(`${target.labelSingular} ${id}`);
  return listGenerations(ctx.em, access.workspaceId, id);
}
