import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/index.js';
import { compileAfter, decodeCursor, encodeCursor } from './cursor.js';
import { compileSort, orderBySql } from './sort.js';
import { fieldOf, testMetadata } from './test-fixture.testing.js';

const { deal } = testMetadata();
const amount = fieldOf(deal, 'amount').column!;
const closeDate = fieldOf(deal, 'closeDate').column!;

function pathOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.extensions.argumentPath;
    throw error;
  }
  throw new TypeError('expected an error');
}

describe('compileSort', () => {
  it('defaults to newest first with id as tie-breaker, no NULLS clause on never-null columns', () => {
    const keys = compileSort(deal, null);
    expect(keys.map((k) => [k.key, k.direction])).toEqual([
      ['createdAt', 'DESC'],
      ['id', 'DESC'],
    ]);
    expect(orderBySql(keys, 't')).toBe('t."created_at" desc, t."id" desc');
  });

  it('sorts on several fields, nulls last unless asked, id last', () => {
    const keys = compileSort(deal, [
      { field: 'amount', direction: 'DESC' },
      { field: 'closeDate', direction: 'ASC', nulls: 'FIRST' },
    ]);
    expect(orderBySql(keys, 't')).toBe(
      `t."${amount}" desc nulls last, t."${closeDate}" asc nulls first, t."id" desc`,
    );
  });

  it('sorts money on its amount and stops at an explicit id', () => {
    const keys = compileSort(deal, [
      { field: 'id', direction: 'ASC' },
      { field: 'price', direction: 'ASC' },
    ]);
    expect(keys.map((k) => k.key)).toEqual(['id']);
    expect(compileSort(deal, [{ field: 'price', direction: 'ASC' }])[0]!.column).toBe(
      fieldOf(deal, 'price').column,
    );
  });

  it('refuses fields that cannot be sorted, naming the sort entry', () => {
    expect(
      pathOf(() =>
        compileSort(deal, [
          { field: 'name', direction: 'ASC' },
          { field: 'notes', direction: 'ASC' },
        ]),
      ),
    ).toEqual(['sort', '1', 'field']);
    expect(pathOf(() => compileSort(deal, [{ field: 'tags', direction: 'ASC' }]))).toEqual([
      'sort',
      '0',
      'field',
    ]);
    expect(pathOf(() => compileSort(deal, [{ field: 'labels', direction: 'ASC' }]))).toEqual([
      'sort',
      '0',
      'field',
    ]);
    expect(pathOf(() => compileSort(deal, [{ field: 'old', direction: 'ASC' }]))).toEqual([
      'sort',
      '0',
      'field',
    ]);
    expect(pathOf(() => compileSort(deal, [{ field: 'name', direction: 'UP' as 'ASC' }]))).toEqual([
      'sort',
      '0',
      'direction',
    ]);
  });
});

describe('keyset cursors', () => {
  const id = '40000000-0000-4000-8000-000000000001';

  it('round-trips the exact values PostgreSQL returned', () => {
    const keys = compileSort(deal, [{ field: 'amount', direction: 'ASC' }]);
    const cursor = encodeCursor(keys, { [amount]: '12.50', id });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(keys, cursor)).toEqual(['12.50', id]);
  });

  it('refuses a cursor of another sort, or a forged one', () => {
    const byAmount = compileSort(deal, [{ field: 'amount', direction: 'ASC' }]);
    const byDate = compileSort(deal, [{ field: 'closeDate', direction: 'ASC' }]);
    const cursor = encodeCursor(byAmount, { [amount]: '1', id });
    expect(pathOf(() => decodeCursor(byDate, cursor))).toEqual(['after']);
    expect(pathOf(() => decodeCursor(byAmount, 'not a cursor'))).toEqual(['after']);
    const forged = Buffer.from(JSON.stringify([`amount:AL,id:A`, '1; drop table x', id])).toString(
      'base64url',
    );
    expect(pathOf(() => decodeCursor(byAmount, forged))).toEqual(['after']);
  });

  it('uses a row comparison when every key is never null and in one direction', () => {
    const keys = compileSort(deal, [{ field: 'createdAt', direction: 'ASC' }]);
    expect(compileAfter(keys, ['2026-05-01 09:30:00.123456+00', id], 't')).toEqual({
      sql: '(t."created_at", t."id") > (?::timestamptz, ?::uuid)',
      params: ['2026-05-01 09:30:00.123456+00', id],
    });
  });

  it('expands nullable keys: nulls last come after every value', () => {
    const keys = compileSort(deal, [{ field: 'amount', direction: 'DESC' }]);
    expect(compileAfter(keys, ['10', id], 't')).toEqual({
      sql: `((t."${amount}" < ?::numeric) or (t."${amount}" is null)) or ((t."${amount}" = ?::numeric) and (t."id" < ?::uuid))`,
      params: ['10', '10', id],
    });
    expect(compileAfter(keys, [null, id], 't')).toEqual({
      sql: `(t."${amount}" is null) and (t."id" < ?::uuid)`,
      params: [id],
    });
  });

  it('with nulls first, a null cursor value is followed by every value', () => {
    const keys = compileSort(deal, [{ field: 'amount', direction: 'ASC', nulls: 'FIRST' }]);
    expect(compileAfter(keys, [null, id], 't').sql).toBe(
      `(t."${amount}" is not null) or ((t."${amount}" is null) and (t."id" > ?::uuid))`,
    );
  });
});
