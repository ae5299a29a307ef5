import { BadInput, parseId } from '../../platform/index.js';
import type { FieldFilter, ListArgs, RecordFilter, SortInput } from '../api.js';
import { checkFilterLimits, type FilterLimits } from '../query/filter-limits.js';
import { relationOf, type ObjectTypes, type SchemaParts } from './parts.js';

/** Page size and batch size bounds of the records API. */
export const defaultPageSize = 50;
export const maxPageSize = 500;
export const maxBatchSize = 500;

/**
 * A copy of an argument's own data on null-prototype objects: graphql-js builds input
 * objects on `{}`, where an absent key such as `constructor` or `toString` would read as
 * a built-in, so the store only ever sees objects where a missing key is undefined.
 */
export function ownData<T>(value: T): T {
  if (Array.isArray(value)) return value.map(ownData) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) copy[key] = ownData(item);
  return copy as T;
}

const idOperators = ['eq', 'neq', 'in', 'notIn'] as const;

function parseIdOperands(filter: FieldFilter, path: string[]): FieldFilter {
  const parsed: FieldFilter = { ...filter };
  for (const op of idOperators) {
    const value = filter[op];
    if (typeof value === 'string') parsed[op] = parseId([...path, op], value);
    if (Array.isArray(value)) parsed[op] = value.map((v: string, i) => parseId([...path, op, String(i)], v));
  }
  return parsed;
}

function parseFieldFilter(
  key: string,
  value: FieldFilter,
  types: ObjectTypes,
  parts: SchemaParts,
  path: string[],
) {
  const field = types.fields.get(key);
  if (key === 'id' || field?.type === 'USER') return parseIdOperands(value, path);
  const relation = field && relationOf(field, parts);
  if (!relation) return value;
  const parsed = relation.shape === 'one' ? parseIdOperands(value, path) : { ...value };
  for (const nested of ['is', 'some', 'none'] as const) {
    const filter = value[nested];
    if (filter) parsed[nested] = parseFilter(filter, relation.target, parts, [...path, nested]);
  }
  return parsed;
}

/**
 * Ids in a filter are checked like id arguments, in related records' filters too.
 * The filter's depth and size are checked before (`parseFilterArgument`), so this recursion is bounded.
 */
export function parseFilter(
  filter: RecordFilter,
  types: ObjectTypes,
  parts: SchemaParts,
  path: string[],
): RecordFilter {
  const parsed = Object.create(null) as RecordFilter;
  // Own keys only, into a null-prototype object; field filters are copied as own data.
  for (const [key, value] of Object.entries(filter)) {
    if (value === null || value === undefined) continue;
    if (key === 'and' || key === 'or') {
      parsed[key] = (value as RecordFilter[]).map((f, i) =>
        parseFilter(f, types, parts, [...path, key, String(i)]),
      );
    } else if (key === 'not') {
      parsed.not = parseFilter(value as RecordFilter, types, parts, [...path, key]);
    } else {
      parsed[key] = parseFieldFilter(key, ownData(value) as FieldFilter, types, parts, [...path, key]);
    }
  }
  return parsed;
}

/** The `filter` argument, refused whole when too deep or too large, before any of it is parsed. */
export function parseFilterArgument(
  filter: RecordFilter,
  types: ObjectTypes,
  parts: SchemaParts,
  limits?: FilterLimits,
): RecordFilter {
  checkFilterLimits(filter, ['filter'], limits);
  return parseFilter(filter, types, parts, ['filter']);
}

export interface ListArguments {
  filter?: RecordFilter | null;
  sort?: SortInput[] | null;
  /** An explicit null means the default, like an omitted argument. */
  first?: number | null;
  after?: string | null;
  search?: string | null;
  includeDeleted?: boolean | null;
}

export function parseListArgs(
  args: ListArguments,
  types: ObjectTypes,
  parts: SchemaParts,
  filterLimits?: FilterLimits,
): ListArgs {
  const first = args.first ?? defaultPageSize;
  if (!Number.isInteger(first) || first < 1 || first > maxPageSize) {
    throw new BadInput(['first'], `first: must be a whole number from 1 to ${maxPageSize}.`);
  }
  return {
    filter: args.filter ? parseFilterArgument(args.filter, types, parts, filterLimits) : null,
    sort: args.sort ? ownData(args.sort) : null,
    first,
    after: args.after ?? null,
    // Untrimmed: a trailing space tells the search the last word is finished, not a prefix.
    search: args.search?.trim() ? args.search : null,
    includeDeleted: args.includeDeleted ?? false,
  };
}

export function assertBatchSize(argument: string, items: readonly unknown[]): void {
  if (items.length > maxBatchSize) {
    throw new BadInput([argument], `${argument} takes at most ${maxBatchSize} records at a time.`);
  }
}
