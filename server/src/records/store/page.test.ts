import { describe, expect, it } from 'vitest';
import type { PageLead } from '../query/null-split.js';
import type { Sql } from '../query/sql.js';
import { readPage } from './page.js';

// A page sorted on `d` descending with empty values last, limit 3: the first half is the rows
// with a date. The runner answers each statement with the rows given and records what ran.
const page: Sql = { sql: 'whole page', params: [] };
const half: Sql = { sql: 'first half', params: [] };
const dated = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `d${i}`, d: `2026-01-0${i + 1}` }));
const empty = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `e${i}`, d: null }));

function runner(answers: Map<Sql, Record<string, unknown>[]>) {
  const ran: string[] = [];
  const run = (statement: Sql) => {
    ran.push(statement.sql);
    return Promise.resolve(answers.get(statement)!);
  };
  return { ran, run };
}

const lead = (emptyFirst = false): PageLead => ({
  statement: half,
  column: 'd',
  emptyFirst,
  outcome: { filled: true },
});

describe('readPage', () => {
  it('reads only the first half when it fills the page', async () => {
    const { ran, run } = runner(new Map([[half, dated(3)]]));
    const l = lead();
    expect(await readPage(run, page, l, 3)).toEqual(dated(3));
    expect(ran).toEqual(['first half']);
    expect(l.outcome.filled).toBe(true);
  });

  it('reads the whole page when the first half falls short, and goes straight to it next time', async () => {
    const whole = [...dated(1), ...empty(2)];
    const { ran, run } = runner(
      new Map([
        [half, dated(1)],
        [page, whole],
      ]),
    );
    const l = lead();
    expect(await readPage(run, page, l, 3)).toEqual(whole);
    expect(ran).toEqual(['first half', 'whole page']);
    expect(l.outcome.filled).toBe(false);
    expect(await readPage(run, page, l, 3)).toEqual(whole);
    expect(ran).toEqual(['first half', 'whole page', 'whole page']);
  });

  it('tries the first half again once a whole page shows it would have filled it', async () => {
    const l = { ...lead(), outcome: { filled: false } };
    const { ran, run } = runner(
      new Map([
        [page, dated(3)],
        [half, dated(3)],
      ]),
    );
    await readPage(run, page, l, 3);
    expect(l.outcome.filled).toBe(true);
    await readPage(run, page, l, 3);
    expect(ran).toEqual(['whole page', 'first half']);
  });

  it('counts a short whole page as not filled, and reads empty-first halves by their empty values', async () => {
    const l = { ...lead(true), outcome: { filled: false } };
    const { run } = runner(new Map([[page, [...empty(2), ...dated(1)]]]));
    await readPage(run, page, l, 3);
    expect(l.outcome.filled).toBe(false);
    const full = runner(new Map([[page, empty(3)]]));
    await readPage(full.run, page, l, 3);
    expect(l.outcome.filled).toBe(true);
    const short = runner(
      new Map([
        [half, empty(2)],
        [page, empty(2)],
      ]),
    );
    expect(await readPage(short.run, page, l, 3)).toEqual(empty(2));
    expect(short.ran).toEqual(['first half', 'whole page']);
    expect(l.outcome.filled).toBe(false);
  });

  it('reads the whole page when there is no first half', async () => {
    const { ran, run } = runner(new Map([[page, dated(2)]]));
    expect(await readPage(run, page, null, 3)).toEqual(dated(2));
    expect(ran).toEqual(['whole page']);
  });
});
