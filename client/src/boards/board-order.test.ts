import { describe, expect, it } from 'vitest';
import { applyDrop, dropIndexFromPointer, isNoOpDrop, neighboursAt, withCardVersion } from './board-order';
import type { BoardCard, BoardColumnData, BoardStage } from './operations';

const card = (id: string, amount: number, stage: string): BoardCard => ({
  id,
  version: 1,
  name: id,
  stage,
  amount: { amount, currency: 'EUR' },
});

function column(
  key: string,
  probability: number,
  cards: BoardCard[],
  wipLimit: number | null = null,
): BoardColumnData {
  const stage: BoardStage = {
    key,
    label: key,
    color: '#000',
    kind: 'OPEN',
    probability,
    requiredFields: [],
    wipLimit,
  };
  const sum = cards.reduce((total, c) => total + (c.amount as { amount: number }).amount, 0);
  return {
    stage,
    count: cards.length,
    sum,
    weightedSum: (sum * probability) / 100,
    overLimit: false,
    hasMore: false,
    records: cards,
  };
}

const board = () => [
  column('lead', 10, [card('a', 100, 'lead'), card('b', 200, 'lead'), card('c', 300, 'lead')]),
  column('won', 100, [card('x', 1000, 'won')], 1),
];

describe('neighboursAt', () => {
  const cards = [card('a', 0, 'lead'), card('b', 0, 'lead'), card('c', 0, 'lead')];

  it('names the cards above and below the drop index', () => {
    expect(neighboursAt(cards, 'z', 1)).toEqual({ afterId: 'a', beforeId: 'b' });
    expect(neighboursAt(cards, 'z', 0)).toEqual({ afterId: null, beforeId: 'a' });
    expect(neighboursAt(cards, 'z', 3)).toEqual({ afterId: 'c', beforeId: null });
  });

  it('leaves the dragged card out when it moves within its own column', () => {
    // a, b, c: dragging a below b means index 1 among [b, c].
    expect(neighboursAt(cards, 'a', 1)).toEqual({ afterId: 'b', beforeId: 'c' });
    expect(neighboursAt(cards, 'c', 0)).toEqual({ afterId: null, beforeId: 'a' });
  });

  it('clamps an index past either end, and an empty column has no neighbours', () => {
    expect(neighboursAt(cards, 'z', 99)).toEqual({ afterId: 'c', beforeId: null });
    expect(neighboursAt(cards, 'z', -3)).toEqual({ afterId: null, beforeId: 'a' });
    expect(neighboursAt([], 'z', 0)).toEqual({ afterId: null, beforeId: null });
  });
});

describe('dropIndexFromPointer', () => {
  it('drops before the first card whose middle is below the pointer', () => {
    const middles = [50, 150, 250];
    expect(dropIndexFromPointer(middles, 10)).toBe(0);
    expect(dropIndexFromPointer(middles, 149)).toBe(1);
    expect(dropIndexFromPointer(middles, 151)).toBe(2);
    expect(dropIndexFromPointer(middles, 900)).toBe(3);
    expect(dropIndexFromPointer([], 5)).toBe(0);
  });
});

describe('applyDrop', () => {
  it('moves a card to another column at the index, with counts and sums', () => {
    const before = board();
    const after = applyDrop(before, { cardId: 'b', stage: 'won', index: 0 }, 'amount', 'stage');

    expect(after[0]!.records.map((r) => r.id)).toEqual(['a', 'c']);
    expect(after[1]!.records.map((r) => r.id)).toEqual(['b', 'x']);
    expect(after[1]!.records[0]!.stage).toBe('won');
    expect([after[0]!.count, after[0]!.sum, after[0]!.weightedSum]).toEqual([2, 400, 40]);
    expect([after[1]!.count, after[1]!.sum, after[1]!.weightedSum]).toEqual([2, 1200, 1200]);
    expect(after[1]!.overLimit).toBe(true);
    // Pure: the columns kept for a rollback are untouched.
    expect(before[0]!.records.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(before[1]!.count).toBe(1);
  });

  it('reorders within a column without changing its totals', () => {
    const after = applyDrop(board(), { cardId: 'a', stage: 'lead', index: 2 }, 'amount', 'stage');
    expect(after[0]!.records.map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect([after[0]!.count, after[0]!.sum]).toEqual([3, 600]);
  });

  it('rolls back by keeping the columns from before the drop', () => {
    const before = board();
    const optimistic = applyDrop(before, { cardId: 'c', stage: 'won', index: 1 }, 'amount', 'stage');
    expect(optimistic[1]!.records.map((r) => r.id)).toEqual(['x', 'c']);
    // The page puts `before` back when the server refuses: the same cards and totals as loaded.
    expect(before).toEqual(board());
  });

  it('leaves the board as it is for an unknown card', () => {
    expect(applyDrop(board(), { cardId: 'nope', stage: 'won', index: 0 }, 'amount', 'stage')).toEqual(
      board(),
    );
  });
});

describe('isNoOpDrop and withCardVersion', () => {
  it('knows a drop at the same place changes nothing', () => {
    expect(isNoOpDrop(board(), { cardId: 'b', stage: 'lead', index: 1 })).toBe(true);
    expect(isNoOpDrop(board(), { cardId: 'b', stage: 'lead', index: 2 })).toBe(false);
    expect(isNoOpDrop(board(), { cardId: 'b', stage: 'won', index: 1 })).toBe(false);
  });

  it('keeps the version the server answered on the moved card', () => {
    const after = withCardVersion(board(), 'x', 7);
    expect(after[1]!.records[0]!.version).toBe(7);
    expect(after[0]!.records[0]!.version).toBe(1);
  });
});
