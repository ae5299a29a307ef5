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
import pg from 'pg';
import {
  type Api,
  formatDuration,
  formatMs,
  graphql,
  markdownTable,
  measureOptionsFromEnv,
  measurePair,
  pick,
  randomInt,
  type Run,
  signUp,
  type Summary,
  serverSessionOptions,
  withBenchServer,
} from './lib.js';
import {
  column,
  countRangeFraction,
  createListingObject,
  listingFields,
  maxPrice,
  minPrice,
  type ObjectLayout,
  pageQuery,
  pageRangeFraction,
  pageSqlText,
  priceRange,
  quote,
  readLayout,
  seed,
  settings,
  tableSize,
  waitForFieldIndexes,
  words,
} from './listing.js';

const recordCount = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const personCount = Math.min(10_000, recordCount);
const measureOptions = measureOptionsFromEnv();

// ---------------------------------------------------------------------------------------
// The object: 12 fields besides the `name` every object has.

// ---------------------------------------------------------------------------------------
// The cases: each an API run and the equivalent SQL run.

interface BenchCase {
  name: string;
  api: Run;
  sql: Run;
}

function expectRows(rows: unknown[] | undefined, what: string): void {
  if (!rows?.length) throw new Error(`${what} returned no rows`);
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
  const seeded = await seed(pool, api, listing, person, { records: recordCount, people: personCount });
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
  await withBenchServer('crm_bench', async (server, database) => {
    const pool = new pg.Pool({ connectionString: database.url, max: 2, options: serverSessionOptions });
    try {
      await run(pool, server.url, database.version);
    } finally {
      await pool.end();
    }
  });
}

await main();
