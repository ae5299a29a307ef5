import { orderBySql, type SortKey } from './sort.js';
import { andSql, type Sql } from './sql.js';

/**
 * A record-scoped list read per holder: the caller's records as owner, through each granting
 * field and through shares, each alternative by its own index, then put together. One statement
 * with their OR cannot use those indexes: PostgreSQL walks the page-order index filtering every
 * row for the page, and scans the table for the count (plans in docs/permissions.md, "Cost").
 */
export interface ScopedQuery {
  /** `from <table> <alias>`. */
  from: string;
  alias: string;
  /** Filter, search and liveness, without cursor and scope. */
  conditions: readonly Sql[];
  /** The scope's alternatives, two or more. */
  holders: readonly Sql[];
}

/**
 * Each alternative's rows that no earlier one holds (`is not true`: a null owner is not the
 * caller), so the parts are disjoint and a record held twice is read once, without a dedup.
 */
function disjoint(holders: readonly Sql[]): Sql[] {
  return holders.map((holder, i) =>
    andSql([
      holder,
      ...holders.slice(0, i).map((h) => ({ sql: `(${h.sql}) is not true`, params: h.params })),
    ]),
  );
}

/**
 * Each alternative's own page (`pageOf`: its first `limit` rows in the page's order, a walk of
 * `limit` index entries when its holder index matches the order), then the first `limit` of all.
 */
export function compileScopedPage(
  query: ScopedQuery,
  keys: readonly SortKey[],
  pageOf: (conditions: readonly Sql[]) => Sql,
  limit: number,
): Sql {
  const parts = disjoint(query.holders).map((holder) => pageOf([...query.conditions, holder]));
  return {
    sql: `select * from (${parts.map((p) => `(${p.sql})`).join(' union all ')}) ${query.alias} order by ${orderBySql(keys, query.alias)} limit ?`,
    params: [...parts.flatMap((p) => p.params), limit],
  };
}

/** The records of each alternative that no earlier one holds, added up. */
export function compileScopedCount(query: ScopedQuery): Sql {
  const parts = disjoint(query.holders).map((holder) => {
    const where = andSql([...query.conditions, holder]);
    return { sql: `select 1 ${query.from} where ${where.sql}`, params: where.params };
  });
  return {
    sql: `select count(*) as count from (${parts.map((p) => p.sql).join(' union all ')}) scoped`,
    params: parts.flatMap((p) => p.params),
  };
}
