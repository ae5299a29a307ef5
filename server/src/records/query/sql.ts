/**
 * SQL text with its parameters, knex-style `?` placeholders (what `em.execute` takes).
 * Parameters are plain values; MikroORM escapes each one, so arrays and dates are
 * turned into PostgreSQL literals here, once.
 */
export interface Sql {
  sql: string;
  params: unknown[];
}

export function sql(text: string, ...params: unknown[]): Sql {
  return { sql: text, params: params.map(toParam) };
}

export function joinSql(parts: readonly Sql[], separator: string): Sql {
  return { sql: parts.map((p) => p.sql).join(separator), params: parts.flatMap((p) => p.params) };
}

/** `(a) and (b)`; true for none. */
export function andSql(parts: readonly Sql[]): Sql {
  if (parts.length === 0) return sql('true');
  if (parts.length === 1) return parts[0]!;
  return joinSql(
    parts.map((p) => ({ sql: `(${p.sql})`, params: p.params })),
    ' and ',
  );
}

export function orSql(parts: readonly Sql[]): Sql {
  if (parts.length === 1) return parts[0]!;
  return joinSql(
    parts.map((p) => ({ sql: `(${p.sql})`, params: p.params })),
    ' or ',
  );
}

/** A typed placeholder: the planner compares the column with a value of its own type. */
export function placeholder(sqlType: string): string {
  return `?::${sqlType}`;
}

/**
 * A PostgreSQL array literal ('{"a","b\"c"}') for one `?::type[]` parameter: MikroORM
 * would expand a JS array into a comma list.
 */
export function pgArrayLiteral(values: readonly unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    const text = v instanceof Date ? v.toISOString() : String(v);
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

/** A value as the parameter MikroORM inlines: arrays become array literals, dates ISO text. */
export function toParam(value: unknown): unknown {
  if (Array.isArray(value)) return pgArrayLiteral(value);
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value;
}

/** `%` and `_` match themselves in LIKE patterns built from user text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
