import { describe, expect, it } from 'vitest';
import type { Quote } from './operations';
import { statusMoves, withQuote } from './quote-list';

const quote = (id: string, version: number, title = id): Quote => ({
  id,
  dealId: 'd',
  title,
  currency: 'EUR',
  validUntil: null,
  status: 'DRAFT',
  version,
  packages: [],
  lines: [],
  totals: { subtotal: '0.00', discount: '0.00', net: '0.00', taxes: [], tax: '0.00', total: '0.00' },
});

describe('withQuote', () => {
  const list = [quote('a', 1), quote('b', 3)];

  it('adds a new quote at the end (oldest first)', () => {
    expect(withQuote(list, 'c', quote('c', 1)).map((q) => q.id)).toEqual(['a', 'b', 'c']);
  });

  it('replaces a held quote by a newer or equal push, keeps a newer held one', () => {
    expect(withQuote(list, 'a', quote('a', 2, 'renamed'))[0]!.title).toBe('renamed');
    expect(withQuote(list, 'b', quote('b', 2, 'late'))[1]!.title).toBe('b');
  });

  it('drops a quote pushed as null (no longer readable), ignores an unknown one', () => {
    expect(withQuote(list, 'a', null).map((q) => q.id)).toEqual(['b']);
    expect(withQuote(list, 'z', null)).toEqual(list);
  });
});

describe('statusMoves', () => {
  it('offers what the server allows', () => {
    expect(statusMoves('DRAFT').map((m) => m.status)).toEqual(['SENT']);
    expect(statusMoves('SENT').map((m) => m.status)).toEqual(['ACCEPTED', 'DECLINED', 'EXPIRED', 'DRAFT']);
    expect(statusMoves('ACCEPTED')).toEqual([]);
  });
});
