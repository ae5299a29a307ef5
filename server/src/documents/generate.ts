import { addServerFile } from '../files/index.js';
import { requirePermission } from '../identity/index.js';
import { activeFields, type FieldDef, type ObjectDef } from '../metadata/index.js';
import { BadInput, NotFound, parseId } from '../platform/index.js';
import { checkRowScope, guardWrite, type RecordContext } from '../records/index.js';
import { draftTextsFor } from './drafts.js';
import { documentDefinition } from './layout.js';
import { renderPdf } from './pdf.js';
import { resolveBlocks } from './resolve.js';
import type { DocumentsContext } from './services.js';
import { insertGeneration, type DocumentGeneration } from './store.js';
import { mergeScopeOf, openTemplateRecord, type DocumentUser } from './template-record.js';

/** The FILE field a template's documents go in when neither the call nor the template names one. */
export const defaultDocumentField = 'documents';

function fileField(object: ObjectDef, key: string, path: string[]): FieldDef {
  const field = activeFields(object).find((f) => f.key === key);
  if (field?.type !== 'FILE')
    throw new BadInput(
      path,
      `${object.labelSingular} has no FILE field “${key}” to keep documents in (add one, e.g. “${defaultDocumentField}”).`,
    );
  return field;
}

const stamp = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ').replace(':', '.');

/**
 * Renders a template for one record and keeps the PDF in a FILE field of the record, as a new
 * file beside the earlier generations. The caller must read the record and may update that
 * field; fields their profile hides print empty. Rendering happens first; then the file row,
 * its bytes, the field's new value and the generation are written in one transaction, and the
 * bytes are removed if it fails: a failed render or write leaves no file and no field change.
 */
export async function generateDocument(
  ctx: DocumentsContext,
  args: { templateId: string; recordId: string; fieldKey?: string | null },
): Promise<DocumentGeneration & { name: string }> {
  const access = requirePermission(ctx, 'records.write');
  const { workspaceId } = access;
  const { user } = access.caller;
  const actorId = user.id;
  const me: DocumentUser = { id: user.id, name: user.name, email: user.email, role: access.role };
  const opened = await openTemplateRecord(
    ctx.em,
    ctx.services,
    workspaceId,
    me,
    parseId('templateId', args.templateId),
    parseId('recordId', args.recordId),
  );
  const { template, full, fullObject, object, readCtx, row, fields } = opened;
  const recordId = row.id;
  const fieldKey =
    args.fieldKey ??
    fullObject.fields.find((f) => f.id === template.fileFieldId)?.key ??
    defaultDocumentField;
  const field = fileField(object, fieldKey, ['fieldKey']);
  const records = ctx.services.records;
  // Refused before rendering; the field's write checks the scope again on the locked row.
  guardWrite(readCtx, object, { action: 'update', inputs: [{ [field.key]: [] }] });
  await checkRowScope(readCtx, object, 'update', [recordId]);

  const mergeScope = await mergeScopeOf(opened, records, me);
  // Read once, before rendering: the PDF and the generation keep these texts whatever comes later.
  const drafts = await draftTextsFor(ctx.services.drafts, opened, mergeScope);
  const { store } = ctx.services.files;
  const resolved = await resolveBlocks({
    ctx: readCtx,
    full,
    object: fullObject,
    row,
    blocks: template.blocks,
    fields,
    scope: mergeScope,
    store,
    records,
    lineSources: ctx.services.lineSources,
    drafts,
  });
  const content = await renderPdf(documentDefinition(template.name, resolved));
  const name = `${template.name} ${stamp(new Date())}.pdf`.replace(/[/\\]/g, '-');

  let fileId: string | null = null;
  const after: (() => Promise<void>)[] = [];
  try {
    const generation = await ctx.em.transactional(async (tx) => {
      fileId = await addServerFile(tx, store, {
        workspaceId,
        objectId: object.id,
        fieldId: field.id,
        name,
        contentType: 'application/pdf',
        content,
        createdBy: actorId,
      });
      const writeCtx: RecordContext = {
        ...readCtx,
        em: tx,
        deferAfterCommit: (task) => void after.push(task),
      };
      // Read again in the transaction: the version guards against a concurrent change of the field.
      const [current] = await records.getMany(writeCtx, object, [recordId]);
      if (!current) throw new NotFound(`${object.labelSingular} ${recordId}`);
      const held = Array.isArray(current[field.key]) ? (current[field.key] as string[]) : [];
      await records.update(writeCtx, object, {
        id: recordId,
        patch: { [field.key]: [...held, fileId] },
        expectedVersion: current.version,
      });
      return insertGeneration(tx, workspaceId, {
        templateId: template.id,
        templateVersion: template.version,
        objectId: object.id,
        recordId,
        fieldId: field.id,
        fileId,
        createdBy: actorId,
        drafts,
      });
    });
    for (const task of after) await task();
    return { ...generation, name };
  } catch (error) {
    if (fileId) await store.removeFile(workspaceId, fileId);
    throw error;
  }
}
