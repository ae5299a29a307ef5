import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission } from '../identity/index.js';
import { plainLiquid } from '../mail/index.js';
import { AppError, BadInput, NotFound, parseId } from '../platform/index.js';
import { checkRowScope, guardWrite } from '../records/index.js';
import { draftBlocksOf, type DraftBlock } from './blocks.js';
import { compileText } from './check.js';
import type { DocumentsContext, DocumentsServices } from './services.js';
import { getDocumentTemplate } from './store.js';
import {
  mergeScopeOf,
  openTemplateRecord,
  type DocumentUser,
  type TemplateRecord,
} from './template-record.js';

/**
 * Drafts: a template's `draft` blocks are free text co-edited live per record before rendering,
 * each a Yjs document on `/collab` (`<workspaceId>/draft/<templateId>/<recordId>/<key>`). The
 * collab module keeps them; this module says what a new one starts from and prints them.
 */

/** One draft: a draft block of a template, for one record. */
export interface DraftRef {
  workspaceId: string;
  templateId: string;
  recordId: string;
  blockKey: string;
}

/** What the documents module needs from the collab module (wired in app/server.ts). */
export interface DraftTexts {
  /** The draft's current text as stored (every acknowledged edit); null if it was never opened. */
  read(draft: DraftRef): Promise<string | null>;
  /** Makes the draft read `text`: stored first, then sent to every open copy. */
  replace(draft: DraftRef, text: string): Promise<void>;
}

/** A draft block's default with the record's values merged in. */
export async function mergedDefault(
  block: DraftBlock,
  index: number,
  opened: TemplateRecord,
  scope: Record<string, unknown>,
): Promise<string> {
  if (!block.default) return '';
  const parsed = compileText(block.default, ['blocks', String(index), 'default'], opened.fields);
  return String(await plainLiquid.render(parsed, scope));
}

/** Each draft block's text for a generation: the draft as stored, or its merged default if never opened. */
export async function draftTextsFor(
  drafts: DraftTexts,
  opened: TemplateRecord,
  scope: Record<string, unknown>,
): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  const { template } = opened;
  for (const [index, block] of template.blocks.entries()) {
    if (block.type !== 'draft') continue;
    const ref = {
      workspaceId: template.workspaceId,
      templateId: template.id,
      recordId: opened.row.id,
      blockKey: block.key,
    };
    texts[block.key] = (await drafts.read(ref)) ?? (await mergedDefault(block, index, opened, scope));
  }
  return texts;
}

/** What the collab module asks of drafts (its `DraftSource`), answered from templates and records. */
export function createDraftSource(services: Pick<DocumentsServices, 'records' | 'recordAccess'>) {
  return {
    /** The object a template is for, when it has a draft block `blockKey`; else null. */
    async objectOf(em: EntityManager, workspaceId: string, templateId: string, blockKey: string) {
      const template = await getDocumentTemplate(em, workspaceId, templateId).catch((error: unknown) => {
        if (error instanceof NotFound) return null;
        throw error;
      });
      if (!template || !draftBlocksOf(template.blocks).some((b) => b.key === blockKey)) return null;
      return template.objectId;
    },
    /**
     * What a new draft starts from: the block's default merged as `user` sees the record; the
     * default as written when a merge field has been archived since (the draft is still usable).
     */
    async defaultText(em: EntityManager, draft: DraftRef, user: DocumentUser): Promise<string> {
      const opened = await openTemplateRecord(
        em,
        services,
        draft.workspaceId,
        user,
        draft.templateId,
        draft.recordId,
      );
      const index = opened.template.blocks.findIndex((b) => b.type === 'draft' && b.key === draft.blockKey);
      const block = opened.template.blocks[index];
      if (block?.type !== 'draft') return '';
      try {
        return await mergedDefault(block, index, opened, await mergeScopeOf(opened, services.records, user));
      } catch (error) {
        if (error instanceof AppError) return block.default ?? '';
        throw error;
      }
    },
  };
}

/**
 * Puts a draft back to its block's default, merged now (reading and updating the record, as
 * generating does); every open copy takes the text. Answers the text.
 */
export async function resetDraft(
  ctx: DocumentsContext,
  args: { templateId: string; recordId: string; key: string },
): Promise<string> {
  const access = requirePermission(ctx, 'records.write');
  const { user } = access.caller;
  const me: DocumentUser = { id: user.id, name: user.name, email: user.email, role: access.role };
  const opened = await openTemplateRecord(
    ctx.em,
    ctx.services,
    access.workspaceId,
    me,
    parseId('templateId', args.templateId),
    parseId('recordId', args.recordId),
  );
  const index = opened.template.blocks.findIndex((b) => b.type === 'draft' && b.key === args.key);
  const block = opened.template.blocks[index];
  if (block?.type !== 'draft')
    throw new BadInput(
      ['key'],
      `key: the template “${opened.template.name}” has no draft “${args.key.slice(0, 70)}”.`,
    );
  guardWrite(opened.readCtx, opened.object, { action: 'update' });
  await checkRowScope(opened.readCtx, opened.object, 'update', [opened.row.id]);
  const text = await mergedDefault(
    block,
    index,
    opened,
    await mergeScopeOf(opened, ctx.services.records, me),
  );
  await ctx.services.drafts.replace(
    {
      workspaceId: access.workspaceId,
      templateId: opened.template.id,
      recordId: opened.row.id,
      blockKey: block.key,
    },
    text,
  );
  return text;
}
