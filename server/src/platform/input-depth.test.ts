import { parseValue } from 'graphql';
import { describe, expect, it } from 'vitest';
import { literalTooDeepAt, tooDeepAt } from './input-depth.js';

describe('tooDeepAt', () => {
  it('finds where a JSON value nests past the limit, without recursing', () => {
    let value: unknown = 1;
    for (let i = 0; i < 200_000; i++) value = { not: value };
    expect(tooDeepAt(value, 3)).toEqual(['not', 'not', 'not']);
    expect(tooDeepAt({ a: [{ b: 1 }] }, 3)).toBeNull();
    expect(tooDeepAt({ a: [{ b: 1 }] }, 2)).toEqual(['a', '0']);
    expect(tooDeepAt('text', 0)).toBeNull();
  });

  it('does the same for an argument literal', () => {
    expect(literalTooDeepAt(parseValue('{ a: [{ b: { c: 1 } }] }'), 3)).toEqual(['a', '0', 'b']);
    expect(literalTooDeepAt(parseValue('{ a: [{ b: 1 }] }'), 3)).toBeNull();
  });
});
