import { describe, expect, it } from 'vitest';
import { BadInput } from '../../platform/index.js';
import { checkFilterLimits } from './filter-limits.js';

function nots(levels: number): Record<string, unknown> {
  let filter: Record<string, unknown> = { name: { eq: 'x' } };
  for (let i = 0; i < levels; i++) filter = { not: filter };
  return filter;
}

function refusal(run: () => void): BadInput {
  try {
    run();
  } catch (error) {
    if (error instanceof BadInput) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('checkFilterLimits', () => {
  it('walks a filter of 100,000 levels without recursion and refuses it at the first level too deep', () => {
    const error = refusal(() => checkFilterLimits(nots(100_000), ['filter']));
    expect(error.extensions.argumentPath).toEqual(['filter', ...Array(10).fill('not')]);
  });

  it('counts and/or items, not, and relation filters as levels; honours configured limits', () => {
    const deep = { and: [{ or: [{ seller: { is: { not: { name: { eq: 'x' } } } } }] }] };
    expect(() => checkFilterLimits(deep, ['filter'], { maxDepth: 5, maxConditions: 10 })).not.toThrow();
    const error = refusal(() => checkFilterLimits(deep, ['filter'], { maxDepth: 4, maxConditions: 10 }));
    expect(error.extensions.argumentPath).toEqual(['filter', 'and', '0', 'or', '0', 'seller', 'is', 'not']);
  });

  it('counts each operator on a field as a condition, and bounds lists of empty filters', () => {
    const limits = { maxDepth: 10, maxConditions: 3 };
    expect(() =>
      checkFilterLimits({ price: { gte: 1, lte: 2 }, name: { eq: 'x' } }, ['f'], limits),
    ).not.toThrow();
    expect(
      refusal(() => checkFilterLimits({ price: { gte: 1, lte: 2, neq: 3, eq: 4 } }, ['f'], limits)).message,
    ).toMatch(/at most 3 conditions/);
    const empties = { or: Array.from({ length: 10_000 }, () => ({})) };
    expect(refusal(() => checkFilterLimits(empties, ['f'], limits)).extensions.argumentPath).toEqual([
      'f',
      'or',
    ]);
  });
});
