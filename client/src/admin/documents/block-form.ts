import type { DocumentBlock, DocumentBlockType } from '@crm/contracts';
import { i18n } from '../../i18n';

// The designer's form: the blocks being edited (each with a stable id for lists and drags),
// what a new block of each kind starts as, and where a refused save's message belongs.

export interface EditedBlock {
  uid: number;
  block: DocumentBlock;
}

/** A block kind's name in the current language. */
export const blockTypeLabel = (type: DocumentBlockType): string =>
  i18n.global.t(`adminDocuments.blockTypes.${type}`);

let lastUid = 0;
export const edited = (block: DocumentBlock): EditedBlock => ({ uid: ++lastUid, block });

/** What a new block of `type` starts as; keys a draft block apart from the drafts already there. */
export function newBlock(type: DocumentBlockType, existing: readonly DocumentBlock[] = []): DocumentBlock {
  switch (type) {
    case 'heading':
      return { type, text: i18n.global.t('adminDocuments.newBlock.heading'), level: 1 };
    case 'paragraph':
      return { type, text: '' };
    case 'fields':
      return { type, title: '', fields: [] };
    case 'image':
      return { type, field: '', count: 1 };
    case 'lines':
      return { type, title: '', source: '', columns: [] };
    case 'pageBreak':
      return { type };
    case 'draft': {
      const keys = new Set(existing.flatMap((b) => (b.type === 'draft' ? [b.key] : [])));
      let n = 1;
      while (keys.has(`draft${n}`)) n++;
      return {
        type,
        key: `draft${n}`,
        label: i18n.global.t('adminDocuments.newBlock.draft', { n }),
        default: '',
      };
    }
  }
}

/** The list with the block at `from` moved to `to` (both clamped into the list). */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item === undefined) return next;
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item);
  return next;
}

/** `text` with `token` in place of its `start`–`end` selection, and where the cursor goes after it. */
export function insertedAt(text: string, start: number | null, end: number | null, token: string) {
  const from = start ?? text.length;
  const to = Math.max(from, end ?? from);
  return { text: text.slice(0, from) + token + text.slice(to), cursor: from + token.length };
}

/** Where a server error belongs: a block and its part (`input.blocks.2.fields.1`), or a top field. */
export type ErrorPlace = { block: number; part: string | null } | { field: string } | null;

export function errorPlace(argumentPath: readonly string[] | undefined): ErrorPlace {
  const parts = [...(argumentPath ?? [])];
  if (parts[0] === 'input') parts.shift();
  if (parts[0] === 'blocks' && parts[1] !== undefined && /^\d+$/.test(parts[1]))
    return { block: Number(parts[1]), part: parts[2] ?? null };
  if (parts[0] === 'name' || parts[0] === 'object' || parts[0] === 'fileField') return { field: parts[0] };
  return null;
}

/** Optional texts left empty are left out, as a template file would. */
export function blockInput(block: DocumentBlock): DocumentBlock {
  return Object.fromEntries(
    Object.entries(block).filter(([key, value]) => key === 'text' || value !== ''),
  ) as DocumentBlock;
}

/** A name for a copy of `name` that no template has yet: “Offer (copy)”, “Offer (copy 2)”. */
export function copyName(name: string, taken: readonly string[]): string {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  const base = name.slice(0, 88);
  for (let n = 1; ; n++) {
    const candidate =
      n === 1
        ? i18n.global.t('adminDocuments.copyName', { name: base })
        : i18n.global.t('adminDocuments.copyNameNumbered', { name: base, n });
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
