import { requirePermission } from '../identity/index.js';
import { loadMetadata } from '../metadata/index.js';
import { parseId } from '../platform/index.js';
import { checkTemplateInput, type DocumentTemplateInput } from './admin.js';
import { mergedDefault } from './drafts.js';
import { documentDefinition } from './layout.js';
import { renderPdf } from './pdf.js';
import { resolveBlocks } from './resolve.js';
import type { DocumentsContext } from './services.js';
import { mergeScopeOf, openRecordFor, type DocumentUser } from './template-record.js';

/** A rendered preview: the PDF's bytes, never stored. */
export interface DocumentPreview {
  name: string;
  content: Buffer;
}

/**
 * Renders a template as the designer has it (saved or not) for one record, as the admin reads
 * it, and keeps nothing: no file, no field change, no generation. Draft blocks print their
 * merged default (a record's co-edited draft belongs to generating, not to designing). The
 * input is checked as a save checks it, so the same BAD_USER_INPUT names the same block.
 */
export async function previewDocument(
  ctx: DocumentsContext,
  args: { input: DocumentTemplateInput; recordId: string },
): Promise<DocumentPreview> {
  const access = requirePermission(ctx, 'workspace.update');
  const { workspaceId } = access;
  const { user } = access.caller;
  const me: DocumentUser = { id: user.id, name: user.name, email: user.email, role: access.role };
  const metadata = await loadMetadata(ctx.em, workspaceId);
  const fields = checkTemplateInput(ctx.services, metadata, args.input);
  const now = new Date();
  const template = {
    ...fields,
    id: '',
    workspaceId,
    templateKey: null,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
  const opened = await openRecordFor(ctx.em, ctx.services, template, me, parseId('recordId', args.recordId));
  const scope = await mergeScopeOf(opened, ctx.services.records, me);
  const drafts: Record<string, string> = {};
  for (const [index, block] of template.blocks.entries())
    if (block.type === 'draft') drafts[block.key] = await mergedDefault(block, index, opened, scope);
  const resolved = await resolveBlocks({
    ctx: opened.readCtx,
    full: opened.full,
    object: opened.fullObject,
    row: opened.row,
    blocks: template.blocks,
    fields: opened.fields,
    scope,
    store: ctx.services.files.store,
    records: ctx.services.records,
    lineSources: ctx.services.lineSources,
    drafts,
  });
  return {
    name: `${template.name}.pdf`,
    content: await renderPdf(documentDefinition(template.name, resolved)),
  };
}
