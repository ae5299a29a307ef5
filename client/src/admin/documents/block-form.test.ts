import { describe, expect, it } from 'vitest';
import { blockInput, copyName, errorPlace, insertedAt, moved, newBlock } from './block-form';

describe('the document designer’s form', () => {
  it('places a refused save at the block and part its path names, or at a top field', () => {
    expect(errorPlace(['input', 'blocks', '2', 'fields', '1'])).toEqual({ block: 2, part: 'fields' });
    expect(errorPlace(['input', 'blocks', '0'])).toEqual({ block: 0, part: null });
    expect(errorPlace(['input', 'name'])).toEqual({ field: 'name' });
    expect(errorPlace(['expectedVersion'])).toBeNull();
    expect(errorPlace(undefined)).toBeNull();
  });

  it('inserts a merge field over the selection and puts the cursor after it', () => {
    expect(insertedAt('Dear , hello', 5, 5, '{{ record.name }}')).toEqual({
      text: 'Dear {{ record.name }}, hello',
      cursor: 22,
    });
    expect(insertedAt('Dear X', 5, 6, '{{ a }}').text).toBe('Dear {{ a }}');
    expect(insertedAt('End', null, null, '{{ a }}').text).toBe('End{{ a }}');
  });

  it('moves a block up, down and to the ends', () => {
    expect(moved(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moved(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moved(['a', 'b', 'c'], 1, 9)).toEqual(['a', 'c', 'b']);
  });

  it('keys a new draft block apart from the drafts there, and leaves empty optional texts out', () => {
    const first = newBlock('draft');
    expect(newBlock('draft', [first])).toMatchObject({ key: 'draft2' });
    expect(blockInput({ type: 'lines', title: '', source: 'quote', columns: ['net'] })).toEqual({
      type: 'lines',
      source: 'quote',
      columns: ['net'],
    });
    expect(blockInput({ type: 'paragraph', text: '' })).toEqual({ type: 'paragraph', text: '' });
  });

  it('names a copy no template has yet', () => {
    expect(copyName('Offer', ['Offer'])).toBe('Offer (copy)');
    expect(copyName('Offer', ['Offer', 'offer (copy)'])).toBe('Offer (copy 2)');
  });
});
