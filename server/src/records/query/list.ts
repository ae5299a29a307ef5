import {
  type FieldDef,
  type ObjectDef,
  qualified,
  quote,
  type WorkspaceMetadata,
} from '../../metadata/index.js';
import { BadInput } from '../../platform/index.js';
import type { Reader } from '@crm/contracts';
import type { ListArgs } from '../api.js';
import { compileAfter, decodeCursor, type CursorValue } from './cursor.js';
import { inverseForeignKey, isManyToMany, isOneToMany, junctionSides, targetObject } from './fields.js';
import { compileFilter } from './filter.js';
import type { FilterLimits } from './filter-limits.js';
import { compileNullSplitLead, compileNullSplitPage, nullSplitKey, type PageLead } from './null-split.js';
import { rowDecoder, selectList, type Projection, type RowDecoder } from './rows.js';
import { compileSearch } from './search.js';
import { compileSort, orderBySql, type SortKey } from './sort.js';
import { compileScopedCount, compileScopedPage } from './scoped.js';
import { andSql, sql, type Sql } from './sql.js';
import { fillSlots, slotted, type ListStatements, type ListTemplate } from './list-statements.js';

/** Whole read statements: a page of a list, its count, records by id, related records. */

export const defaultPageSize = 50;
export const maxPageSize = 500;
const alias = 't';

export interface CompiledList {
  /** Fetches `first + 1` rows: the extra one only tells whether there is a next page. */
  page: Sql;
  /** A split page's first half alone (null-split.ts), which is the page when it fills it. */
  lead: PageLead | null;
  /** The same filter and search, without cursor and order. */
  count: Sql;
  keys: SortKey[];
  first: number;
  /** Decodes the page's rows (of the projected fields, when the arguments name some). */
  decode: RowDecoder;
}

function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return defaultPageSize;
  if (!Number.isInteger(first) || first < 1 || first > maxPageSize) {
    throw new BadInput(['first'], `first: must be a whole number from 1 to ${maxPageSize}.`);
  }
  return first;
}

export function compileList(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  args: ListArgs,
  limits?: FilterLimits,
  reader?: Reader,
  holders?: readonly Sql[] | null,
  rowScope?: ScopeOf,
  searchFields?: readonly FieldDef[] | null,
  statements?: ListStatements,
): CompiledList {
  const first = pageSize(args.first);
  const keys = statements ? statements.sortOf(object, args.sort) : compileSort(object, args.sort);
  const filter = compileFilter({ metadata, object, alias, limits, reader, rowScope }, args.filter);
  const search = compileSearch(alias, args.search, searchFields);
  const cursor = args.after ? decodeCursor(keys, args.after) : null;
  const shape: ListShape = {
    first,
    keys,
    includeDeleted: Boolean(args.includeDeleted),
    projection: args.fields ?? null,
    filter,
    search,
    holders: holders ?? null,
    cursor,
  };
  if (!statements) return { ...buildList(metadata, object, shape), keys, first };
  const template = statements.template(metadata, object, shape, args.sort, () =>
    buildList(metadata, object, slotted(shape)),
  );
  const values = { filter, search, holders, cursor };
  const { lead } = template;
  return {
    page: { sql: template.page.sql, params: fillSlots(template.page.params, values) },
    lead: lead && {
      ...lead,
      statement: { sql: lead.statement.sql, params: fillSlots(lead.statement.params, values) },
    },
    count: {
      sql: template.count.sql,
      get params() {
        return fillSlots(template.count.params, values);
      },
    },
    keys,
    first,
    decode: template.decode,
  };
}

/** What a list statement is made of, its values included. */
export interface ListShape {
  first: number;
  keys: SortKey[];
  includeDeleted: boolean;
  projection: Projection;
  filter: Sql | null;
  search: Sql | null;
  holders: readonly Sql[] | null;
  cursor: readonly CursorValue[] | null;
}

/** The page and count statements of a list; their values as they are, or as slots of a template. */
function buildList(metadata: WorkspaceMetadata, object: ObjectDef, shape: ListShape): ListTemplate {
  const { keys, cursor, holders } = shape;
  const conditions: Sql[] = [];
  if (!shape.includeDeleted) conditions.push(sql(`${alias}.deleted_at is null`));
  if (shape.filter) conditions.push(shape.filter);
  if (shape.search) conditions.push(shape.search);
  const from = `from ${qualified(metadata.schema, object.table)} ${alias}`;
  // A cursor is made of the page's last row's sort columns: they are read even when not asked for.
  const columns = selectList(
    metadata,
    object,
    alias,
    shape.projection,
    keys.map((k) => k.column),
  );
  const select = `select ${columns} ${from}`;
  // A scope of several alternatives is read per alternative (see scoped.ts); one is a condition.
  const united = holders && holders.length > 1 ? { from, alias, conditions, holders } : null;
  const scoped = holders && !united ? [...conditions, holders[0] ?? sql('false')] : conditions;
  const limit = shape.first + 1;
  const split = nullSplitKey(keys, cursor !== null) !== null;
  const pageOf = (where: readonly Sql[]) =>
    split
      ? compileNullSplitPage({ select, alias, conditions: where, limit }, keys, cursor)
      : plainPage(select, where, keys, cursor, limit);
  const page = united ? compileScopedPage(united, keys, pageOf, limit) : pageOf(scoped);
  const where = andSql(scoped);
  return {
    page,
    // A scoped union reads its halves per holder: no one statement is its first half.
    lead:
      split && !united
        ? compileNullSplitLead({ select, alias, conditions: scoped, limit }, keys, cursor)
        : null,
    count: united
      ? compileScopedCount(united)
      : { sql: `select count(*) as count ${from} where ${where.sql}`, params: where.params },
    decode: rowDecoder(object, shape.projection),
  };
}

function plainPage(
  select: string,
  conditions: readonly Sql[],
  keys: readonly SortKey[],
  cursor: readonly CursorValue[] | null,
  limit: number,
): Sql {
  const where = andSql(cursor ? [...conditions, compileAfter(keys, cursor, alias)] : conditions);
  return {
    sql: `${select} where ${where.sql} order by ${orderBySql(keys, alias)} limit ?`,
    params: [...where.params, limit],
  };
}

/** Live records by id; the caller puts them back in the order asked. */
export function compileGetMany(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  ids: readonly string[],
  options: { includeDeleted?: boolean; scope?: ScopeOf | undefined; fields?: Projection } = {},
): Sql {
  const live = options.includeDeleted ? '' : ` and ${alias}.deleted_at is null`;
  const byId = sql(
    `select ${selectList(metadata, object, alias, options.fields)} from ${qualified(metadata.schema, object.table)} ${alias} where ${alias}.id = any(?::uuid[])${live}`,
    ids,
  );
  return withScope(byId, options.scope?.(object, alias));
}

/** The caller's read scope of an object, as a predicate over an alias (null: every record). */
export type ScopeOf = (object: ObjectDef, alias: string) => Sql | null;

function withScope(statement: Sql, scope: Sql | null | undefined, tail = ''): Sql {
  if (!scope) return tail ? { sql: `${statement.sql} ${tail}`, params: statement.params } : statement;
  return {
    sql: `${statement.sql} and (${scope.sql}) ${tail}`,
    params: [...statement.params, ...scope.params],
  };
}

/** The column of the related rows that names their parent, selected alongside them. */
export const parentColumn = '_parent';

/**
 * The live records related to each parent through a ONE_TO_MANY or MANY_TO_MANY
 * `field` of `object`, oldest first, in one statement for all parents.
 */
export function compileRelated(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  field: FieldDef,
  parentIds: readonly string[],
  scope?: ScopeOf,
): { sql: Sql; target: ObjectDef } {
  const path = [field.key];
  if (field.objectId !== object.id)
    throw new BadInput(path, `“${field.key}” is not a field of ${object.labelSingular}.`);
  const target = targetObject(metadata, field, path);
  const table = `${qualified(metadata.schema, target.table)} ${alias}`;
  const order = `order by ${alias}.created_at, ${alias}.id`;
  if (isOneToMany(field)) {
    const fk = quote(inverseForeignKey(target, field, path).column!);
    return {
      target,
      sql: withScope(
        sql(
          `select ${selectList(metadata, target, alias)}, ${alias}.${fk} as ${parentColumn} from ${table} where ${alias}.${fk} = any(?::uuid[]) and ${alias}.deleted_at is null`,
          parentIds,
        ),
        scope?.(target, alias),
        order,
      ),
    };
  }
  if (!isManyToMany(field)) throw new BadInput(path, `“${field.key}” is not a to-many relation.`);
  const { table: junction, own, other } = junctionSides(field);
  return {
    target,
    sql: withScope(
      sql(
        `select ${selectList(metadata, target, alias)}, pj.${own} as ${parentColumn} from ${qualified(metadata.schema, junction)} pj join ${table} on ${alias}.id = pj.${other} where pj.${own} = any(?::uuid[]) and ${alias}.deleted_at is null`,
        parentIds,
      ),
      scope?.(target, alias),
      order,
    ),
  };
}
