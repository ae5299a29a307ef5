// Records at scale (issue 3, item 7): a custom object `listing` with 12 fields and
// 1,000,000 records, read and written through the generated GraphQL API of a real server
// in this process, and the same work done with hand-written SQL through `pg` in the same
// run, so the API's overhead shows as a ratio.
//
//   pnpm bench                                     everything (seeding 1M rows takes minutes)
//   BENCH_RECORDS=20000 pnpm bench                 a quick run
//   BENCH_DATABASE_URL=postgres://… pnpm bench     a real PostgreSQL (superuser) instead of the embedded one
//
// Other knobs: BENCH_ITERATIONS (measured runs per case, default 300), BENCH_WARMUP (20),
// BENCH_CASE_SECONDS (time budget per case, default 60), BENCH_KEEP_DATABASE=1 (with
// BENCH_DATABASE_URL: keep the seeded database to EXPLAIN queries on it afterwards).
// Measured as the server runs in production (see src/platform/node-env.ts).
import '../src/platform/node-env.js';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  type Api,
  formatDuration,
  formatMs,
  graphql,
  markdownTable,
  type MeasureOptions,
  measurePair,
  openBenchDatabase,
  pick,
  randomInt,
  type Run,
  signUp,
  startBenchServer,
  type Summary,
} from './lib.js';

const recordCount = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const personCount = Math.min(10_000, recordCount);
const seedChunk = 50_000;
const measureOptions: MeasureOptions = {
  warmup: Number(process.env.BENCH_WARMUP ?? 20),
  iterations: Number(process.env.BENCH_ITERATIONS ?? 300),
  budgetMs: Number(process.env.BENCH_CASE_SECONDS ?? 60) * 1000,
  minIterations: 30,
};

// ---------------------------------------------------------------------------------------
// The object: 12 fields besides the `name` every object has.

const statuses = ['active', 'pending', 'sold', 'withdrawn'];

const listingFields = [
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
const minPrice = 50_000;
const maxPrice = 2_000_000;
const pageRangeFraction = 0.02;
const countRangeFraction = 0.1;

function wordList(text: string): string[] {
  return text.split(' ');
}

/** Word lists the seeded text is drawn from. */
const words = {
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

async function createListingObject(api: Api): Promise<void> {
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

interface ObjectLayout {
  /** `"ws_…"."o_…"`, quoted. */
  table: string;
  schema: string;
  tableName: string;
  objectId: string;
  fields: FieldColumn[];
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function column(layout: ObjectLayout, key: string): string {
  const field = layout.fields.find((f) => f.key === key);
  if (!field) throw new Error(`${layout.tableName} has no field ${key}`);
  return quote(field.column);
}

async function readLayout(pool: pg.Pool, workspaceId: string, objectKey: string): Promise<ObjectLayout> {
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
async function waitForFieldIndexes(pool: pg.Pool, layout: ObjectLayout, fieldKeys: string[]): Promise<void> {
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

async function seedPersons(pool: pg.Pool, person: ObjectLayout, userId: string): Promise<string[]> {
  const first = randomOf('$4::text[]');
  const last = randomOf('$5::text[]');
  await insertSeries(
    pool,
    person,
    {
      [person.fields.find((f) => f.key === 'name')!.column]: `initcap(${first}) || ' ' || initcap(${last})`,
      [person.fields.find((f) => f.key === 'email')!.column]: `'person' || g || '@example.com'`,
    },
    personCount,
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
    recordCount,
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

interface Seeded {
  listingIds: string[];
  insertMs: number;
  analyzeMs: number;
}

async function seed(pool: pg.Pool, api: Api, listing: ObjectLayout, person: ObjectLayout): Promise<Seeded> {
  const start = performance.now();
  const sellerIds = await seedPersons(pool, person, api.userId);
  await seedListings(pool, listing, api.userId, sellerIds);
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
// The cases: each an API run and the equivalent SQL run.

interface BenchCase {
  name: string;
  api: Run;
  sql: Run;
}

function priceRange(fraction: number): { min: number; max: number } {
  const width = Math.round((maxPrice - minPrice) * fraction);
  const min = randomInt(minPrice, maxPrice - width);
  return { min, max: min + width };
}

const pageQuery = (extra: string) => `query ($min: Float!, $max: Float!) {
  listings(filter: {price: {gte: $min, lte: $max}}, sort: [{field: listedAt, direction: DESC}], first: 50) {
    nodes { id name address city price { amount currency } bedrooms listedAt ${extra} }
  }
}`;

function expectRows(rows: unknown[] | undefined, what: string): void {
  if (!rows?.length) throw new Error(`${what} returned no rows`);
}

/**
 * The page as a hand-written statement with the same result: `listedAt desc nulls last`
 * in two halves (with a date, by the (listedAt, id) index; without, by id), as the query
 * compiler now writes it — one statement ordered `desc nulls last` walks no index and
 * sorts every row in the price range.
 */
function pageSqlText(listing: ObjectLayout, select: string): string {
  const c = (key: string) => `t.${column(listing, key)}`;
  const where = `t.deleted_at is null and ${c('price')} >= $1::numeric and ${c('price')} <= $2::numeric`;
  const half = (condition: string, order: string) =>
    `(select ${select} from ${listing.table} t where ${where} and ${condition} order by ${order} limit 51)`;
  const withDate = half(`${c('listedAt')} is not null`, `${c('listedAt')} desc, t.id desc`);
  const withoutDate = half(`${c('listedAt')} is null`, 't.id desc');
  // first + 1 rows, as the API reads them to know whether there is a next page.
  return `select * from (${withDate} union all ${withoutDate}) t order by ${c('listedAt')} desc nulls last, t.id desc limit 51`;
}

function pageCases(api: Api, pool: pg.Pool, listing: ObjectLayout, person: ObjectLayout): BenchCase[] {
  const c = (key: string) => `t.${column(listing, key)}`;
  const select = ['t.id', 'name', 'address', 'city', 'price', 'bedrooms', 'listedAt', 'seller']
    .map((key) => (key === 't.id' ? key : c(key)))
    .concat(`${c('price')}_currency`)
    .join(', ');
  const page = pageSqlText(listing, select);
  const withSeller = `select t.*, p.${column(person, 'name')} as seller_name from (${page}) t
    left join ${person.table} p on p.id = ${c('seller')} and p.deleted_at is null
    order by ${c('listedAt')} desc nulls last, t.id desc`;
  type Page = { listings: { nodes: unknown[] } };
  const pageApi =
    (extra: string): Run =>
    async () => {
      const { data } = await graphql<Page>(api, pageQuery(extra), priceRange(pageRangeFraction));
      expectRows(data.listings.nodes, 'the API page');
    };
  const pageSql =
    (text: string): Run =>
    async () => {
      const { min, max } = priceRange(pageRangeFraction);
      const { rows } = await pool.query(text, [min, max]);
      expectRows(rows, 'the SQL page');
    };
  return [
    {
      name: `page: price range (${pageRangeFraction * 100}%), sort listedAt desc, 50 rows`,
      api: pageApi(''),
      sql: pageSql(page),
    },
    { name: 'the same page with seller { name }', api: pageApi('seller { name }'), sql: pageSql(withSeller) },
  ];
}

/** An address search as people type it: a street name and the start of a city. */
function searchText(): { text: string; rest: string; prefix: string } {
  const street = pick(words.streets);
  const city = pick(words.cities);
  const prefix = city.slice(0, Math.max(3, city.length - 2));
  return { text: `${street} ${prefix}`, rest: street, prefix: `'${prefix}':*` };
}

function searchCase(api: Api, pool: pg.Pool, listing: ObjectLayout): BenchCase {
  const c = (key: string) => `t.${column(listing, key)}`;
  return {
    name: 'full-text search "<street> <city prefix>", 50 rows',
    api: async () => {
      const { data } = await graphql<{ listings: { nodes: unknown[] } }>(
        api,
        `
          query ($q: String!) {
            listings(search: $q, first: 50) {
              nodes {
                id
                name
                address
                city
              }
            }
          }
        `,
        { q: searchText().text },
      );
      expectRows(data.listings.nodes, 'the API search');
    },
    sql: async () => {
      const { rest, prefix } = searchText();
      const { rows } = await pool.query(
        `select t.id, ${c('name')}, ${c('address')}, ${c('city')} from ${listing.table} t
         where t.deleted_at is null and t.search @@ (websearch_to_tsquery('simple', $1) && to_tsquery('simple', $2))
         order by t.created_at desc, t.id desc limit 51`,
        [rest, prefix],
      );
      expectRows(rows, 'the SQL search');
    },
  };
}

function updateCase(api: Api, pool: pg.Pool, listing: ObjectLayout, ids: string[]): BenchCase {
  const price = column(listing, 'price');
  // The store's write: the row, then (under the change log's lock) its record_change entry.
  const updateSql = `with old as (select id, ${price} as price from ${listing.table} where id = $1 for update)
    update ${listing.table} t set ${price} = $2::numeric, version = t.version + 1, updated_at = now(), updated_by = $3
    from old where t.id = old.id returning old.price as old_price, t.version`;
  const changeSql = `insert into ${quote(listing.schema)}.record_change (object_id, record_id, kind, actor_id, changes, version)
    values ($1, $2, 'update', $3, $4::jsonb, $5)`;
  return {
    name: 'update one record: price',
    api: async () => {
      await graphql(
        api,
        `
          mutation ($id: ID!, $amount: Float!) {
            updateListing(id: $id, input: { price: { amount: $amount } }) {
              id
              version
            }
          }
        `,
        { id: pick(ids), amount: randomInt(minPrice, maxPrice) },
      );
    },
    sql: async () => {
      const client = await pool.connect();
      try {
        const id = pick(ids);
        const amount = randomInt(minPrice, maxPrice);
        await client.query('begin');
        const { rows } = await client.query<{ old_price: string; version: number }>(updateSql, [
          id,
          amount,
          api.userId,
        ]);
        await client.query('select pg_advisory_xact_lock(hashtext($1))', [listing.schema]);
        const changes = {
          price: [
            { amount: Number(rows[0]!.old_price), currency: 'USD' },
            { amount, currency: 'USD' },
          ],
        };
        await client.query(changeSql, [
          listing.objectId,
          id,
          api.userId,
          JSON.stringify(changes),
          rows[0]!.version,
        ]);
        await client.query('commit');
      } finally {
        client.release();
      }
    },
  };
}

function countCase(api: Api, pool: pg.Pool, listing: ObjectLayout): BenchCase {
  const price = `t.${column(listing, 'price')}`;
  return {
    name: `totalCount: price range (${countRangeFraction * 100}%)`,
    api: async () => {
      await graphql(
        api,
        `
          query ($min: Float!, $max: Float!) {
            listings(filter: { price: { gte: $min, lte: $max } }, first: 1) {
              totalCount
            }
          }
        `,
        priceRange(countRangeFraction),
      );
    },
    sql: async () => {
      const { min, max } = priceRange(countRangeFraction);
      await pool.query(
        `select count(*) from ${listing.table} t where t.deleted_at is null and ${price} >= $1::numeric and ${price} <= $2::numeric`,
        [min, max],
      );
    },
  };
}

// ---------------------------------------------------------------------------------------
// The run.

interface CaseResult {
  name: string;
  /** As the client sees it: HTTP round trip, JSON and all. */
  api: Summary;
  /** Inside the server: the Server-Timing of the same requests. */
  server: Summary;
  sql: Summary;
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;

function resultTable(results: CaseResult[]): string {
  return markdownTable(
    [
      'case',
      'client p50',
      'client p99',
      'server p50',
      'server p95',
      'server p99',
      'SQL p50',
      'SQL p95',
      'SQL p99',
      'server/SQL p50',
      'server/SQL p99',
      'client/SQL p50',
      'runs',
    ],
    results.map(({ name, api, server, sql }) => [
      name,
      formatMs(api.p50),
      formatMs(api.p99),
      formatMs(server.p50),
      formatMs(server.p95),
      formatMs(server.p99),
      formatMs(sql.p50),
      formatMs(sql.p95),
      formatMs(sql.p99),
      ratio(server.p50, sql.p50),
      ratio(server.p99, sql.p99),
      ratio(api.p50, sql.p50),
      String(api.samples),
    ]),
  );
}

async function settings(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ name: string; setting: string; unit: string | null }>(
    `select name, setting, unit from pg_settings where name in ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost') order by name`,
  );
  return rows.map((r) => `${r.name}=${r.setting}${r.unit ?? ''}`).join(', ');
}

async function tableSize(pool: pg.Pool, layout: ObjectLayout): Promise<string> {
  const { rows } = await pool.query<{ table: string; total: string }>(
    `select pg_size_pretty(pg_table_size($1::regclass)) as table, pg_size_pretty(pg_total_relation_size($1::regclass)) as total`,
    [layout.table],
  );
  return `${rows[0]!.table} table, ${rows[0]!.total} with indexes`;
}

async function run(pool: pg.Pool, serverUrl: string, version: string): Promise<void> {
  const api = await signUp(serverUrl);
  await createListingObject(api);
  const listing = await readLayout(pool, api.workspaceId, 'listing');
  const person = await readLayout(pool, api.workspaceId, 'person');
  const indexed = ['name', ...listingFields.filter((f) => f.type !== 'LONG_TEXT').map((f) => f.key)];
  await waitForFieldIndexes(pool, listing, indexed);

  console.log('# Records benchmark (server and clients in one process)\n');
  console.log(`Node ${process.version}, PostgreSQL ${version}`);
  console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${os.platform()} ${os.release()}`);
  console.log(`PostgreSQL settings: ${await settings(pool)}`);
  console.error(
    `Seeding ${recordCount.toLocaleString('en')} listings and ${personCount.toLocaleString('en')} people…`,
  );
  const seeded = await seed(pool, api, listing, person);
  console.log(
    `\nN = ${recordCount.toLocaleString('en')} listings (12 fields + name, ${indexed.length} field indexes), ${personCount.toLocaleString('en')} people; ${await tableSize(pool, listing)}`,
  );
  console.log(
    `Seeding: ${formatDuration(seeded.insertMs)} inserting (indexes in place), ${formatDuration(seeded.analyzeMs)} VACUUM ANALYZE and CHECKPOINT`,
  );

  const cases = [
    ...pageCases(api, pool, listing, person),
    searchCase(api, pool, listing),
    updateCase(api, pool, listing, seeded.listingIds),
    countCase(api, pool, listing),
  ];
  const results: CaseResult[] = [];
  for (const benchCase of cases) {
    console.error(`Measuring: ${benchCase.name}`);
    const [apiSummary, sqlSummary, serverSummary] = await measurePair(
      benchCase.api,
      benchCase.sql,
      measureOptions,
    );
    if (!serverSummary) throw new Error(`${benchCase.name}: no Server-Timing on the API's answers`);
    results.push({ name: benchCase.name, api: apiSummary, server: serverSummary, sql: sqlSummary });
  }
  console.log(
    `\nLatency in ms. client: GraphQL over HTTP from a client in this process (fetch, JSON and all); server: the same requests inside the server (its Server-Timing header, from arrival to the answer's headers); SQL: the same work through pg.\n`,
  );
  console.log(resultTable(results));
  const page = results[0]!.server;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const within = results.map((r) => `${r.name.split(':')[0]} ${ratio(r.server.p50, r.sql.p50)}`);
  const allWithin = results.every((r) => r.server.p50 <= 3 * r.sql.p50);
  console.log(
    `\nTargets (issue 3), measured at the server: page p50 ≤ 20 ms ${verdict(page.p50 <= 20)} (${formatMs(page.p50)}), p99 ≤ 50 ms ${verdict(page.p99 <= 50)} (${formatMs(page.p99)}); API within 3× of SQL at p50 ${verdict(allWithin)} (${within.join(', ')}).`,
  );
}

async function main(): Promise<void> {
  const database = await openBenchDatabase('crm_bench');
  try {
    const server = await startBenchServer(database.url);
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    try {
      await run(pool, server.url, database.version);
    } finally {
      await pool.end();
      await server.close();
    }
  } finally {
    await database.drop();
  }
}

await main();
