import * as Y from 'yjs';
import { textName } from './document-name.js';

/**
 * Makes `ytext` read `text` by replacing only the part between their common prefix and
 * suffix, so collaborators' cursors outside the change stay where they were. Call it
 * inside one `doc.transact`.
 */
export function replaceText(ytext: Y.Text, text: string): void {
  const current = ytext.toString();
  if (current === text) return;
  let start = 0;
  const shorter = Math.min(current.length, text.length);
  while (start < shorter && current.charCodeAt(start) === text.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < shorter - start &&
    current.charCodeAt(current.length - 1 - end) === text.charCodeAt(text.length - 1 - end)
  ) {
    end++;
  }
  // Never split a surrogate pair.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;
  const removed = current.length - start - end;
  if (removed > 0) ytext.delete(start, removed);
  const inserted = text.slice(start, text.length - end);
  if (inserted) ytext.insert(start, inserted);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Makes the document's `text` read `text` in one transaction with `origin`; answers the update
 * that did it, or null when it already read so.
 */
export function takeText(document: Y.Doc, text: string, origin: unknown): Uint8Array | null {
  const ytext = document.getText(textName);
  if (ytext.toString() === text) return null;
  const before = Y.encodeStateVector(document);
  document.transact(() => replaceText(ytext, text), origin);
  return Y.encodeStateAsUpdate(document, before);
}
