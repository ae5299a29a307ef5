import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceText } from './replace-text.js';

function replaced(from: string, to: string): { text: string; deltas: unknown[] } {
  const doc = new Y.Doc();
  const ytext = doc.getText('text');
  ytext.insert(0, from);
  const deltas: unknown[] = [];
  ytext.observe((event) => deltas.push(event.delta));
  doc.transact(() => replaceText(ytext, to));
  return { text: ytext.toString(), deltas };
}

describe('replaceText', () => {
  it.each([
    ['', 'new'],
    ['old', ''],
    ['same', 'same'],
    ['hello world', 'hello brave world'],
    ['abcabc', 'abc'],
    ['aaa', 'aaaa'],
    ['emoji 😀 here', 'emoji 😁 here'],
    ['😀', '😀😀'],
    ['x😀', 'x😁'],
  ])('turns %j into %j', (from, to) => {
    expect(replaced(from, to).text).toBe(to);
  });

  it('changes only the middle, in one transaction', () => {
    const { deltas } = replaced('Dear Ann, thanks', 'Dear Bob, thanks');
    expect(deltas).toEqual([[{ retain: 5 }, { delete: 3 }, { insert: 'Bob' }]]);
  });

  it('does nothing when the text is the same', () => {
    expect(replaced('unchanged', 'unchanged').deltas).toEqual([]);
  });
});
