import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/index.js';
import type { RecordFilter } from '../api.js';
import { compileFilter } from './filter.js';
import { col, fieldOf, testMetadata } from './test-fixture.testing.js';

const { metadata, deal, person, tag } = testMetadata();
const compile = (filter: RecordFilter) => compileFilter({ metadata, object: deal, alias: 't' }, filter);
const userId = '30000000-0000-4000-8000-000000000001';

/** The error's code and argument path, for asserting BAD_USER_INPUT paths. */
function failure(run: () => unknown): { code: unknown; path: unknown; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError)
      return { code: error.extensions.code, path: error.extensions.argumentPath, message: error.message };
    throw error;
  }
  throw new TypeError('expected an error');
}

describe('compileFilter: operators on typed columns', () => {
  it('compares a number column with a typed parameter, unrounded', () => {
    expect(compile({ amount: { gte: 100.005 } })).toEqual({
      sql: `${col(deal, 'amount')} >= ?::numeric`,
      params: [100.005],
    });
  });

  it('casts dates and date-times, the column left bare', () => {
    expect(compile({ closeDate: { lt: '2026-05-01' } })).toEqual({
      sql: `${col(deal, 'closeDate')} < ?::date`,
      params: ['2026-05-01'],
    });
    expect(compile({ closedAt: { gt: '2026-05-01T09:30:00Z' } })).toEqual({
      sql: `${col(deal, 'closedAt')} > ?::timestamptz`,
      params: ['2026-05-01T09:30:00.000Z'],
    });
  });

  it('combines several operators of one field with and', () => {
    const compiled = compile({ amount: { gt: 1, lte: 10 } })!;
    expect(compiled.sql).toBe(
      `(${col(deal, 'amount')} > ?::numeric) and (${col(deal, 'amount')} <= ?::numeric)`,
    );
    expect(compiled.params).toEqual([1, 10]);
  });

  it('escapes % and _ in contains and startsWith, case-insensitively', () => {
    expect(compile({ name: { contains: '50%_off\\' } })).toEqual({
      sql: `${col(deal, 'name')} ilike ? escape '\\'`,
      params: ['%50\\%\\_off\\\\%'],
    });
    expect(compile({ name: { startsWith: 'Ac' } })!.params).toEqual(['Ac%']);
  });

  it('passes lists as one array parameter', () => {
    expect(compile({ amount: { in: [1, '2.5'] } })).toEqual({
      sql: `${col(deal, 'amount')} = any(?::numeric[])`,
      params: ['{"1","2.5"}'],
    });
    expect(compile({ stage: { notIn: ['won', 'lost'] } })).toEqual({
      sql: `(${col(deal, 'stage')} <> all(?::text[]) or ${col(deal, 'stage')} is null)`,
      params: ['{"won","lost"}'],
    });
  });

  it('keeps empty values for neq, and treats eq null as isEmpty', () => {
    expect(compile({ stage: { neq: 'won' } })!.sql).toBe(
      `(${col(deal, 'stage')} <> ?::text or ${col(deal, 'stage')} is null)`,
    );
    expect(compile({ amount: { eq: null } })!.sql).toBe(`${col(deal, 'amount')} is null`);
  });

  it('treats eq and neq blank text like null, as blank text is stored as no value', () => {
    expect(compile({ name: { eq: '' } })).toEqual(compile({ name: { isEmpty: true } }));
    expect(compile({ name: { neq: '' } })).toEqual(compile({ name: { isEmpty: false } }));
  });

  it('counts blank text and empty lists as empty', () => {
    expect(compile({ name: { isEmpty: true } })!.sql).toBe(
      `(${col(deal, 'name')} is null or ${col(deal, 'name')} = '')`,
    );
    expect(compile({ tags: { isEmpty: false } })!.sql).toBe(
      `(${col(deal, 'tags')} is not null and ${col(deal, 'tags')} <> '{}')`,
    );
    expect(compile({ rating: { isEmpty: true } })!.sql).toBe(`${col(deal, 'rating')} is null`);
  });

  it('uses array containment and overlap for multi-select', () => {
    expect(compile({ tags: { contains: ['hot', 'vip'] } })).toEqual({
      sql: `${col(deal, 'tags')} @> ?::text[]`,
      params: ['{"hot","vip"}'],
    });
    expect(compile({ tags: { in: ['hot'] } })!.sql).toBe(`${col(deal, 'tags')} && ?::text[]`);
    expect(compile({ tags: { notIn: ['hot'] } })!.sql).toBe(
      `(${col(deal, 'tags')} is null or not (${col(deal, 'tags')} && ?::text[]))`,
    );
  });

  it('filters money on its amount, and on its currency when named', () => {
    expect(compile({ price: { gte: 100 } })).toEqual({
      sql: `${col(deal, 'price')} >= ?::numeric`,
      params: [100],
    });
    const priceColumn = fieldOf(deal, 'price').column;
    expect(compile({ price: { gte: { amount: 100, currency: 'usd' } } })).toEqual({
      sql: `(${col(deal, 'price')} >= ?::numeric) and (t."${priceColumn}_currency" = ?::char(3))`,
      params: [100, 'USD'],
    });
  });

  it('coerces operands like written values (e-mail lower-cased, booleans, users)', () => {
    expect(compile({ email: { eq: 'Ann@Example.COM' } })!.params).toEqual(['ann@example.com']);
    expect(compile({ active: { eq: false } })).toEqual({
      sql: `${col(deal, 'active')} = ?::boolean`,
      params: [false],
    });
    expect(compile({ assignee: { eq: userId.toUpperCase() } })).toEqual({
      sql: `${col(deal, 'assignee')} = ?::uuid`,
      params: [userId],
    });
  });

  it('keeps values that look like SQL in parameters', () => {
    const evil = `x'); drop table users; --`;
    const compiled = compile({ name: { eq: evil }, email: { contains: '$.path ?' } })!;
    expect(compiled.sql).not.toContain('drop');
    expect(compiled.sql).not.toContain('$.path');
    expect(compiled.params).toEqual([evil, '%$.path ?%']);
  });
});

describe('compileFilter: system fields', () => {
  it('filters createdAt, owner and id', () => {
    expect(compile({ createdAt: { gte: '2026-01-01T00:00:00Z' } })).toEqual({
      sql: 't."created_at" >= ?::timestamptz',
      params: ['2026-01-01T00:00:00.000Z'],
    });
    expect(compile({ owner: { eq: userId } })!.sql).toBe('t."owner_id" = ?::uuid');
    expect(compile({ id: { in: [userId] } })).toEqual({
      sql: 't."id" = any(?::uuid[])',
      params: [`{"${userId}"}`],
    });
  });

  it('refuses isEmpty on id', () => {
    expect(failure(() => compile({ id: { isEmpty: true } })).path).toEqual(['filter', 'id', 'isEmpty']);
  });
});

describe('compileFilter: and, or, not', () => {
  it('nests groups, with not keeping rows where the inner predicate is null', () => {
    const compiled = compile({
      or: [{ stage: { eq: 'won' } }, { and: [{ amount: { gt: 5 } }, { not: { active: { eq: true } } }] }],
    })!;
    expect(compiled.sql).toBe(
      `(${col(deal, 'stage')} = ?::text) or ((${col(deal, 'amount')} > ?::numeric) and (not coalesce((${col(deal, 'active')} = ?::boolean), false)))`,
    );
    expect(compiled.params).toEqual(['won', 5, true]);
  });

  it('says nothing for an empty filter or empty groups', () => {
    expect(compile({})).toBeNull();
    expect(compile({ and: [], or: [{}] })).toBeNull();
  });
});

describe('compileFilter: relations', () => {
  const schema = metadata.schema;
  it('filters a many-to-one relation by id and through is', () => {
    expect(compile({ seller: { eq: userId } })!.sql).toBe(`${col(deal, 'seller')} = ?::uuid`);
    const compiled = compile({ seller: { is: { name: { contains: 'x' } } } })!;
    expect(compiled.sql).toBe(
      `exists (select 1 from "${schema}"."${person.table}" r1 where r1.id = ${col(deal, 'seller')} and r1.deleted_at is null and (${col(person, 'name', 'r1')} ilike ? escape '\\'))`,
    );
    expect(compiled.params).toEqual(['%x%']);
  });

  it('filters one-to-many through the inverse foreign key with some and none', () => {
    const people = compileFilter(
      { metadata, object: person, alias: 't' },
      { deals: { none: { stage: { eq: 'lost' } } } },
    )!;
    expect(people.sql).toBe(
      `not exists (select 1 from "${schema}"."${deal.table}" r1 where r1."${fieldOf(deal, 'seller').column}" = t.id and r1.deleted_at is null and (${col(deal, 'stage', 'r1')} = ?::text))`,
    );
  });

  it('filters many-to-many through the junction, on the right side', () => {
    const junction = fieldOf(deal, 'labels').options.junctionTable;
    expect(compile({ labels: { some: { name: { eq: 'vip' } } } })!.sql).toBe(
      `exists (select 1 from "${schema}"."${junction}" j2 join "${schema}"."${tag.table}" r1 on r1.id = j2.b_id where j2.a_id = t.id and r1.deleted_at is null and (${col(tag, 'name', 'r1')} = ?::text))`,
    );
    const fromTags = compileFilter({ metadata, object: tag, alias: 't' }, { deals: { isEmpty: true } })!;
    expect(fromTags.sql).toBe(
      `not exists (select 1 from "${schema}"."${junction}" j2 join "${schema}"."${deal.table}" r1 on r1.id = j2.a_id where j2.b_id = t.id and r1.deleted_at is null)`,
    );
  });

  it('matches to-many relations by related id', () => {
    const compiled = compile({ labels: { notIn: [userId] } })!;
    expect(compiled.sql).toMatch(
      /^not exists \(select 1 from .* where j2\.a_id = t\.id and r1\.deleted_at is null and r1\."id" = any\(\?::uuid\[\]\)\)$/,
    );
  });

  it('refuses a relation filter inside a relation filter', () => {
    const error = failure(() =>
      compileFilter(
        { metadata, object: person, alias: 't' },
        { deals: { some: { seller: { is: { name: { eq: 'a' } } } } } },
      ),
    );
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      path: ['filter', 'deals', 'some', 'seller', 'is'],
    });
  });

  it('refuses is on to-many, some on to-one, and relation operators on other fields', () => {
    expect(failure(() => compile({ labels: { is: {} } })).path).toEqual(['filter', 'labels', 'is']);
    expect(failure(() => compile({ seller: { some: {} } })).path).toEqual(['filter', 'seller', 'some']);
    expect(failure(() => compile({ name: { is: {} } })).path).toEqual(['filter', 'name', 'is']);
  });
});

describe('compileFilter: bad input names its path', () => {
  it.each([
    [{ price: { contains: 'x' } }, ['filter', 'price', 'contains']],
    [{ nope: { eq: 1 } }, ['filter', 'nope']],
    [{ old: { eq: 'x' } }, ['filter', 'old']],
    [{ secret: { eq: 'x' } }, ['filter', 'secret']],
    [{ stage: { eq: 'unknown' } }, ['filter', 'stage', 'eq']],
    [{ amount: { gt: 'many' } }, ['filter', 'amount', 'gt']],
    [{ amount: { in: [1, 'x'] } }, ['filter', 'amount', 'in', '1']],
    [{ amount: { in: 3 } }, ['filter', 'amount', 'in']],
    [{ closeDate: { gte: '2026-02-30' } }, ['filter', 'closeDate', 'gte']],
    [{ name: { isEmpty: 'yes' } }, ['filter', 'name', 'isEmpty']],
    [{ amount: 5 }, ['filter', 'amount']],
    [{ or: { amount: { eq: 1 } } }, ['filter', 'or']],
    [{ and: [{}, { rating: { lt: 9 } }] }, ['filter', 'and', '1', 'rating', 'lt']],
    [{ not: { tags: { eq: 'hot' } } }, ['filter', 'not', 'tags', 'eq']],
  ])('%j → %j', (filter, path) => {
    expect(failure(() => compile(filter as RecordFilter))).toMatchObject({ code: 'BAD_USER_INPUT', path });
  });
});
