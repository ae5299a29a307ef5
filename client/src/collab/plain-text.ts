import type { Node as ProseMirrorNode, Schema } from '@tiptap/pm/model';

/**
 * The server keeps a long-text field as one Y.Text of plain text (docs/api.md "WS /collab"), so the editor's document is paragraphs of plain text: a line break in
 * the text is a paragraph boundary in the editor. These map between the two.
 */
export function textOf(doc: ProseMirrorNode): string {
  return doc.textBetween(0, doc.content.size, '\n');
}

export function docFromText(schema: Schema, text: string): ProseMirrorNode {
  const paragraphs = text
    .split('\n')
    .map((line) => schema.node('paragraph', null, line ? [schema.text(line)] : []));
  return schema.node('doc', null, paragraphs);
}

/** The text offset of an editor position. */
export function offsetOf(doc: ProseMirrorNode, pos: number): number {
  return doc.textBetween(0, Math.min(pos, doc.content.size), '\n').length;
}

/** The editor position of a text offset (inside the paragraph holding it). */
export function posOf(doc: ProseMirrorNode, offset: number): number {
  let pos = 1;
  let left = Math.max(0, offset);
  for (let i = 0; i < doc.childCount; i++) {
    const length = doc.child(i).content.size;
    if (left <= length) return pos + left;
    left -= length + 1;
    pos += length + 2;
  }
  return Math.max(1, doc.content.size - 1);
}

/** The smallest replacement turning `before` into `after`: common prefix and suffix kept. */
export function textChange(before: string, after: string): { index: number; remove: number; insert: string } {
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before[start] === after[start]) start++;
  let end = 0;
  while (end < shortest - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return {
    index: start,
    remove: before.length - start - end,
    insert: after.slice(start, after.length - end),
  };
}

/** A Y.Text change as Yjs reports it (`YTextEvent.delta`), over plain text. */
export type TextDelta = readonly { insert?: unknown; retain?: number; delete?: number }[];

/**
 * Where a text offset lands after a change made elsewhere: text inserted at the offset
 * goes after it (the local caret stays before what arrives), a deleted range around it
 * collapses it to the deletion's start.
 */
export function mapOffset(offset: number, delta: TextDelta): number {
  let before = 0;
  let after = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      if (offset < before + op.retain) return after + offset - before;
      before += op.retain;
      after += op.retain;
    } else if (op.delete !== undefined) {
      if (offset < before + op.delete) return after;
      before += op.delete;
    } else if (op.insert !== undefined) {
      if (offset === before) return after;
      after += typeof op.insert === 'string' ? op.insert.length : 1;
    }
  }
  return after + offset - before;
}
