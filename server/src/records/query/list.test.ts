import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/index.js';
import { encodeCursor } from './cursor.js';
import { compileGetMany, compileList, compileRelated } from './list.js';
import { compileSearch, searchDocumentSql } from './search.js';
import { sql } from './sql.js';
import { col, fieldOf, testMetadata } from './test-fixture.testing.js';

const { metadata, deal, person, tag } = testMetadata();
const table = `"${metadata.schema}"."${deal.table}"`;

function pathOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.extensions.argumentPath;
    throw error;
  }
  throw new TypeError('expected an error');
}

describe('compileSearch', () => {
  it('matches the last word as a prefix while typing', () => {
    expect(compileSearch('t', 'acm')).toEqual({
      sql: `t.search @@ to_tsquery('simple', ?)`,
      params: [`'acm':*`],
    });
    expect(compileSearch('t', '  big acm')).toEqual({
      sql: `t.search @@ (websearch_to_tsquery('simple', ?) && to_tsquery('simple', ?))`,
      params: ['big', `'acm':*`],
    });
  });

  it('leaves finished words, phrases, exclusions and or to websearch_to_tsquery', () => {
    for (const text of [
      'acme ',
      '"big acme"',
      'big -acme',
      'acme or',
      'acme or big',
      `o'brien`,
      '"open phrase',
    ]) {
      expect(compileSearch('t', text)).toEqual({
        sql: `t.search @@ websearch_to_tsquery('simple', ?)`,
        params: [text.trim()],
      });
    }
  });

  it('ignores blank searches and refuses long ones', () => {
    expect(compileSearch('t', '   ')).toBeNull();
    expect(pathOf(() => compileSearch('t', 'x'.repeat(201)))).toEqual(['search']);
  });

  it('indexes the searchable fields, taking written values from parameters', () => {
    const name = fieldOf(deal, 'name');
    const document = searchDocumentSql(deal, new Map([[name, 'Acme']]), 't');
    expect(document.sql).toBe(
      `to_tsvector('simple', concat_ws(' ', ?::text, left(${col(deal, 'notes')}, 100000), ${col(deal, 'email')}, ${col(deal, 'phone')}, ${col(deal, 'secret')}))`,
    );
    expect(document.params).toEqual(['Acme']);
  });
});

describe('compileList', () => {
  it('pages live records in a total order, fetching one extra row', () => {
    const { page, count, first } = compileList(metadata, deal, { filter: { amount: { gt: 5 } }, first: 20 });
    expect(first).toBe(20);
    expect(page.sql).toMatch(
      new RegExp(
        `^select t\\."id", .* from ${escape(table)} t where \\(t\\.deleted_at is null\\) and \\(${escape(col(deal, 'amount'))} > \\?::numeric\\) order by t\\."created_at" desc, t\\."id" desc limit \\?$`,
      ),
    );
    expect(page.params).toEqual([5, 21]);
    expect(count).toEqual({
      sql: `select count(*) as count from ${table} t where (t.deleted_at is null) and (${col(deal, 'amount')} > ?::numeric)`,
      params: [5],
    });
  });

  it('selects many-to-many ids as a sorted list of live records', () => {
    const { page } = compileList(metadata, deal, {});
    const junction = fieldOf(deal, 'labels').options.junctionTable;
    expect(page.sql).toContain(
      `array(select l.b_id::text from "${metadata.schema}"."${junction}" l join "${metadata.schema}"."${tag.table}" lt on lt.id = l.b_id and lt.deleted_at is null where l.a_id = t.id order by l.b_id) as "f_${fieldOf(deal, 'labels').id.replace(/-/g, '')}"`,
    );
    expect(page.sql).not.toContain(fieldOf(deal, 'old').column!);
  });

  it('includes deleted records when asked, and adds search and cursor', () => {
    const keys = compileList(metadata, deal, {}).keys;
    const after = encodeCursor(keys, {
      created_at: '2026-05-01 10:00:00+00',
      id: '40000000-0000-4000-8000-000000000001',
    });
    const { page } = compileList(metadata, deal, { includeDeleted: true, search: 'acm', after });
    expect(page.sql).toContain(
      `where (t.search @@ to_tsquery('simple', ?)) and ((t."created_at", t."id") < (?::timestamptz, ?::uuid)) order by`,
    );
    expect(page.sql).not.toContain('deleted_at is null) and');
    expect(page.params).toEqual([
      `'acm':*`,
      '2026-05-01 10:00:00+00',
      '40000000-0000-4000-8000-000000000001',
      51,
    ]);
  });

  it('reads a descending sort with nulls last as two index-ordered halves, the second only when the first is short', () => {
    const closeDate = col(deal, 'closeDate');
    const sort = [{ field: 'closeDate', direction: 'DESC' as const }];
    const { page } = compileList(metadata, deal, { filter: { amount: { gt: 5 } }, sort, first: 10 });
    const half = (condition: string, order: string) =>
      `select .* from ${escape(table)} t where \\(t\\.deleted_at is null\\) and \\(${escape(col(deal, 'amount'))} > \\?::numeric\\) and \\(${condition}\\) order by ${escape(order)} limit \\?`;
    const gate = `\\(select count\\(\\*\\) from t_first\\) < \\?`;
    expect(page.sql).toMatch(
      new RegExp(
        `^with t_first as \\(${half(escape(`${closeDate} is not null`), `${closeDate} desc, t."id" desc`)}\\) select \\* from \\(select \\* from t_first union all \\((${half(`${escape(`${closeDate} is null`)}\\) and \\(${gate}`, 't."id" desc')})\\)\\) t order by ${escape(closeDate)} desc nulls last, t\\."id" desc limit \\?$`,
      ),
    );
    expect(page.params).toEqual([5, 11, 5, 11, 11, 11]);
    // Its first half alone, read first: the page when it fills it.
    const { lead } = compileList(metadata, deal, { filter: { amount: { gt: 5 } }, sort, first: 10 });
    expect(lead!.statement.sql).toMatch(
      new RegExp(`^${half(escape(`${closeDate} is not null`), `${closeDate} desc, t."id" desc`)}$`),
    );
    expect(lead!.statement.params).toEqual([5, 11]);
    expect(lead).toMatchObject({ column: fieldOf(deal, 'closeDate').column, emptyFirst: false });
    const emptyFirst = compileList(metadata, deal, {
      sort: [{ field: 'closeDate', direction: 'ASC', nulls: 'FIRST' }],
    });
    expect(emptyFirst.lead!.statement.sql).toContain(`${closeDate} is null`);
    expect(emptyFirst.lead!.emptyFirst).toBe(true);
    // Ascending with nulls last walks the index as it is: one statement, no first half.
    const asc = compileList(metadata, deal, { sort: [{ field: 'closeDate', direction: 'ASC' }] });
    expect(asc.page.sql).not.toContain('union all');
    expect(asc.lead).toBeNull();
  });

  it('continues a split page from a cursor with a value, or from one among the empty rows', () => {
    const closeDate = col(deal, 'closeDate');
    const id = '40000000-0000-4000-8000-000000000001';
    const desc = compileList(metadata, deal, { sort: [{ field: 'closeDate', direction: 'DESC' }] });
    const afterValue = encodeCursor(desc.keys, { [fieldOf(deal, 'closeDate').column!]: '2026-05-01', id });
    const fromValue = compileList(metadata, deal, {
      sort: [{ field: 'closeDate', direction: 'DESC' }],
      after: afterValue,
    }).page;
    expect(fromValue.sql).toContain(`((${closeDate}, t."id") < (?::date, ?::uuid)) order by`);
    expect(fromValue.sql).toContain(`union all`);
    expect(fromValue.params).toEqual(['2026-05-01', id, 51, 51, 51, 51]);
    const afterEmpty = encodeCursor(desc.keys, { [fieldOf(deal, 'closeDate').column!]: null, id });
    const fromEmpty = compileList(metadata, deal, {
      sort: [{ field: 'closeDate', direction: 'DESC' }],
      after: afterEmpty,
    }).page;
    expect(fromEmpty.sql).not.toContain('union all');
    expect(
      compileList(metadata, deal, { sort: [{ field: 'closeDate', direction: 'DESC' }], after: afterEmpty })
        .lead,
    ).toBeNull();
    expect(fromEmpty.sql).toMatch(
      new RegExp(
        `and \\(${escape(closeDate)} is null\\) and \\(t\\."id" < \\?::uuid\\) order by t\\."id" desc limit \\?$`,
      ),
    );
    expect(fromEmpty.params).toEqual([id, 51]);
    // Nulls first: past the empty rows, only valued rows remain, from the index alone.
    const ascFirst = [{ field: 'closeDate', direction: 'ASC' as const, nulls: 'FIRST' as const }];
    const keys = compileList(metadata, deal, { sort: ascFirst }).keys;
    const after = encodeCursor(keys, { [fieldOf(deal, 'closeDate').column!]: '2026-05-01', id });
    const valuedOnly = compileList(metadata, deal, { sort: ascFirst, after }).page;
    expect(valuedOnly.sql).not.toContain('union all');
    expect(valuedOnly.sql).toMatch(
      new RegExp(
        `and \\(${escape(closeDate)} is not null\\) and \\(\\(${escape(closeDate)}, t\\."id"\\) > \\(\\?::date, \\?::uuid\\)\\) order by ${escape(closeDate)} asc, t\\."id" asc limit \\?$`,
      ),
    );
  });

  it('reads a scope of several holders per holder, each its own ordered page, then merges them', () => {
    const holders = [sql('t."owner_id" = ?::uuid', 'me'), sql('t."f_x" = ?::uuid', 'me')];
    const args = { filter: { amount: { gt: 5 } }, first: 20 };
    const { page, count } = compileList(metadata, deal, args, undefined, undefined, holders);
    const where = `(t.deleted_at is null) and (${col(deal, 'amount')} > ?::numeric)`;
    const order = 'order by t."created_at" desc, t."id" desc';
    // Disjoint parts: a record both owned and held through f_x is read once, as owned.
    const second = `(t."f_x" = ?::uuid) and ((t."owner_id" = ?::uuid) is not true)`;
    const part = (holder: string) =>
      `\\(select t\\."id", .* from ${escape(table)} t where ${escape(`${where} and (${holder}) ${order}`)} limit \\?\\)`;
    expect(page.sql).toMatch(
      new RegExp(
        `^select \\* from \\(${part('t."owner_id" = ?::uuid')} union all ${part(second)}\\) t ${escape(order)} limit \\?$`,
      ),
    );
    expect(page.params).toEqual([5, 'me', 21, 5, 'me', 'me', 21, 21]);
    expect(count).toEqual({
      sql: `select count(*) as count from (select 1 from ${table} t where ${where} and (t."owner_id" = ?::uuid) union all select 1 from ${table} t where ${where} and (${second})) scoped`,
      params: [5, 'me', 5, 'me', 'me'],
    });
  });

  it('continues a scoped page from its cursor in every holder, and keeps one holder a plain condition', () => {
    const holders = [sql('t."owner_id" = ?::uuid', 'me'), sql('t."f_x" = ?::uuid', 'me')];
    const keys = compileList(metadata, deal, {}).keys;
    const id = '40000000-0000-4000-8000-000000000001';
    const after = encodeCursor(keys, { created_at: '2026-05-01 10:00:00+00', id });
    const { page } = compileList(metadata, deal, { after }, undefined, undefined, holders);
    expect(page.sql.match(/\(t\."created_at", t\."id"\) < \(\?::timestamptz, \?::uuid\)/g)).toHaveLength(2);
    const at = ['2026-05-01 10:00:00+00', id];
    expect(page.params).toEqual(['me', ...at, 51, 'me', 'me', ...at, 51, 51]);
    const one = compileList(metadata, deal, {}, undefined, undefined, holders.slice(0, 1));
    expect(one.page.sql).toContain(`where (t.deleted_at is null) and (t."owner_id" = ?::uuid) order by`);
    expect(one.count.sql).toBe(
      `select count(*) as count from ${table} t where (t.deleted_at is null) and (t."owner_id" = ?::uuid)`,
    );
    const none = compileList(metadata, deal, {}, undefined, undefined, []);
    expect(none.count.sql).toBe(
      `select count(*) as count from ${table} t where (t.deleted_at is null) and (false)`,
    );
  });

  it('splits each holder’s page of a nullable sort, then merges them', () => {
    const holders = [sql('t."owner_id" = ?::uuid', 'me'), sql('t."f_x" = ?::uuid', 'me')];
    const closeDate = col(deal, 'closeDate');
    const sort = [{ field: 'closeDate', direction: 'DESC' as const }];
    const { page, lead } = compileList(metadata, deal, { sort }, undefined, undefined, holders);
    expect(lead).toBeNull();
    expect(page.sql.match(/union all/g)).toHaveLength(3);
    expect(page.sql.match(/with t_first as/g)).toHaveLength(2);
    expect(page.sql).toMatch(
      new RegExp(`\\) t order by ${escape(closeDate)} desc nulls last, t\\."id" desc limit \\?$`),
    );
    expect(page.params).toEqual(['me', 51, 'me', 51, 51, 51, 'me', 'me', 51, 'me', 'me', 51, 51, 51, 51]);
  });

  it('refuses page sizes outside 1–500 and foreign cursors', () => {
    expect(pathOf(() => compileList(metadata, deal, { first: 0 }))).toEqual(['first']);
    expect(pathOf(() => compileList(metadata, deal, { first: 501 }))).toEqual(['first']);
    expect(pathOf(() => compileList(metadata, deal, { first: 1.5 }))).toEqual(['first']);
    expect(pathOf(() => compileList(metadata, deal, { after: 'eyJ4IjoxfQ' }))).toEqual(['after']);
    expect(compileList(metadata, deal, { first: 500 }).first).toBe(500);
  });
});

describe('compileGetMany and compileRelated', () => {
  it('reads live records by id in one statement', () => {
    const query = compileGetMany(metadata, deal, ['a', 'b']);
    expect(query.sql).toMatch(/where t\.id = any\(\?::uuid\[\]\) and t\.deleted_at is null$/);
    expect(query.params).toEqual(['{"a","b"}']);
  });

  it('reads one-to-many children through the inverse foreign key for all parents', () => {
    const { sql, target } = compileRelated(metadata, person, fieldOf(person, 'deals'), ['p1', 'p2']);
    expect(target).toBe(deal);
    const fk = col(deal, 'seller');
    expect(sql.sql).toContain(
      `, ${fk} as _parent from ${table} t where ${fk} = any(?::uuid[]) and t.deleted_at is null order by t.created_at, t.id`,
    );
  });

  it('reads many-to-many records through the junction', () => {
    const { sql, target } = compileRelated(metadata, tag, fieldOf(tag, 'deals'), ['x']);
    expect(target).toBe(deal);
    expect(sql.sql).toContain(
      `pj.b_id as _parent from "${metadata.schema}"."${fieldOf(tag, 'deals').options.junctionTable}" pj join ${table} t on t.id = pj.a_id where pj.b_id = any(?::uuid[])`,
    );
  });

  it('refuses fields that are not to-many relations of the object', () => {
    expect(pathOf(() => compileRelated(metadata, deal, fieldOf(deal, 'seller'), ['x']))).toEqual(['seller']);
    expect(pathOf(() => compileRelated(metadata, person, fieldOf(deal, 'labels'), ['x']))).toEqual([
      'labels',
    ]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
