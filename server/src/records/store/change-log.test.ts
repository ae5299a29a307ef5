import { describe, expect, it } from 'vitest';
import { eraseLoggedValues, withoutTerms } from './change-log.js';
import type { WriteSql } from './hooks.js';

describe('withoutTerms', () => {
  it('cuts each term out of every string, ignoring case, and leaves other values', () => {
    expect(
      withoutTerms({ name: 'Offer by Jane Doe', to: ['JANE@x.test', 3], nested: { n: null, ok: true } }, [
        'jane doe',
        'jane@x.test',
        'a.b(c',
      ]),
    ).toEqual({ name: 'Offer by [erased]', to: ['[erased]', 3], nested: { n: null, ok: true } });
    // Terms are literal text, not patterns.
    expect(withoutTerms('x a.b(c y axbzc', ['a.b(c'])).toBe('x [erased] y axbzc');
  });
});

describe('eraseLoggedValues', () => {
  it('sets every logged value of the erased fields and cuts the terms from the rest', async () => {
    const statements: { sql: string; params: unknown[] }[] = [];
    const db = {
      execute: async (sql: string, params: unknown[] = []) => {
        statements.push({ sql, params });
        if (sql.startsWith('select'))
          return [
            { id: '1', changes: { name: [null, 'Jane Doe'], amount: [null, 5] } },
            { id: '2', changes: { name: ['Jane Doe', 'J. Doe'], note: ['', 'Met Jane Doe'] } },
            { id: '3', changes: { amount: [5, 6] } },
          ];
        return [];
      },
    } as unknown as WriteSql;
    const rewritten = await eraseLoggedValues(db, 'ws_1', {
      objectId: 'o',
      recordId: 'r',
      values: { name: 'Erased Person 1' },
      terms: ['Jane Doe'],
    });
    expect(rewritten).toBe(2);
    const updates = statements.filter((s) => s.sql.startsWith('update'));
    expect(updates.map((u) => [u.params[1], JSON.parse(u.params[0] as string)])).toEqual([
      ['1', { name: [null, 'Erased Person 1'], amount: [null, 5] }],
      ['2', { name: ['Erased Person 1', 'Erased Person 1'], note: ['', 'Met [erased]'] }],
    ]);
  });
});
