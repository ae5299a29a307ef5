import {
  type FieldDef,
  type ObjectDef,
  qualified,
  quote,
  type WorkspaceMetadata,
} from '../../metadata/index.js';
import type { RecordRow } from '../api.js';
import { columnsOf } from './fields.js';
import type { ListStatements } from './list-statements.js';
import type { ScopeOf } from './list.js';
import { rowDecoder, selectedColumns, type Projection, type RowDecoder } from './rows.js';
import { orderBySql, type SortKey } from './sort.js';
import type { Sql } from './sql.js';

/**
 * To-one relations read in a page's own statement, as PostGraphile reads them: each row of the
 * page joined (laterally, by primary key) to the record its relation names, so a page with
 * `seller { name }` is one round trip, not a page and then a load of its sellers.
 */

/** A MANY_TO_ONE `field` of the listed object whose `target` records the page reads (`fields` of them). */
export interface Embed {
  field: FieldDef;
  target: ObjectDef;
  fields: Projection;
}

/** The related records a page read, by the id the relation holds; null: none the caller may see. */
export interface EmbeddedRows {
  target: ObjectDef;
  fields: Projection;
  byId: Map<string, RecordRow | null>;
}

/** The page statement with each embed's columns beside every row, named apart by a prefix. */
export interface EmbeddedPage {
  page: Sql;
  read(raws: readonly Record<string, unknown>[], size: number): EmbeddedRows[];
}

/** What an embedded page's text depends on, built once per shape (ListStatements keeps it). */
export interface EmbedTemplate {
  sql: string;
  readers: EmbedReader[];
}

interface EmbedReader {
  embed: Embed;
  foreignKey: string;
  /** The embed's result columns: as the row names them (prefixed), and as its decoder reads them. */
  names: (readonly [prefixed: string, plain: string])[];
  /** The related record's id in the row: null when the join found none. */
  idColumn: string;
  decode: RowDecoder;
}

const pageAlias = 'p';

/**
 * `page` (any list page statement: plain, null-split or scoped; its rows are named by their
 * columns) with its embeds joined. The join keeps what a load by id would give: live records
 * within the caller's read scope; the page's order is restated outside, since a join may not
 * keep it.
 */
export function embedRelations(
  metadata: WorkspaceMetadata,
  page: Sql,
  keys: readonly SortKey[],
  embeds: readonly Embed[],
  scope?: ScopeOf,
  statements?: ListStatements,
): EmbeddedPage {
  const scopes = embeds.map((embed, i) => scope?.(embed.target, aliasOf(i)) ?? null);
  const build = () => embedTemplate(metadata, page.sql, keys, embeds, scopes);
  const template = statements ? statements.embedded(metadata, page.sql, embeds, scopes, build) : build();
  const params = [...page.params];
  for (const s of scopes) if (s) params.push(...s.params);
  return {
    page: { sql: template.sql, params },
    read: (raws, size) => readEmbeds(template.readers, raws, size),
  };
}

function aliasOf(i: number): string {
  return `e${i}`;
}

function embedTemplate(
  metadata: WorkspaceMetadata,
  page: string,
  keys: readonly SortKey[],
  embeds: readonly Embed[],
  scopes: readonly (Sql | null)[],
): EmbedTemplate {
  const joins: string[] = [];
  const readers = embeds.map((embed, i): EmbedReader => {
    const alias = aliasOf(i);
    const prefix = `_${alias}_`;
    const foreignKey = columnsOf(embed.field)[0]!.name;
    const columns = selectedColumns(metadata, embed.target, alias, embed.fields, [], prefix);
    const rowScope = scopes[i];
    joins.push(
      `left join lateral (select ${columns.map((c) => c.sql).join(', ')} from ${qualified(metadata.schema, embed.target.table)} ${alias} where ${alias}.id = ${pageAlias}.${quote(foreignKey)} and ${alias}.deleted_at is null${rowScope ? ` and (${rowScope.sql})` : ''}) ${alias} on true`,
    );
    return {
      embed,
      foreignKey,
      idColumn: `${prefix}id`,
      names: columns.map((c) => [c.name, c.name.slice(prefix.length)] as const),
      decode: rowDecoder(embed.target, embed.fields),
    };
  });
  const selects = [`${pageAlias}.*`, ...embeds.map((_, i) => `${aliasOf(i)}.*`)].join(', ');
  return {
    sql: `select ${selects} from (${page}) ${pageAlias} ${joins.join(' ')} order by ${orderBySql(keys, pageAlias)}`,
    readers,
  };
}

function readEmbeds(
  readers: readonly EmbedReader[],
  raws: readonly Record<string, unknown>[],
  size: number,
): EmbeddedRows[] {
  return readers.map((reader) => {
    const byId = new Map<string, RecordRow | null>();
    for (let r = 0; r < size; r++) {
      const raw = raws[r]!;
      const id = raw[reader.foreignKey];
      if (typeof id !== 'string' || byId.has(id)) continue;
      byId.set(id, raw[reader.idColumn] == null ? null : reader.decode(unprefixed(raw, reader)));
    }
    return { target: reader.embed.target, fields: reader.embed.fields, byId };
  });
}

function unprefixed(raw: Record<string, unknown>, reader: EmbedReader): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [prefixed, plain] of reader.names) row[plain] = raw[prefixed];
  return row;
}
