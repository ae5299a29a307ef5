import { describe, expect, it } from 'vitest';
import type { RecordChangeEvent } from '@crm/contracts';
import { fieldOf, objectOf } from '../records/testing-metadata';
import { applyBoardChange } from './board-live';
import type { BoardColumnData, BoardData } from './operations';

const deal = objectOf('deal', 'deals', [
  fieldOf('name', 'TEXT'),
  fieldOf('stage', 'STAGE'),
  fieldOf('amount', 'CURRENCY'),
]);
const card = (id: string, stage: string, amount: number, rank: string | null) => ({
  id,
  version: 1,
  name: id,
  stage,
  amount: { amount, currency: 'EUR' },
  rank,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const column = (key: string, records: ReturnType<typeof card>[], hasMore = false): BoardColumnData => ({
  stage: { key, label: key, color: '#000', kind: 'OPEN', probability: 50, requiredFields: [], wipLimit: 1 },
  count: records.length + (hasMore ? 10 : 0),
  sum: records.reduce((s, r) => s + r.amount.amount, 0),
  weightedSum: null,
  overLimit: false,
  hasMore,
  records,
});
const board = (): BoardData => ({
  field: 'stage',
  sumField: 'amount',
  pipeline: { key: 'sales', label: 'Sales' },
  columns: [
    column('lead', [card('a', 'lead', 100, 'a0'), card('b', 'lead', 200, 'a1')]),
    column('won', [card('x', 'won', 1000, 'a0')]),
  ],
  unstaged: { count: 0, hasMore: false, records: [] },
});

function change(
  recordId: string,
  values: Record<string, unknown>,
  extra: Partial<RecordChangeEvent> = {},
): RecordChangeEvent {
  return {
    changeId: '5',
    object: 'deal',
    recordId,
    kind: 'update',
    version: 2,
    actorId: null,
    at: '2026-05-01T10:00:00.000Z',
    changedFields: Object.keys(values),
    values,
    previous: {},
    ...extra,
  };
}

const apply = (c: RecordChangeEvent, b = board(), searching = false) =>
  applyBoardChange(b, c, deal, [deal], searching);
const titles = (b: ReturnType<typeof apply>, i: number) =>
  b && b !== 'unchanged' ? b.columns[i]!.records.map((r) => r.id) : b;

describe('applyBoardChange', () => {
  it('moves a card to its new column at its rank, with counts, sums and the WIP flag', () => {
    const next = apply(change('b', { stage: 'won', rank: 'Zz' }));
    expect(titles(next, 0)).toEqual(['a']);
    expect(titles(next, 1)).toEqual(['b', 'x']);
    const won = (next as BoardData).columns[1]!;
    expect([won.count, won.sum, won.weightedSum, won.overLimit]).toEqual([2, 1200, 600, true]);
    expect((next as BoardData).columns[0]!.sum).toBe(100);
  });

  it('updates a card in place, and its column sum when the amount changes', () => {
    const next = apply(change('a', { amount: { amount: 150, currency: 'EUR' } })) as BoardData;
    expect(next.columns[0]!.records[0]!.amount).toEqual({ amount: 150, currency: 'EUR' });
    expect(next.columns[0]!.sum).toBe(350);
  });

  it('adds a created card and removes a deleted one', () => {
    const created = apply(
      change(
        'n',
        { name: 'n', stage: 'lead', amount: { amount: 5, currency: 'EUR' } },
        { kind: 'create', version: 1 },
      ),
    );
    expect(titles(created, 0)).toEqual(['a', 'b', 'n']);
    expect((created as BoardData).columns[0]!.count).toBe(3);
    const deleted = apply(
      change('a', { deletedAt: '2026-05-01T10:00:00.000Z' }, { kind: 'delete' }),
    ) as BoardData;
    expect(deleted.columns[0]!.records.map((r) => r.id)).toEqual(['b']);
    expect(deleted.columns[0]!.count).toBe(1);
  });

  it('leaves a card past the loaded end of a longer column to its later page, but counts it', () => {
    const b = board();
    b.columns[1] = column('won', [card('x', 'won', 1000, 'a0')], true);
    const next = apply(change('a', { stage: 'won', rank: 'b0' }), b) as BoardData;
    expect(next.columns[1]!.records.map((r) => r.id)).toEqual(['x']);
    expect(next.columns[1]!.count).toBe(12);
  });

  it('skips the mover’s own change already applied, and reloads for what the event cannot settle', () => {
    expect(apply(change('a', { stage: 'won' }, { version: 1 }))).toBe('unchanged');
    expect(apply(change('zz', { stage: 'won' }))).toBeNull();
    expect(apply(change('zz', { name: 'other' }))).toBe('unchanged');
    expect(apply(change('a', {}, { kind: 'restore' }))).toBeNull();
    expect(apply(change('a', { name: 'renamed' }), board(), true)).toBeNull();
    const unranked = board();
    unranked.columns[1] = column('won', [card('x', 'won', 1000, null)]);
    expect(apply(change('a', { stage: 'won', rank: 'a0' }), unranked)).toBeNull();
  });

  it('opens a "No stage" column for a card that loses its stage, and closes it once empty', () => {
    const opened = apply(change('a', { stage: null })) as BoardData;
    expect(opened.columns.map((c) => [c.stage.key, c.count])).toEqual([
      ['', 1],
      ['lead', 1],
      ['won', 1],
    ]);
    const moved = { ...opened.columns[0]!.records[0]!, version: 2 };
    const back = applyBoardChange(
      { ...opened, columns: [{ ...opened.columns[0]!, records: [moved] }, ...opened.columns.slice(1)] },
      change('a', { stage: 'lead', rank: 'a05' }, { version: 3 }),
      deal,
      [deal],
      false,
    ) as BoardData;
    expect(back.columns.map((c) => c.stage.key)).toEqual(['lead', 'won']);
    expect(back.columns[0]!.records.map((r) => r.id)).toEqual(['a', 'b']);
  });
});
