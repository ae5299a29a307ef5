import { Schema } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { docFromText, mapOffset, offsetOf, posOf, textChange, textOf } from './plain-text';

const schema = new Schema({
  nodes: { doc: { content: 'paragraph+' }, paragraph: { content: 'text*' }, text: {} },
});

describe('plain text in paragraphs', () => {
  it('round-trips text with empty lines', () => {
    const text = 'first line\n\nthird';
    expect(textOf(docFromText(schema, text))).toBe(text);
  });

  it('maps offsets to positions and back across paragraphs', () => {
    const doc = docFromText(schema, 'ab\n\ncd');
    for (let offset = 0; offset <= 6; offset++) expect(offsetOf(doc, posOf(doc, offset))).toBe(offset);
    expect(posOf(doc, 0)).toBe(1);
    expect(posOf(doc, 3)).toBe(5); // the empty paragraph
    expect(posOf(doc, 4)).toBe(7); // start of "cd"
  });
});

describe('textChange', () => {
  it('finds the edited span', () => {
    expect(textChange('hello world', 'hello brave world')).toEqual({ index: 6, remove: 0, insert: 'brave ' });
    expect(textChange('abcdef', 'abef')).toEqual({ index: 2, remove: 2, insert: '' });
    expect(textChange('aaa', 'aaaa')).toEqual({ index: 3, remove: 0, insert: 'a' });
    expect(textChange('same', 'same')).toEqual({ index: 4, remove: 0, insert: '' });
  });
});

describe('mapOffset', () => {
  it('moves an offset after text inserted or deleted before it', () => {
    expect(mapOffset(5, [{ insert: '>> ' }])).toBe(8);
    expect(mapOffset(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
  });

  it('keeps an offset before text inserted after it, or exactly at it', () => {
    expect(mapOffset(0, [{ retain: 16 }, { insert: ' And more.' }])).toBe(0);
    expect(mapOffset(16, [{ retain: 16 }, { insert: ' And more.' }])).toBe(16);
  });

  it('collapses an offset inside a deleted range to its start', () => {
    expect(mapOffset(4, [{ retain: 2 }, { delete: 5 }, { insert: 'xy' }])).toBe(2);
  });
});
