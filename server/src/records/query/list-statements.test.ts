import { describe, expect, it } from 'vitest';
import type { ListArgs } from '../api.js';
import { encodeCursor } from './cursor.js';
import { compileList } from './list.js';
import { ListStatements } from './list-statements.js';
import { sql, type Sql } from './sql.js';
import { col, testMetadata } from './test-fixture.testing.js';

const { metadata, deal } = testMetadata();
const reader = { userId: '30000000-0000-4000-8000-000000000001', timeZone: 'UTC', now: new Date() };
const holders: Sql[] = [sql('t.owner_id = ?::uuid', reader.userId), sql('t.id = any(?::uuid[])', ['a', 'b'])];

function compile(args: ListArgs, statements?: ListStatements, scope: readonly Sql[] | null = null) {
  const { page, lead, count, keys, first } = compileList(
    metadata,
    deal,
    args,
    undefined,
    reader,
    scope,
    undefined,
    null,
    statements,
  );
  return { page, lead, count: { sql: count.sql, params: count.params }, keys, first };
}

const closeDesc = [{ field: 'closeDate', direction: 'DESC' as const }];

function cursorAfter(args: ListArgs, values: Record<string, unknown>): string {
  return encodeCursor(compile(args).keys, values);
}

describe('ListStatements', () => {
  it('serves every shape exactly as a fresh compile would, with this request’s values', () => {
    const statements = new ListStatements(metadata);
    const cases: [ListArgs, (readonly Sql[] | null)?][] = [
      [{ filter: { amount: { gte: 5, lte: 10 } }, first: 20 }],
      [{ filter: { amount: { gte: 7, lte: 300 } }, first: 20 }],
      [{ filter: { amount: { gte: 7 }, name: { contains: 'a_b' } }, search: 'acm', includeDeleted: true }],
      [{ sort: closeDesc, filter: { owner: { isMe: true } } }],
      [
        {
          sort: closeDesc,
          after: cursorAfter({ sort: closeDesc }, { close_date: '2026-01-02', id: reader.userId }),
        },
      ],
      [{ sort: closeDesc, after: cursorAfter({ sort: closeDesc }, { close_date: null, id: reader.userId }) }],
      [{ filter: { amount: { eq: 1 } } }, holders],
      [{ filter: { amount: { eq: 2 } } }, holders.slice(0, 1)],
      [{ filter: { amount: { eq: 3 } } }, []],
    ];
    for (const round of [1, 2])
      for (const [args, scope] of cases) {
        const expected = compile(args, undefined, scope ?? null);
        expect(compile(args, statements, scope ?? null), `round ${round}: ${JSON.stringify(args)}`).toEqual(
          expected,
        );
      }
  });

  it('builds a shape once: another request of it only gathers its values', () => {
    const statements = new ListStatements(metadata);
    const one = compile({ filter: { amount: { gte: 5, lte: 10 } } }, statements);
    const two = compile({ filter: { amount: { gte: 8, lte: 90 } } }, statements);
    expect(two.page.sql).toBe(one.page.sql);
    expect(two.page.params).toEqual([8, 90, 51]);
    // A value that changes the statement (a blank equality reads as "is empty") is another shape.
    const blank = compile({ filter: { name: { eq: '' } } }, statements);
    expect(blank.page.sql).toContain(`${col(deal, 'name')} is null`);
  });

  it('gives a split page’s first half this request’s values, and one outcome to the shape’s requests', () => {
    const statements = new ListStatements(metadata);
    const one = compile({ sort: closeDesc, filter: { amount: { gte: 5 } } }, statements);
    const two = compile({ sort: closeDesc, filter: { amount: { gte: 8 } } }, statements);
    expect(two.lead!.statement.sql).toBe(one.lead!.statement.sql);
    expect([one.lead!.statement.params, two.lead!.statement.params]).toEqual([
      [5, 51],
      [8, 51],
    ]);
    one.lead!.outcome.filled = false;
    expect(two.lead!.outcome.filled).toBe(false);
    // Compiled without the statements, each request starts by trying the first half.
    expect(compile({ sort: closeDesc }).lead!.outcome.filled).toBe(true);
  });

  it('compiles afresh for metadata it does not belong to', () => {
    const statements = new ListStatements(testMetadata().metadata);
    const { page } = compile({ filter: { amount: { gt: 1 } } }, statements);
    expect(page).toEqual(compile({ filter: { amount: { gt: 1 } } }).page);
  });

  it('selects the projected fields, id, and the sort columns a cursor needs', () => {
    const statements = new ListStatements(metadata);
    const fields = new Set(['name']);
    // Newest first: created_at is not asked for, but the cursor is made of it.
    const { page } = compile({ fields }, statements);
    const select = page.sql.slice(0, page.sql.indexOf(' from '));
    expect(select).toBe(`select t."id", ${col(deal, 'name')}, t."created_at"`);
    const { page: whole } = compile({}, statements);
    expect(whole.sql).toContain('t."updated_at"');
  });
});
