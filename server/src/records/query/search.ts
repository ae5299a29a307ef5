import {
  type FieldDef,
  type ObjectDef,
  quote,
  searchedFields,
  searchTextSql,
  searchVectorSql,
} from '../../metadata/index.js';
import { BadInput } from '../../platform/index.js';
import { joinSql, sql, type Sql } from './sql.js';

/**
 * Full-text search over the GIN-indexed `search` tsvector: web-search syntax ("quoted
 * phrases", -excluded, or) with the last word matched as a prefix, so results appear
 * while typing.
 */

const maxSearchLength = 200;
const wordPattern = /^[\p{L}\p{N}_]+$/u;

export function compileSearch(alias: string, search: string | null | undefined): Sql | null {
  if (search === null || search === undefined) return null;
  if (typeof search !== 'string') throw new BadInput(['search'], 'search: must be text.');
  const text = search.trim();
  if (!text) return null;
  if (text.length > maxSearchLength)
    throw new BadInput(['search'], `search: at most ${maxSearchLength} characters.`);
  const column = `${alias}.search`;
  const words = text.split(/\s+/);
  const last = words.at(-1)!;
  const rest = words.slice(0, -1).join(' ');
  const operator = (word: string | undefined) => word !== undefined && /^or$/i.test(word);
  const openQuote = (text.match(/"/g)?.length ?? 0) % 2 === 1;
  // A word still being typed: no trailing space, not an operator, not inside a "phrase".
  const typing =
    wordPattern.test(last) &&
    search === search.trimEnd() &&
    !operator(last) &&
    !operator(words.at(-2)) &&
    !openQuote;
  if (!typing) return sql(`${column} @@ websearch_to_tsquery('simple', ?)`, text);
  const prefix = `'${last}':*`;
  if (!rest) return sql(`${column} @@ to_tsquery('simple', ?)`, prefix);
  return sql(`${column} @@ (websearch_to_tsquery('simple', ?) && to_tsquery('simple', ?))`, rest, prefix);
}

/** The searchable fields of an object: text-like, active, with a column. */
export function searchableFields(object: ObjectDef): FieldDef[] {
  return searchedFields(object);
}

/**
 * The `search` column's value: a tsvector of the searchable fields. A field in
 * `given` is taken from its parameter (the value being written), any other from the
 * row's current column, so a partial update indexes the whole record.
 */
export function searchDocumentSql(
  object: ObjectDef,
  given: ReadonlyMap<FieldDef, unknown>,
  alias?: string,
): Sql {
  const parts = searchableFields(object).map((field) => {
    if (given.has(field)) return sql(searchTextSql(field, '?::text'), given.get(field) ?? null);
    return sql(alias ? searchTextSql(field, `${alias}.${quote(field.column!)}`) : 'null');
  });
  const joined = joinSql(parts, ', ');
  return { sql: searchVectorSql(parts.map((p) => p.sql)), params: joined.params };
}
