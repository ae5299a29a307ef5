// Against a peer (issue 23, item 1): the product's generated GraphQL API, PostGraphile 4
// (with connection-filter) over the very same tables, and hand-written SQL through `pg`,
// timed in turn in one process on one database, after checking that all three answer alike.
//
//   pnpm --filter @crm/server run bench:peer        200,000 listings, 10,000 people
//   BENCH_PEER_RECORDS=20000 …                      a quick run
//   BENCH_DATABASE_URL=postgres://…                 a real PostgreSQL (superuser) instead of the embedded one
//
// Other knobs: BENCH_ITERATIONS (runs per read case, default 300), BENCH_WARMUP (20),
// BENCH_CASE_SECONDS (time budget per read case, 60), BENCH_PEER_WRITE_SECONDS (per system
// and write case, default 8, in two alternating halves), BENCH_PEER_SAME_COSTS=1 (PostGraphile's
// connections get the planner page costs the product sets on its own; by default the server's).
//
// PostGraphile sees the workspace's schema as it is, named by smart comments (COMMENT ON)
// after the fields' keys; it runs without authentication, row security or a change log, so
// it is the floor of what a generated GraphQL API over these tables costs.
import '../src/platform/node-env.js';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import ConnectionFilterPlugin from 'postgraphile-plugin-connection-filter';
import {
  type Api,
  drive,
  formatDuration,
  formatMs,
  graphql,
  loadAverage,
  markdownTable,
  measureOptionsFromEnv,
  measureRounds,
  pick,
  randomInt,
  type Run,
  signUp,
  summarize,
  type Summary,
  type Throughput,
  serverBuild,
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
} from './listing.js';

const recordCount = Number(process.env.BENCH_PEER_RECORDS ?? 200_000);
const personCount = Math.min(10_000, recordCount);
const measureOptions = measureOptionsFromEnv();
const writeMs = Number(process.env.BENCH_PEER_WRITE_SECONDS ?? 8) * 1000;
const writers = 8;

// ---------------------------------------------------------------------------------------
// PostGraphile over the workspace's schema.

/** Names PostGraphile's types and fields after the object and field keys, as the product does. */
async function nameForPostGraphile(
  pool: pg.Pool,
  listing: ObjectLayout,
  person: ObjectLayout,
): Promise<void> {
  const comment = async (what: string, text: string) =>
    pool.query(`comment on ${what} is '${text.replace(/'/g, "''")}'`);
  await comment(`table ${listing.table}`, '@name listing');
  await comment(`table ${person.table}`, '@name person');
  for (const field of listing.fields) {
    const name = field.key === 'seller' ? 'sellerId' : field.key;
    await comment(`column ${listing.table}.${quote(field.column)}`, `@name ${name}`);
    if (field.type === 'CURRENCY') {
      await comment(`column ${listing.table}.${quote(`${field.column}_currency`)}`, `@name ${name}Currency`);
    }
  }
  await comment(`column ${person.table}.${column(person, 'name')}`, '@name name');
  const { rows } = await pool.query<{ name: string }>(
    `select conname as name from pg_constraint where conrelid = $1::regclass and contype = 'f' and $2 = any(
       select attname from pg_attribute where attrelid = conrelid and attnum = any(conkey))`,
    [listing.table, listing.fields.find((f) => f.key === 'seller')!.column],
  );
  if (rows.length !== 1) throw new Error('no foreign key behind the seller relation');
  await comment(`constraint ${quote(rows[0]!.name)} on ${listing.table}`, '@fieldName seller');
}

async function startPostGraphile(pool: pg.Pool, schema: string): Promise<{ url: string; server: Server }> {
  const middleware = postgraphile(pool, schema, {
    appendPlugins: [ConnectionFilterPlugin],
    disableQueryLog: true,
    retryOnInitFail: false,
    ignoreRBAC: false,
    setofFunctionsContainNulls: false,
    enableQueryBatching: false,
  });
  const server = createServer(middleware);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server };
}

// ---------------------------------------------------------------------------------------
// The same questions, three ways.

interface System {
  name: string;
  /** The ids of a page (a), and with `withSeller` the sellers' names in the same order (b). */
  page(min: number, max: number, withSeller: boolean): Promise<{ ids: string[]; sellers: string[] }>;
  count(min: number, max: number): Promise<number>;
  /** The least a request can ask (`{ __typename }`; `select 1` for SQL): a request's fixed cost. */
  fixed(): Promise<unknown>;
  update(id: string, amount: number): Promise<unknown>;
  create(worker: number, id: string, name: string, amount: number): Promise<unknown>;
}

const postGraphilePage = (seller: string) => `query ($min: BigFloat!, $max: BigFloat!) {
  allListings(
    filter: { deletedAt: { isNull: true }, price: { greaterThanOrEqualTo: $min, lessThanOrEqualTo: $max } }
    orderBy: [LISTED_AT_DESC, ID_DESC]
    first: 50
  ) {
    nodes { id name address city price priceCurrency bedrooms listedAt ${seller} }
  }
}`;

type Page = { nodes: { id: string; seller?: { name: string } | null }[] };

function pageAnswer(nodes: Page['nodes'], withSeller: boolean) {
  return { ids: nodes.map((n) => n.id), sellers: withSeller ? nodes.map((n) => n.seller?.name ?? '') : [] };
}

function product(api: Api): System {
  return {
    name: 'product',
    page: async (min, max, withSeller) => {
      const { data } = await graphql<{ listings: Page }>(
        api,
        pageQuery(withSeller ? 'seller { name }' : ''),
        {
          min,
          max,
        },
      );
      return pageAnswer(data.listings.nodes, withSeller);
    },
    count: async (min, max) => {
      const { data } = await graphql<{ listings: { totalCount: number } }>(
        api,
        `
          query ($min: Float!, $max: Float!) {
            listings(filter: { price: { gte: $min, lte: $max } }, first: 1) {
              totalCount
            }
          }
        `,
        { min, max },
      );
      return data.listings.totalCount;
    },
    fixed: () => graphql(api, '{ __typename }'),
    update: (id, amount) =>
      graphql(
        api,
        `
          mutation ($id: ID!, $amount: Float!) {
            updateListing(id: $id, input: { price: { amount: $amount } }) {
              id
              version
            }
          }
        `,
        { id, amount },
      ),
    // The product makes its own ids; `id` is only for the others.
    create: (_worker, _id, name, amount) =>
      graphql(
        api,
        `
          mutation ($name: String!, $amount: Float!) {
            createListing(input: { name: $name, price: { amount: $amount } }) {
              id
            }
          }
        `,
        { name, amount },
      ),
  };
}

function postGraphile(url: string, userId: string): System {
  const api = { url };
  return {
    name: 'PostGraphile',
    page: async (min, max, withSeller) => {
      const { data } = await graphql<{ allListings: Page }>(
        api,
        postGraphilePage(withSeller ? 'seller { name }' : ''),
        { min: String(min), max: String(max) },
      );
      return pageAnswer(data.allListings.nodes, withSeller);
    },
    count: async (min, max) => {
      const { data } = await graphql<{ allListings: { totalCount: number } }>(
        api,
        `
          query ($min: BigFloat!, $max: BigFloat!) {
            allListings(
              filter: {
                deletedAt: { isNull: true }
                price: { greaterThanOrEqualTo: $min, lessThanOrEqualTo: $max }
              }
              first: 1
            ) {
              totalCount
            }
          }
        `,
        { min: String(min), max: String(max) },
      );
      return data.allListings.totalCount;
    },
    fixed: () => graphql(api, '{ __typename }'),
    update: (id, amount) =>
      graphql(
        api,
        `
          mutation ($id: UUID!, $amount: BigFloat!) {
            updateListingById(input: { id: $id, listingPatch: { price: $amount } }) {
              listing {
                id
                version
              }
            }
          }
        `,
        { id, amount: String(amount) },
      ),
    create: (_worker, id, name, amount) =>
      graphql(
        api,
        `
          mutation ($listing: ListingInput!) {
            createListing(input: { listing: $listing }) {
              listing {
                id
              }
            }
          }
        `,
        {
          listing: {
            id,
            name,
            price: String(amount),
            priceCurrency: 'USD',
            createdBy: userId,
            updatedBy: userId,
            ownerId: userId,
          },
        },
      ),
  };
}

/** Hand-written SQL doing what the product's store does: the row and its change-log entry. */
function directSql(
  pool: pg.Pool,
  clients: pg.Client[],
  listing: ObjectLayout,
  person: ObjectLayout,
  userId: string,
): System {
  const c = (key: string) => `t.${column(listing, key)}`;
  const select = ['name', 'address', 'city', 'price', 'bedrooms', 'listedAt', 'seller']
    .map(c)
    .concat('t.id', `${c('price')}_currency`)
    .join(', ');
  const page = pageSqlText(listing, select);
  const withSeller = `select t.id, p.${column(person, 'name')} as seller_name from (${page}) t
    left join ${person.table} p on p.id = ${c('seller')} and p.deleted_at is null
    order by ${c('listedAt')} desc nulls last, t.id desc`;
  const price = column(listing, 'price');
  const name = column(listing, 'name');
  const currency = quote(`${listing.fields.find((f) => f.key === 'price')!.column}_currency`);
  const changes = `${quote(listing.schema)}.record_change`;
  const logChange = (client: pg.Client, id: string, kind: string, change: unknown, version: number) =>
    client.query(
      `insert into ${changes} (object_id, record_id, kind, actor_id, changes, version) values ($1, $2, $3, $4, $5, $6)`,
      [listing.objectId, id, kind, userId, JSON.stringify(change), version],
    );
  const inTransaction = async (client: pg.Client, work: () => Promise<unknown>) => {
    await client.query('begin');
    try {
      await work();
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  };
  const update = (client: pg.Client, id: string, amount: number) =>
    inTransaction(client, async () => {
      const { rows } = await client.query<{ old_price: string; version: number }>(
        `with old as (select id, ${price} as price from ${listing.table} where id = $1 for update)
         update ${listing.table} t set ${price} = $2::numeric, version = t.version + 1, updated_at = now(), updated_by = $3
         from old where t.id = old.id returning old.price as old_price, t.version`,
        [id, amount, userId],
      );
      const usd = (value: number) => ({ amount: value, currency: 'USD' });
      await logChange(
        client,
        id,
        'update',
        { price: [usd(Number(rows[0]!.old_price)), usd(amount)] },
        rows[0]!.version,
      );
    });
  return {
    name: 'SQL',
    page: async (min, max, seller) => {
      const { rows } = await pool.query<{ id: string; seller_name: string | null }>(
        seller ? withSeller : page,
        [min, max],
      );
      return {
        ids: rows.slice(0, 50).map((r) => r.id),
        sellers: seller ? rows.slice(0, 50).map((r) => r.seller_name ?? '') : [],
      };
    },
    fixed: () => pool.query('select 1'),
    count: async (min, max) => {
      const { rows } = await pool.query<{ count: string }>(
        `select count(*) from ${listing.table} t where t.deleted_at is null and t.${price} >= $1::numeric and t.${price} <= $2::numeric`,
        [min, max],
      );
      return Number(rows[0]!.count);
    },
    update: async (id, amount) => {
      const client = await pool.connect();
      try {
        // pg.PoolClient is a pg.Client.
        await update(client, id, amount);
      } finally {
        client.release();
      }
    },
    create: (worker, id, recordName, amount) => {
      const client = clients[worker]!;
      return inTransaction(client, async () => {
        await client.query(
          `insert into ${listing.table} (id, created_by, updated_by, owner_id, ${name}, ${price}, ${currency}, search)
           values ($1, $2, $2, $2, $3, $4, 'USD', to_tsvector('simple', $3))`,
          [id, userId, recordName, amount],
        );
        await logChange(
          client,
          id,
          'create',
          { name: [null, recordName], price: [null, { amount, currency: 'USD' }] },
          1,
        );
      });
    },
  };
}

// ---------------------------------------------------------------------------------------
// Same answers first.

function sameJson(what: string, answers: [string, unknown][]): void {
  const [first, ...others] = answers;
  for (const [name, answer] of others) {
    if (JSON.stringify(answer) !== JSON.stringify(first![1])) {
      throw new Error(
        `${what}: ${name} answers ${JSON.stringify(answer)}, ${first![0]} ${JSON.stringify(first![1])}`,
      );
    }
  }
}

async function checkSameAnswers(
  systems: System[],
  pool: pg.Pool,
  listing: ObjectLayout,
  ids: string[],
): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const { min, max } = priceRange(pageRangeFraction);
    for (const withSeller of [false, true]) {
      const answers = await Promise.all(
        systems.map(async (s) => [s.name, await s.page(min, max, withSeller)] as [string, unknown]),
      );
      if (!(answers[0]![1] as { ids: string[] }).ids.length) throw new Error('an empty page');
      sameJson(`page ${min}–${max}${withSeller ? ' with sellers' : ''}`, answers);
    }
    const range = priceRange(countRangeFraction);
    sameJson(
      `totalCount ${range.min}–${range.max}`,
      await Promise.all(
        systems.map(async (s) => [s.name, await s.count(range.min, range.max)] as [string, unknown]),
      ),
    );
  }
  const price = column(listing, 'price');
  for (const system of systems) {
    const id = pick(ids);
    const amount = randomInt(minPrice, maxPrice);
    await system.update(id, amount);
    const { rows } = await pool.query<{ price: string }>(
      `select ${price} as price from ${listing.table} where id = $1`,
      [id],
    );
    if (Number(rows[0]!.price) !== amount) throw new Error(`${system.name}'s update did not write the price`);
  }
}

// ---------------------------------------------------------------------------------------
// The run.

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

interface ReadResult {
  name: string;
  summaries: Summary[];
  server: Summary | null;
  /** This process's CPU per operation, ms, per system (the servers' and the client's). */
  cpuMs: number[];
}

async function measureReads(systems: System[], ids: string[]): Promise<ReadResult[]> {
  const cases: { name: string; run: (s: System) => Run }[] = [
    {
      name: `(a) page: price range (${pageRangeFraction * 100}%), sort listedAt desc, 50 rows`,
      run: (s) => () => {
        const { min, max } = priceRange(pageRangeFraction);
        return s.page(min, max, false);
      },
    },
    {
      name: '(b) the same page with seller { name }',
      run: (s) => () => {
        const { min, max } = priceRange(pageRangeFraction);
        return s.page(min, max, true);
      },
    },
    {
      name: `(c) totalCount: price range (${countRangeFraction * 100}%)`,
      run: (s) => () => {
        const { min, max } = priceRange(countRangeFraction);
        return s.count(min, max);
      },
    },
    {
      name: '(z) { __typename }: the fixed cost of a request',
      run: (s) => () => s.fixed(),
    },
    {
      name: '(d) update one record: price',
      run: (s) => () => s.update(pick(ids), randomInt(minPrice, maxPrice)),
    },
  ];
  const results: ReadResult[] = [];
  for (const benchCase of cases) {
    console.error(`Measuring: ${benchCase.name}`);
    const { summaries, server, cpuMs } = await measureRounds(
      systems.map((s) => benchCase.run(s)),
      measureOptions,
    );
    results.push({ name: benchCase.name, summaries, server, cpuMs });
  }
  return results;
}

/** Each system in turn, twice, with `writers` loops for half of `writeMs` each time. */
async function measureWrites(
  systems: System[],
  name: string,
  op: (s: System) => (worker: number, i: number) => Promise<unknown>,
): Promise<ReadResult & { throughput: Throughput[] }> {
  console.error(`Measuring: ${name}`);
  for (const system of systems) await drive(writers, 1_000, op(system));
  const rounds: Throughput[][] = systems.map(() => []);
  for (let round = 0; round < 2; round++) {
    for (const [n, system] of systems.entries())
      rounds[n]!.push(await drive(writers, writeMs / 2, op(system)));
  }
  const throughput = rounds.map((r) => ({
    perSecond:
      (r.reduce((sum, t) => sum + t.samples.length, 0) / r.reduce((sum, t) => sum + t.elapsedMs, 0)) * 1000,
    latency: summarize(r.flatMap((t) => t.samples)),
    samples: [],
    elapsedMs: r.reduce((sum, t) => sum + t.elapsedMs, 0),
    cpuMs:
      r.reduce((sum, t) => sum + t.cpuMs * t.samples.length, 0) /
      r.reduce((sum, t) => sum + t.samples.length, 0),
  }));
  return {
    name,
    summaries: throughput.map((t) => t.latency),
    server: null,
    cpuMs: throughput.map((t) => t.cpuMs),
    throughput,
  };
}

async function run(pool: pg.Pool, databaseUrl: string, serverUrl: string, version: string): Promise<void> {
  const api = await signUp(serverUrl);
  await createListingObject(api);
  const listing = await readLayout(pool, api.workspaceId, 'listing');
  const person = await readLayout(pool, api.workspaceId, 'person');
  const indexed = ['name', ...listingFields.filter((f) => f.type !== 'LONG_TEXT').map((f) => f.key)];
  await waitForFieldIndexes(pool, listing, indexed);

  console.log('# Against PostGraphile (product, PostGraphile and clients in one process)\n');
  console.log(`Node ${process.version}, PostgreSQL ${version}`);
  console.log(`The product runs ${serverBuild}.`);
  console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${os.platform()} ${os.release()}`);
  console.log(
    `PostgreSQL settings: ${await settings(pool)} on the product's and the SQL's connections; PostGraphile's: ${process.env.BENCH_PEER_SAME_COSTS ? 'the same' : "the server's"}`,
  );
  console.error(
    `Seeding ${recordCount.toLocaleString('en')} listings and ${personCount.toLocaleString('en')} people…`,
  );
  const seeded = await seed(pool, api, listing, person, { records: recordCount, people: personCount });
  console.log(
    `\nN = ${recordCount.toLocaleString('en')} listings, ${personCount.toLocaleString('en')} people (seller: RELATION); ${await tableSize(pool, listing)}; seeded in ${formatDuration(seeded.insertMs + seeded.analyzeMs)}`,
  );

  await nameForPostGraphile(pool, listing, person);
  // PostGraphile plans with the server's settings unless BENCH_PEER_SAME_COSTS gives it the product's.
  const peerPool = new pg.Pool({
    connectionString: databaseUrl,
    max: writers + 2,
    options: process.env.BENCH_PEER_SAME_COSTS ? serverSessionOptions : undefined,
  });
  const peer = await startPostGraphile(peerPool, listing.schema);
  const clients = await Promise.all(
    Array.from({ length: writers }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl, options: serverSessionOptions });
      await client.connect();
      return client;
    }),
  );
  try {
    const systems = [
      product(api),
      postGraphile(peer.url, api.userId),
      directSql(pool, clients, listing, person, api.userId),
    ];
    await checkSameAnswers(systems, pool, listing, seeded.listingIds);
    console.error('The three answer alike: pages (ids, order, sellers), totals, updates.');
    const loadBefore = loadAverage();
    const reads = await measureReads(systems, seeded.listingIds);
    // Each worker updates records of its own, so no two fight over a row lock.
    const { rows: mine } = await pool.query<{ id: string }>(
      `select id from ${listing.table} limit ${writers * 50}`,
    );
    const own = Array.from({ length: writers }, (_, w) => mine.slice(w * 50, (w + 1) * 50).map((r) => r.id));
    const writes = [
      await measureWrites(
        systems,
        `(e) create, ${writers} connections`,
        (s) => (worker, i) =>
          s.create(worker, randomUUID(), `${s.name} ${worker}-${i}`, randomInt(minPrice, maxPrice)),
      ),
      await measureWrites(
        systems,
        `(f) update price, ${writers} connections`,
        (s) => (worker, i) => s.update(own[worker]![i % own[worker]!.length]!, randomInt(minPrice, maxPrice)),
      ),
    ];
    const loadAfter = loadAverage();

    console.log(
      `\nLatency in ms as a client in the same process sees it (GraphQL over HTTP, JSON and all; SQL through pg). Product/PostGraphile and product/SQL compare p50s (and p99s). Load average (1, 5, 15 min) before: ${loadBefore}; after: ${loadAfter}.\n`,
    );
    const header = [
      'case',
      'product p50',
      'p95',
      'p99',
      'PostGraphile p50',
      'p95',
      'p99',
      'SQL p50',
      'p95',
      'p99',
      'product/PG p50',
      'product/PG p99',
      'product/SQL p50',
    ];
    const latencyRow = (name: string, [a, b, c]: Summary[]) => [
      name,
      ...[a!, b!, c!].flatMap((s) => [formatMs(s.p50), formatMs(s.p95), formatMs(s.p99)]),
      ratio(a!.p50, b!.p50),
      ratio(a!.p99, b!.p99),
      ratio(a!.p50, c!.p50),
    ];
    console.log(
      markdownTable(
        header,
        [...reads, ...writes].map((r) => latencyRow(r.name, r.summaries)),
      ),
    );
    console.log('\nWrites with 8 connections, operations per second (higher is better):\n');
    console.log(
      markdownTable(
        ['case', 'product/s', 'PostGraphile/s', 'SQL/s', 'product ÷ PG', 'product ÷ SQL'],
        writes.map((w) => {
          const [a, b, c] = w.throughput.map((t) => t.perSecond);
          return [
            w.name,
            a!.toFixed(0),
            b!.toFixed(0),
            c!.toFixed(0),
            `${(a! / b!).toFixed(2)}×`,
            `${(a! / c!).toFixed(2)}×`,
          ];
        }),
      ),
    );
    console.log(
      "\nThis process's CPU during each operation (user + system, µs, all its threads): the servers and the client, and also what the process does meanwhile (garbage collection, compilation, timers), which may be another system's garbage; so read the differences, not the SQL column:\n",
    );
    console.log(
      markdownTable(
        ['case', 'product', 'PostGraphile', 'SQL', 'product − PG'],
        [...reads, ...writes].map((r) => {
          const [a, b, c] = r.cpuMs.map((ms) => ms * 1000);
          return [r.name, a!.toFixed(0), b!.toFixed(0), c!.toFixed(0), (a! - b!).toFixed(0)];
        }),
      ),
    );
    const atServer = reads.map((r) => `${r.name.slice(0, 3)} ${r.server ? formatMs(r.server.p50) : '–'}`);
    console.log(
      `\nThe product's own time (Server-Timing) p50 in ms: ${atServer.join(', ')}. Runs per read case: ${reads[0]!.summaries[0]!.samples}.`,
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
    await new Promise((resolve) => peer.server.close(resolve));
    await peerPool.end();
  }
}

async function main(): Promise<void> {
  await withBenchServer('crm_bench_peer', async (server, database) => {
    const pool = new pg.Pool({ connectionString: database.url, max: 2, options: serverSessionOptions });
    try {
      await run(pool, database.url, server.url, database.version);
    } finally {
      await pool.end();
    }
  });
}

await main();
