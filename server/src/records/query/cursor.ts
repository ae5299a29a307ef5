import { quote } from '../../metadata/index.js';
import { BadInput, isUuid } from '../../platform/index.js';
import { type SortKey, sortSignature } from './sort.js';
import { andSql, orSql, placeholder, sql, type Sql } from './sql.js';

/**
 * Keyset pagination: a cursor holds the sort values of a page's last row (exactly as
 * PostgreSQL wrote them, so microseconds survive) and the next page starts after it.
 * Rows inserted meanwhile shift nothing.
 */

export type CursorValue = string | number | boolean | null;

export function encodeCursor(keys: readonly SortKey[], raw: Record<string, unknown>): string {
  const values = keys.map((k) => {
    const value = raw[k.column];
    return value === undefined || value === null ? null : (value as CursorValue);
  });
  return Buffer.from(JSON.stringify([sortSignature(keys), ...values])).toString('base64url');
}

const valuePatterns: Record<string, RegExp> = {
  numeric: /^-?\d+(\.\d+)?$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  timestamptz: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2}){0,2}|Z)$/,
};

function validValue(key: SortKey, value: unknown): boolean {
  if (value === null) return key.nullable;
  switch (key.sqlType) {
    case 'uuid':
      return typeof value === 'string' && isUuid(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'smallint':
    case 'integer':
      return Number.isInteger(value);
    case 'text':
    case 'char(3)':
      return typeof value === 'string';
    default: {
      const pattern = valuePatterns[key.sqlType];
      return typeof value === 'string' && pattern !== undefined && pattern.test(value);
    }
  }
}

/** The sort values in a cursor; a cursor from another sort or made up is refused at ['after']. */
export function decodeCursor(keys: readonly SortKey[], cursor: string): CursorValue[] {
  const invalid = () =>
    new BadInput(['after'], 'after: is not a cursor of this list (sort or filter changed?).');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed[0] !== sortSignature(keys) || parsed.length !== keys.length + 1)
    throw invalid();
  const values = parsed.slice(1) as CursorValue[];
  if (!keys.every((k, i) => validValue(k, values[i]))) throw invalid();
  return values;
}

/** Rows strictly after `values` in the order of `keys`. */
export function compileAfter(keys: readonly SortKey[], values: readonly CursorValue[], alias: string): Sql {
  const column = (k: SortKey) => `${alias}.${quote(k.column)}`;
  const sameDirection = keys.every((k) => k.direction === keys[0]!.direction);
  if (sameDirection && keys.every((k) => !k.nullable)) {
    // A row comparison, which PostgreSQL turns into one index range.
    const op = keys[0]!.direction === 'ASC' ? '>' : '<';
    const cols = keys.map(column).join(', ');
    const params = keys.map((k) => placeholder(k.sqlType)).join(', ');
    return sql(`(${cols}) ${op} (${params})`, ...values);
  }
  const branches: Sql[] = [];
  keys.forEach((key, i) => {
    const after = strictlyAfter(key, column(key), values[i] ?? null);
    if (!after) return;
    const equalBefore = keys.slice(0, i).map((k, j) => equalTo(k, column(k), values[j] ?? null));
    branches.push(andSql([...equalBefore, after]));
  });
  return branches.length ? orSql(branches) : sql('false');
}

function equalTo(key: SortKey, column: string, value: CursorValue): Sql {
  return value === null ? sql(`${column} is null`) : sql(`${column} = ${placeholder(key.sqlType)}`, value);
}

/** Null means "nothing after" when nulls come last and "every value" when they come first. */
function strictlyAfter(key: SortKey, column: string, value: CursorValue): Sql | null {
  const op = key.direction === 'ASC' ? '>' : '<';
  const nullsLast = key.nulls === 'LAST';
  if (value === null) return nullsLast ? null : sql(`${column} is not null`);
  const beyond = sql(`${column} ${op} ${placeholder(key.sqlType)}`, value);
  return key.nullable && nullsLast ? orSql([beyond, sql(`${column} is null`)]) : beyond;
}
