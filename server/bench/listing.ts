// The `listing` object the records and peer benchmarks share: its 12 fields, its tables as
// the metadata names them, seeding straight into those tables, and the page they both read.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { type Api, graphql, randomInt } from './lib.js';

const seedChunk = 50_000;

export const statuses = ['active', 'pending', 'sold', 'withdrawn'];

export const listingFields = [
  { key: 'address', label: 'Address', type: 'TEXT' },
  { key: 'city', label: 'City', type: 'TEXT' },
  { key: 'price', label: 'Price', type: 'CURRENCY', settings: { defaultCurrency: 'USD', precision: 0 } },
  { key: 'bedrooms', label: 'Bedrooms', type: 'NUMBER', settings: { precision: 0 } },
  { key: 'bathrooms', label: 'Bathrooms', type: 'NUMBER', settings: { precision: 0 } },
  { key: 'area', label: 'Area (m²)', type: 'NUMBER', settings: { precision: 0 } },
  {
    key: 'status',
    label: 'Status',
    type: 'SELECT',
    settings: { choices: statuses.map((key) => ({ key, label: key })) },
  },
  { key: 'listedAt', label: 'Listed', type: 'DATE' },
  { key: 'updatedOn', label: 'Updated on', type: 'DATETIME' },
  { key: 'rating', label: 'Rating', type: 'RATING', settings: { max: 5 } },
  { key: 'description', label: 'Description', type: 'LONG_TEXT', sortable: false },
  {
    key: 'seller',
    label: 'Seller',
    type: 'RELATION',
    relation: { target: 'person', kind: 'MANY_TO_ONE', inverseKey: 'listings', inverseLabel: 'Listings' },
  },
];

// Prices are uniform over [minPrice, maxPrice]: a range of width `fraction × span` matches
// about that fraction of the records.
export const minPrice = 50_000;
export const maxPrice = 2_000_000;
export const pageRangeFraction = 0.02;
export const countRangeFraction = 0.1;

function wordList(text: string): string[] {
  return text.split(' ');
}

/** Word lists the seeded text is drawn from. */
export const words = {
  adjectives: wordList('sunny charming spacious modern quiet bright cosy renovated classic'),
  kinds: wordList('cottage apartment bungalow villa loft townhouse studio duplex farmhouse'),
  streets: wordList(
    'maple oak cedar pine elm willow birch chestnut walnut poplar ash hawthorn juniper ' +
      'magnolia laurel sycamore linden alder hazel rowan harbour station church mill bridge ' +
      'river lake park meadow orchard hill valley spring market castle abbey garden forest ' +
      'brook ferry',
  ),
  suffixes: wordList('street road avenue lane drive court way place'),
  cities: wordList(
    'springfield riverton lakewood fairview greenville bristol clinton madison georgetown ' +
      'salem franklin ashland burlington manchester oxford dover milton newport kingston hudson ' +
      'arlington chester clayton dayton florence jackson lebanon marion monroe oakland ' +
      'princeton richmond shelby troy union warren winchester auburn belmont camden',
  ),
  description: wordList(
    'kitchen garden garage balcony terrace view light floor wooden tiled heating fireplace ' +
      'school transport shops quiet family large small new old roof windows cellar attic ' +
      'parking pool lawn trees neighbourhood open plan living dining room bedroom bathroom ' +
      'shower bath storage laundry office study renovated original features high ceilings south ' +
      'facing north east west close centre station beach river park walk',
  ),
  firstNames: wordList('ada alan grace linus margaret dennis barbara ken frances edsger'),
  lastNames: wordList('lovelace turing hopper torvalds hamilton ritchie liskov thompson allen'),
};

export async function createListingObject(api: Api): Promise<void> {
  await graphql(
    api,
    `
      mutation ($input: CreateObjectInput!) {
        createObject(input: $input) {
          id
        }
      }
    `,
    { input: { key: 'listing', labelSingular: 'Listing', labelPlural: 'Listings' } },
  );
  for (const field of listingFields) {
    await graphql(
      api,
      `
        mutation ($input: CreateFieldInput!) {
          createField(input: $input) {
            id
          }
        }
      `,
      {
        input: { object: 'listing', filterable: true, sortable: true, ...field },
      },
    );
  }
}

// ---------------------------------------------------------------------------------------
// The tables behind an object, read from the metadata tables.

const searchableTypes = new Set(['TEXT', 'LONG_TEXT', 'EMAIL', 'PHONE']);

interface FieldColumn {
  key: string;
  type: string;
  column: string;
}

export interface ObjectLayout {
  /** `"ws_…"."o_…"`, quoted. */
  table: string;
  schema: string;
  tableName: string;
  objectId: string;
  fields: FieldColumn[];
}

export function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

export function column(layout: ObjectLayout, key: string): string {
  const field = layout.fields.find((f) => f.key === key);
  if (!field) throw new Error(`${layout.tableName} has no field ${key}`);
  return quote(field.column);
}

export async function readLayout(
  pool: pg.Pool,
  workspaceId: string,
  objectKey: string,
): Promise<ObjectLayout> {
  const { rows: objects } = await pool.query<{ id: string; schema_name: string; table_name: string }>(
    `select o.id, w.schema_name, o.table_name from object_def o join workspace w on w.id = o.workspace_id
     where o.workspace_id = $1 and o.key = $2`,
    [workspaceId, objectKey],
  );
  const object = objects[0];
  if (!object) throw new Error(`no object ${objectKey}`);
  // In the order the store builds the search document in (position, then key).
  const { rows: fields } = await pool.query<FieldColumn>(
    `select key, type, column_name as column from field_def
     where object_id = $1 and archived_at is null and column_name is not null order by position, key`,
    [object.id],
  );
  return {
    table: `${quote(object.schema_name)}.${quote(object.table_name)}`,
    schema: object.schema_name,
    tableName: object.table_name,
    objectId: object.id,
    fields,
  };
}

/** The field indexes (`<column>_idx`) metadata changes build concurrently after their commit. */
export async function waitForFieldIndexes(
  pool: pg.Pool,
  layout: ObjectLayout,
  fieldKeys: string[],
): Promise<void> {
  const wanted = fieldKeys.map((key) => `${layout.fields.find((f) => f.key === key)!.column}_idx`);
  const deadline = performance.now() + 60_000;
  for (;;) {
    const { rows } = await pool.query<{ name: string }>(
      `select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid
       join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = $1 and c.relname = any($2) and i.indisvalid and i.indisready`,
      [layout.schema, wanted],
    );
    if (rows.length === wanted.length) return;
    if (performance.now() > deadline) {
      const missing = wanted.filter((name) => !rows.some((r) => r.name === name));
      throw new Error(`field indexes never appeared: ${missing.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// ---------------------------------------------------------------------------------------
// Seeding, straight into the typed tables.

/** A random element of the text[]/uuid[] parameter `$n`, drawn per row. */
function randomOf(param: string): string {
  return `(${param})[1 + floor(random() * cardinality(${param}))::int]`;
}

/**
 * The `search` column as the store writes it (searchVectorSql in metadata/ddl.ts): the searchable
 * fields in field order, long text cut at 100,000 characters.
 */
function searchDocument(layout: ObjectLayout, alias: string, given: ReadonlySet<string>): string {
  const parts = layout.fields
    .filter((f) => searchableTypes.has(f.type))
    .map((f) => {
      if (!given.has(f.column)) return 'null';
      const value = `${alias}.${quote(f.column)}`;
      return f.type === 'LONG_TEXT' ? `left(${value}, 100000)` : value;
    });
  return `to_tsvector('simple', concat_ws(' ', ${parts.join(', ')}))`;
}

/** Inserts rows [from, to] from `values` (column → SQL expression of the series number g). */
async function insertSeries(
  pool: pg.Pool,
  layout: ObjectLayout,
  values: Record<string, string>,
  count: number,
  params: unknown[],
): Promise<void> {
  const columns = Object.keys(values);
  // OFFSET 0 keeps the subquery as it is, so each random() runs once per row.
  const seedSql = `insert into ${layout.table} (id, created_at, updated_at, created_by, updated_by, owner_id, version, ${columns.map(quote).join(', ')}, search)
    select gen_random_uuid(), r.created, r.created, $3, $3, $3, 1, ${columns.map((c) => `r.${quote(c)}`).join(', ')}, ${searchDocument(layout, 'r', new Set(columns))}
    from (
      select g, now() - random() * interval '1095 days' as created,
        ${columns.map((c) => `${values[c]} as ${quote(c)}`).join(',\n        ')}
      from generate_series($1::int, $2::int) g offset 0
    ) r`;
  for (let from = 1; from <= count; from += seedChunk) {
    const to = Math.min(count, from + seedChunk - 1);
    await pool.query(seedSql, [from, to, ...params]);
    if (count >= 200_000 && to % 200_000 === 0) console.error(`  … ${to.toLocaleString('en')} rows`);
  }
}

async function seedPersons(
  pool: pg.Pool,
  person: ObjectLayout,
  userId: string,
  count: number,
): Promise<string[]> {
  const first = randomOf('$4::text[]');
  const last = randomOf('$5::text[]');
  await insertSeries(
    pool,
    person,
    {
      [person.fields.find((f) => f.key === 'name')!.column]: `initcap(${first}) || ' ' || initcap(${last})`,
      [person.fields.find((f) => f.key === 'email')!.column]: `'person' || g || '@example.com'`,
    },
    count,
    [userId, words.firstNames, words.lastNames],
  );
  const { rows } = await pool.query<{ id: string }>(`select id from ${person.table}`);
  return rows.map((r) => r.id);
}

async function seedListings(
  pool: pg.Pool,
  listing: ObjectLayout,
  userId: string,
  sellerIds: string[],
  count: number,
): Promise<void> {
  const col = (key: string) => listing.fields.find((f) => f.key === key)!.column;
  const text = (n: number) => randomOf(`$${n}::text[]`);
  const descriptionWords = `(select string_agg(${text(9)}, ' ') from generate_series(1, 12 + g % 9))`;
  await insertSeries(
    pool,
    listing,
    {
      [col('name')]: `initcap(${text(4)}) || ' ' || ${text(5)}`,
      [col('address')]:
        `(1 + floor(random() * 999))::int || ' ' || initcap(${text(6)}) || ' ' || initcap(${text(7)})`,
      [col('city')]: `initcap(${text(8)})`,
      [col('price')]: `round(${minPrice} + random() * ${maxPrice - minPrice})`,
      [`${col('price')}_currency`]: `'USD'`,
      [col('bedrooms')]: `1 + floor(random() * 6)`,
      [col('bathrooms')]: `1 + floor(random() * 4)`,
      [col('area')]: `round(30 + random() * 400)`,
      [col('status')]: randomOf(`$10::text[]`),
      [col('listedAt')]: `date '2016-01-01' + floor(random() * 3650)::int`,
      [col('updatedOn')]: `now() - random() * interval '365 days'`,
      [col('rating')]: `(1 + floor(random() * 5))::smallint`,
      [col('description')]: descriptionWords,
      [col('seller')]: randomOf(`$11::uuid[]`),
    },
    count,
    [
      userId,
      words.adjectives,
      words.kinds,
      words.streets,
      words.suffixes,
      words.cities,
      words.description,
      statuses,
      sellerIds,
    ],
  );
}

export interface SeedSize {
  records: number;
  people: number;
}

export interface Seeded {
  listingIds: string[];
  insertMs: number;
  analyzeMs: number;
}

/** `size.people` people, then `size.records` listings each sold by one of them, analysed and checkpointed. */
export async function seed(
  pool: pg.Pool,
  api: Api,
  listing: ObjectLayout,
  person: ObjectLayout,
  size: SeedSize,
): Promise<Seeded> {
  const start = performance.now();
  const sellerIds = await seedPersons(pool, person, api.userId, size.people);
  await seedListings(pool, listing, api.userId, sellerIds, size.records);
  const inserted = performance.now();
  await pool.query(`vacuum analyze ${listing.table}`);
  await pool.query(`vacuum analyze ${person.table}`);
  // Flushes the load's dirty pages now, so no checkpoint competes with the measurements.
  await pool.query('checkpoint');
  const analyzed = performance.now();
  const { rows } = await pool.query<{ id: string }>(
    `select id from ${listing.table} tablesample system (1) limit 5000`,
  );
  return { listingIds: rows.map((r) => r.id), insertMs: inserted - start, analyzeMs: analyzed - inserted };
}

// ---------------------------------------------------------------------------------------
// The page both benchmarks read, and what they print about the database.

export function priceRange(fraction: number): { min: number; max: number } {
  const width = Math.round((maxPrice - minPrice) * fraction);
  const min = randomInt(minPrice, maxPrice - width);
  return { min, max: min + width };
}

export const pageQuery = (extra: string) => `query ($min: Float!, $max: Float!) {
  listings(filter: {price: {gte: $min, lte: $max}}, sort: [{field: listedAt, direction: DESC}], first: 50) {
    nodes { id name address city price { amount currency } bedrooms listedAt ${extra} }
  }
}`;

/**
 * The page as a hand-written statement with the same result: `listedAt desc nulls last`
 * in two halves (with a date, by the (listedAt, id) index; without, by id), as the query
 * compiler now writes it — one statement ordered `desc nulls last` walks no index and
 * sorts every row in the price range.
 */
export function pageSqlText(listing: ObjectLayout, select: string): string {
  const c = (key: string) => `t.${column(listing, key)}`;
  const where = `t.deleted_at is null and ${c('price')} >= $1::numeric and ${c('price')} <= $2::numeric`;
  const half = (condition: string, order: string) =>
    `(select ${select} from ${listing.table} t where ${where} and ${condition} order by ${order} limit 51)`;
  const withDate = half(`${c('listedAt')} is not null`, `${c('listedAt')} desc, t.id desc`);
  const withoutDate = half(`${c('listedAt')} is null`, 't.id desc');
  // first + 1 rows, as the API reads them to know whether there is a next page.
  return `select * from (${withDate} union all ${withoutDate}) t order by ${c('listedAt')} desc nulls last, t.id desc limit 51`;
}

export async function settings(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ name: string; setting: string; unit: string | null }>(
    `select name, setting, unit from pg_settings where name in ('shared_buffers', 'work_mem', 'effective_cache_size', 'seq_page_cost', 'random_page_cost') order by name`,
  );
  return rows.map((r) => `${r.name}=${r.setting}${r.unit ?? ''}`).join(', ');
}

export async function tableSize(pool: pg.Pool, layout: ObjectLayout): Promise<string> {
  const { rows } = await pool.query<{ table: string; total: string }>(
    `select pg_size_pretty(pg_table_size($1::regclass)) as table, pg_size_pretty(pg_total_relation_size($1::regclass)) as total`,
    [layout.table],
  );
  return `${rows[0]!.table} table, ${rows[0]!.total} with indexes`;
}
