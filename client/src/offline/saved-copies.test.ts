import { describe, expect, it } from 'vitest';
import { openedFirst, savedRecordLimit } from './saved-copies';

describe('openedFirst', () => {
  it('puts the opened record first, once', () => {
    expect(openedFirst(['a', 'b', 'c'], 'b')).toEqual({ kept: ['b', 'a', 'c'], dropped: [] });
    expect(openedFirst([], 'a')).toEqual({ kept: ['a'], dropped: [] });
  });

  it('drops the least recently opened past the limit', () => {
    const full = Array.from({ length: savedRecordLimit }, (_, i) => `r${i}`);
    const next = openedFirst(full, 'new');
    expect(next.kept).toHaveLength(savedRecordLimit);
    expect(next.kept[0]).toBe('new');
    expect(next.dropped).toEqual([`r${savedRecordLimit - 1}`]);
    expect(openedFirst(['a', 'b', 'c'], 'd', 2)).toEqual({ kept: ['d', 'a'], dropped: ['b', 'c'] });
  });
});
