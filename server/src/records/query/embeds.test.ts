import { describe, expect, it } from 'vitest';
import { embedRelations } from './embeds.js';
import { compileList } from './list.js';
import { ListStatements } from './list-statements.js';
import { sql } from './sql.js';
import { col, fieldOf, testMetadata } from './test-fixture.testing.js';

const { metadata, deal, person } = testMetadata();
const seller = fieldOf(deal, 'seller');
const embeds = [{ field: seller, target: person, fields: new Set(['id', 'name']) }];
const page = compileList(metadata, deal, {
  filter: { amount: { gte: 10 } },
  sort: [{ field: 'amount', direction: 'DESC' }],
  fields: new Set(['id', 'name', 'seller']),
});
// A caller's read scope, with a value of its own: it goes inside the join, after the page's values.
const scope = (_object: unknown, alias: string) => sql(`${alias}.owner_id = ?::uuid`, 'u-1');

describe('embedRelations', () => {
  it('joins each row to its related record by id, in the read scope, and restates the order', () => {
    const { page: statement } = embedRelations(metadata, page.page, page.keys, embeds, scope);
    const fk = col(deal, 'seller', 'p');
    expect(statement.sql).toBe(
      `select p.*, e0.* from (${page.page.sql}) p left join lateral (select e0."id" as "_e0_id", ${col(person, 'name', 'e0')} as "_e0_${person.fields.find((f) => f.key === 'name')!.column}" from "${metadata.schema}"."${person.table}" e0 where e0.id = ${fk} and e0.deleted_at is null and (e0.owner_id = ?::uuid)) e0 on true order by ${col(deal, 'amount', 'p')} desc nulls last, p."id" desc`,
    );
    expect(statement.params).toEqual([...page.page.params, 'u-1']);
  });

  it('reads the related records once per id, and none where the join found nothing', () => {
    const { read } = embedRelations(metadata, page.page, page.keys, embeds);
    const fk = seller.column!;
    const name = person.fields.find((f) => f.key === 'name')!.column!;
    const raws = [
      { id: 'd1', [fk]: 'p1', _e0_id: 'p1', [`_e0_${name}`]: 'Ann' },
      { id: 'd2', [fk]: 'p1', _e0_id: 'p1', [`_e0_${name}`]: 'Ann' },
      { id: 'd3', [fk]: 'p2', _e0_id: null, [`_e0_${name}`]: null },
      { id: 'd4', [fk]: null, _e0_id: null, [`_e0_${name}`]: null },
      // The extra row that only tells there is a next page: not read.
      { id: 'd5', [fk]: 'p3', _e0_id: 'p3', [`_e0_${name}`]: 'Cat' },
    ];
    const [rows] = read(raws, 4);
    expect(rows!.target).toBe(person);
    expect([...rows!.byId.keys()]).toEqual(['p1', 'p2']);
    expect(rows!.byId.get('p1')).toMatchObject({ id: 'p1', name: 'Ann' });
    expect(rows!.byId.get('p2')).toBeNull();
  });

  it('keeps the wrapped statement per page text, relations, fields and scope text', () => {
    const statements = new ListStatements(metadata);
    const first = embedRelations(metadata, page.page, page.keys, embeds, scope, statements);
    const again = embedRelations(metadata, page.page, page.keys, embeds, scope, statements);
    expect(again.page.sql).toBe(first.page.sql);
    const unscoped = embedRelations(metadata, page.page, page.keys, embeds, undefined, statements);
    expect(unscoped.page.sql).not.toContain('owner_id');
    const otherFields = [{ ...embeds[0]!, fields: new Set(['id']) }];
    expect(
      embedRelations(metadata, page.page, page.keys, otherFields, scope, statements).page.sql,
    ).not.toContain('_e0_f');
  });
});
