import { describe, expect, it } from 'vitest';
import { nextInRotation } from './rotation.js';

describe('nextInRotation', () => {
  const order = ['a', 'b', 'c'];
  const all = new Set(order);

  it('goes round the list in order, from the start the first time', () => {
    expect(nextInRotation(order, null, all)).toBe('a');
    expect(nextInRotation(order, 'a', all)).toBe('b');
    expect(nextInRotation(order, 'c', all)).toBe('a');
  });

  it('skips the absent and gives null when nobody is present', () => {
    expect(nextInRotation(order, 'a', new Set(['a', 'c']))).toBe('c');
    expect(nextInRotation(order, 'c', new Set(['c']))).toBe('c');
    expect(nextInRotation(order, 'a', new Set())).toBeNull();
  });

  it('starts over when the last member was taken off the list', () => {
    expect(nextInRotation(order, 'gone', all)).toBe('a');
  });
});
