import {
  fieldTypeSpecs,
  type FieldDef,
  type ObjectDef,
  quote,
  searchedFields,
  searchTextSql,
  searchVectorSql,
} from '../../metadata/index.js';
import { BadInput } from '../../platform/index.js';
import type { RecordScope } from '../api.js';
import { joinSql, sql, type Sql } from './sql.js';

/**
 * Full-text search over the GIN-indexed `search` tsvector: web-search syntax ("quoted
 * phrases", -excluded, or) with the last word matched as a prefix, so results appear
 * while typing.
 */

const maxSearchLength = 200;
const wordPattern = /^[\p{L}\p{N}_]+$/u;

/**
 * `over`: the searched fields a scoped reader may see, when their profile hides one that feeds the
 * stored `search` vector (searchOver). Their words must not match, so the reader's query runs on a
 * vector of the visible fields only, computed per row; the indexed vector still narrows the rows
 * first (it holds every visible word too), except for a query with an excluded -word, which the
 * hidden words could wrongly rule out.
 */
export function compileSearch(
  alias: string,
  search: string | null | undefined,
  over?: readonly FieldDef[] | null,
): Sql | null {
  const query = searchQuery(search);
  if (!query) return null;
  const stored = `${alias}.search`;
  if (!over) return sql(`${stored} @@ ${query.sql}`, ...query.params);
  const visible = searchVectorSql(over.map((f) => searchTextSql(f, `${alias}.${quote(f.column!)}`)));
  const matches = sql(`(${visible}) @@ ${query.sql}`, ...query.params);
  if (query.excludes) return matches;
  return joinSql([sql(`${stored} @@ ${query.sql}`, ...query.params), matches], ' and ');
}

/** The tsquery of a search text: web-search syntax with the last word as a prefix. */
function searchQuery(search: string | null | undefined): (Sql & { excludes: boolean }) | null {
  if (search === null || search === undefined) return null;
  if (typeof search !== 'string') throw new BadInput(['search'], 'search: must be text.');
  const text = search.trim();
  if (!text) return null;
  if (text.length > maxSearchLength)
    throw new BadInput(['search'], `search: at most ${maxSearchLength} characters.`);
  const excludes = /(^|\s)-/.test(text);
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
  if (!typing) return { ...sql(`websearch_to_tsquery('simple', ?)`, text), excludes };
  const prefix = `'${last}':*`;
  if (!rest) return { ...sql(`to_tsquery('simple', ?)`, prefix), excludes };
  return { ...sql(`(websearch_to_tsquery('simple', ?) && to_tsquery('simple', ?))`, rest, prefix), excludes };
}

/**
 * The searched fields a reader may see, when their scope hides one of those that feed the stored
 * vector; null when it hides none (the indexed vector alone answers, as for an admin).
 */
export function searchOver(object: ObjectDef, scope: RecordScope | undefined): FieldDef[] | null {
  if (!scope) return null;
  const hidden = scope.hiddenFieldIds(object);
  if (!hidden.size) return null;
  const feeds = (f: FieldDef) => !f.system && f.column && fieldTypeSpecs[f.type].searchable;
  // A hidden field is archived in the reader's view of the object: it counts as feeding the vector.
  if (!object.fields.some((f) => hidden.has(f.id) && feeds(f))) return null;
  return object.fields.filter((f) => feeds(f) && !f.archivedAt && !hidden.has(f.id));
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
