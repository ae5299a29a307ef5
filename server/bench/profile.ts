// Where one request's time goes (issue 23, item 2): the records page (price range, sorted on
// a date, 50 rows) asked BENCH_PROFILE_REQUESTS times, one after another, of a real server in
// a child process whose V8 CPU profiler (node:inspector) runs only while those requests do.
// The samples are then summed by what the server was doing: HTTP framework, authentication,
// schema lookup, parse/validate, armor and cost analysis, execution, pg, serialization…
//
//   pnpm --filter @crm/server run bench:profile
//   BENCH_PROFILE_REQUESTS=2000 BENCH_PROFILE_RECORDS=20000 …   (the defaults)
//   BENCH_PROFILE_OUT=/tmp/page.cpuprofile …                    keep the profile (Chrome DevTools opens it)
//   BENCH_PROFILE_CASE=seller|count|update|create …   the page with seller { name }, its totalCount
//                                      alone, an update of one listing's price (peer case (d)),
//                                      or a create of a listing (peer case (e), one at a time)
//   BENCH_PROFILE_AS=agent …           ask as a member whose profile reads only their own 1 %
//                                      (issue 20; permissions.bench.ts's agent), not as the owner
//
// The child is this file run with `--serve <database url>`.
import '../src/platform/node-env.js';
import { fork } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Profiler } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  graphql,
  loadAverage,
  markdownTable,
  openBenchDatabase,
  serverBuild,
  signUp,
  startBenchServer,
} from './lib.js';
import {
  createListingObject,
  listingFields,
  pageQuery,
  pageRangeFraction,
  priceRange,
  readLayout,
  seed,
  waitForFieldIndexes,
} from './listing.js';
import { scopedAgent } from './agent.js';

const requests = Number(process.env.BENCH_PROFILE_REQUESTS ?? 2_000);
const recordCount = Number(process.env.BENCH_PROFILE_RECORDS ?? 20_000);
const warmup = 300;
const asAgent = process.env.BENCH_PROFILE_AS === 'agent';
// The peer bench's cases: (a) the page, (b) with its sellers' names, (c) the count alone, (d) an update.
const profiledCase = process.env.BENCH_PROFILE_CASE ?? 'page';
const profiledQuery =
  profiledCase === 'count'
    ? `query ($min: Float!, $max: Float!) { listings(filter: {price: {gte: $min, lte: $max}}, first: 1) { totalCount } }`
    : profiledCase === 'update'
      ? `mutation ($id: ID!, $amount: Float!) { updateListing(id: $id, input: { price: { amount: $amount } }) { id version } }`
      : profiledCase === 'create'
        ? `mutation ($name: String!, $amount: Float!) { createListing(input: { name: $name, price: { amount: $amount } }) { id } }`
        : pageQuery(profiledCase === 'seller' ? 'seller { name }' : '');
/** Microseconds between samples. */
const samplingInterval = 200;

type Message =
  | { kind: 'listening'; url: string }
  | { kind: 'profile'; profile: CpuProfile; statements: [string, number][]; cpuMicros: number };
type Command = { kind: 'start' } | { kind: 'stop' };

// ---------------------------------------------------------------------------------------
// The child: the server, and its profiler on command.

/** Counts the statements sent through `pg` (MikroORM's and the store's alike) while `counting`. */
function countStatements(): { counting: boolean; counts: Map<string, number> } {
  const state = { counting: false, counts: new Map<string, number>() };
  // MikroORM's PostgreSQL driver may have a `pg` of its own.
  const require = createRequire(createRequire(import.meta.url).resolve('@mikro-orm/postgresql'));
  for (const Client of new Set([pg.Client, (require('pg') as typeof pg).Client])) {
    const query = Client.prototype.query as (...args: unknown[]) => unknown;
    Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      if (state.counting) {
        const first = args[0] as string | { text?: string } | undefined;
        // Cheap here; whitespace is folded when reported.
        const text = (typeof first === 'string' ? first : (first?.text ?? '?')).slice(0, 100);
        state.counts.set(text, (state.counts.get(text) ?? 0) + 1);
      }
      return query.apply(this, args);
    } as typeof Client.prototype.query;
  }
  return state;
}

async function serve(databaseUrl: string): Promise<void> {
  const statements = countStatements();
  const server = await startBenchServer(databaseUrl);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: samplingInterval });
  let cpuAtStart = process.cpuUsage();
  process.on('message', (command: Command) => {
    void (async () => {
      if (command.kind === 'start') {
        await session.post('Profiler.start');
        statements.counting = true;
        cpuAtStart = process.cpuUsage();
      } else {
        const cpu = process.cpuUsage(cpuAtStart);
        const { profile } = await session.post('Profiler.stop');
        statements.counting = false;
        session.disconnect();
        // Done: the server goes with the process, its database with the parent's cleanup.
        process.send!(
          {
            kind: 'profile',
            profile,
            statements: [...statements.counts],
            cpuMicros: cpu.user + cpu.system,
          } satisfies Message,
          () => process.exit(0),
        );
      }
    })();
  });
  process.send!({ kind: 'listening', url: server.url } satisfies Message);
}

// ---------------------------------------------------------------------------------------
// Reading a profile.

type CpuProfile = Profiler.Profile;

type Frame = CpuProfile['nodes'][number]['callFrame'];

/**
 * The categories, tried from the sampled frame outwards: the first frame that one of them
 * claims decides. Frames none claims (graphql-js's visitor, MikroORM, Node's streams…)
 * count for whichever caller is claimed, so a cost check's walk over the document is armor,
 * and a resolver's metadata lookup is execution.
 */
const rules: { category: string; test: (frame: Frame) => boolean }[] = [
  {
    category: 'SQL (pg driver)',
    test: (f) => /\/node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres-[a-z]+)\//.test(f.url),
  },
  {
    category: 'MikroORM and knex (SQL building, connection pool)',
    test: (f) => /\/node_modules\/(@mikro-orm\/[a-z]+|knex|tarn)\//.test(f.url),
  },
  { category: 'parse (graphql-js)', test: (f) => /\/graphql\/language\/(parser|lexer)/.test(f.url) },
  { category: 'validate (graphql-js)', test: (f) => /\/graphql\/validation\//.test(f.url) },
  {
    category: 'armor / cost analysis',
    test: (f) =>
      /graphql-armor|graphql-query-complexity/.test(f.url) ||
      /\/src\/(app\/protection|platform\/(input-depth|operation-gate|text-input|variable-errors))\.ts/.test(
        f.url,
      ),
  },
  {
    category: 'authentication and membership',
    test: (f) => /\/src\/(identity\/|app\/context\.ts)/.test(f.url),
  },
  {
    category: 'schema lookup (workspace schemas)',
    test: (f) => /\/src\/app\/workspace-schemas\.ts/.test(f.url),
  },
  {
    category: 'execution and resolvers',
    test: (f) =>
      /\/graphql\/execution\/|\/type-graphql\/|@graphql-tools|dataloader/.test(f.url) ||
      /\/src\/(records|metadata|views|pipelines|realtime)\//.test(f.url),
  },
  {
    category: 'GraphQL request pipeline (Apollo, or the fast path)',
    test: (f) => /\/@apollo\//.test(f.url) || /\/src\/app\/graphql-fast-path\.ts/.test(f.url),
  },
  {
    category: 'HTTP framework (Express, body parsing, headers)',
    test: (f) =>
      /\/node_modules\/(express|router|body-parser|raw-body|response-time|helmet|on-finished|on-headers|finalhandler|send|type-is|content-type|iconv-lite|qs|cookie|negotiator|accepts|mime-types)\//.test(
        f.url,
      ) || /\/src\/(app\/(http-app|security-headers|graphql-door)|platform\/graphql-http)\.ts/.test(f.url),
  },
];

const idle = '(idle)';

function classify(stack: readonly Frame[]): string {
  const leaf = stack[stack.length - 1]!;
  if (leaf.functionName === '(garbage collector)') return 'garbage collection';
  if (leaf.functionName === '(idle)') return idle;
  if (leaf.functionName === '(program)') return 'V8 and native, unattributed';
  // JSON.stringify runs inside its caller's frame (V8 builtins get none): Apollo's for the answer.
  if (leaf.functionName === 'prettyJSONStringify' || (leaf.url === '' && leaf.functionName === 'stringify')) {
    return 'serialization (JSON.stringify of the answer)';
  }
  if (leaf.url.endsWith('/bench/profile.ts')) return 'statement counting (this profile)';
  for (let i = stack.length - 1; i >= 0; i--) {
    const rule = rules.find((r) => r.test(stack[i]!));
    if (rule) return rule.category;
  }
  return stack.some((f) => f.url.startsWith('node:'))
    ? 'Node core (HTTP server, sockets, timers)'
    : 'other (uncategorised)';
}

/** `function file:line`; the server's own files without a line (tsx's transform has no line map here). */
function frameName(frame: Frame): string {
  const file = frame.url
    .replace(/^.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '')
    .replace(/^.*\/server\/src\//, 'src/');
  const where = !file ? '(native)' : file.startsWith('src/') ? file : `${file}:${frame.lineNumber + 1}`;
  return `${frame.functionName || '(anonymous)'} ${where}`;
}

/**
 * Stages by the functions on the stack. Overlapping, and low: work resumed after an `await`
 * runs on a fresh stack without its caller.
 */
const stages: [string, RegExp][] = [
  ['Express `res.send` (ETag, headers, socket write)', /^send .*\/express\/lib\/response\.js/],
  ['… of which the ETag (`etag`)', /^(etag|generateETag) /],
  ['`express.json` (read and parse the body)', /^jsonParser .*body-parser/],
  ['`response-time` and `helmet`', /\/node_modules\/(response-time|helmet)\//],
  ['createContext (fork of the ORM, authentication)', /^createContext .*src\/app\/context\.ts/],
  ['Apollo `processGraphQLRequest`', /^processGraphQLRequest /],
  ['the fast path (`tryServe`, execution included)', /^tryServe /],
  ['graphql-js `execute`', /^execute .*\/graphql\/execution\/execute\.js/],
  [
    'cost analysis (`didResolveOperation` in protection.ts)',
    /^didResolveOperation .*src\/app\/protection\.ts/,
  ],
  ['`listRecords` (compile, run, decode)', /^listRecords .*src\/records\//],
  ['… of which `compileList`', /^compileList .*src\/records\//],
  ['… of which `decodeRow`', /^decodeRow .*src\/records\//],
  ['MikroORM `em.execute` and knex', /\/node_modules\/(@mikro-orm\/[a-z]+|knex|tarn)\//],
  ['… of which formatting parameters into the SQL (`quoteValue`)', /^quoteValue .*@mikro-orm/],
  ['pg driver', /\/node_modules\/(pg|pg-protocol|pg-types|pg-pool)\//],
  ['Node HTTP response (`_http_outgoing`, `_http_server`)', /node:_http_(outgoing|server)$/],
];

interface Breakdown {
  busyMs: number;
  idleMs: number;
  byCategory: Map<string, number>;
  bySelf: Map<string, { ms: number; category: string }>;
  /** Time with the function anywhere on the stack, for the server's own functions. */
  byInclusive: Map<string, number>;
  byStage: Map<string, number>;
}

/** The build's files named as their source (`dist/x.js` → `src/x.ts`), so one set of rules reads both. */
function asSource(frame: Frame): Frame {
  const url = frame.url.replace(/\/server\/dist\/(.*)\.js$/, '/server/src/$1.ts');
  return url === frame.url ? frame : { ...frame, url };
}

function analyse(profile: CpuProfile): Breakdown {
  const byId = new Map(profile.nodes.map((n) => [n.id, { ...n, callFrame: asSource(n.callFrame) }]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stackOf = new Map<number, Frame[]>();
  const stack = (id: number): Frame[] => {
    let frames = stackOf.get(id);
    if (!frames) {
      const up = parent.get(id);
      frames = [...(up === undefined ? [] : stack(up)), byId.get(id)!.callFrame];
      stackOf.set(id, frames);
    }
    return frames;
  };
  const result: Breakdown = {
    busyMs: 0,
    idleMs: 0,
    byCategory: new Map(),
    bySelf: new Map(),
    byInclusive: new Map(),
    byStage: new Map(),
  };
  const add = <K>(map: Map<K, number>, key: K, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  profile.samples?.forEach((id, i) => {
    // A sample's time: until the next one (the last gets the interval).
    const ms = (profile.timeDeltas?.[i + 1] ?? samplingInterval) / 1000;
    const frames = stack(id);
    const category = classify(frames);
    if (category === idle) {
      result.idleMs += ms;
      return;
    }
    result.busyMs += ms;
    add(result.byCategory, category, ms);
    const self = frameName(frames[frames.length - 1]!);
    const entry = result.bySelf.get(self) ?? { ms: 0, category };
    entry.ms += ms;
    result.bySelf.set(self, entry);
    for (const name of new Set(frames.filter((f) => f.url.includes('/server/src/')).map(frameName))) {
      add(result.byInclusive, name, ms);
    }
    for (const [stage, pattern] of stages) {
      if (frames.some((f) => pattern.test(`${f.functionName} ${f.url}`))) add(result.byStage, stage, ms);
    }
  });
  return result;
}

function report(breakdown: Breakdown, wallMs: number, cpuMicros: number): void {
  const pct = (ms: number) => `${((ms / breakdown.busyMs) * 100).toFixed(1)} %`;
  const perRequest = (ms: number) => `${((ms / requests) * 1000).toFixed(0)} µs`;
  const top = <V>(map: Map<string, V>, value: (v: V) => number, n: number) =>
    [...map.entries()].sort((a, b) => value(b[1]) - value(a[1])).slice(0, n);
  console.log(
    `\n${requests} requests in ${(wallMs / 1000).toFixed(1)} s (${(wallMs / requests).toFixed(1)} ms each, client included). The server's CPU: ${(breakdown.busyMs / 1000).toFixed(1)} s busy (${perRequest(breakdown.busyMs)} a request), ${(breakdown.idleMs / 1000).toFixed(1)} s idle (waiting on PostgreSQL and the client). Load average: ${loadAverage()}.\n`,
  );
  // The OS's count of the time the process ran: unlike the samples, not inflated while the
  // process waits for a core on a loaded machine (the profiler's own cost is included).
  console.log(
    `Process CPU time (user + system, from the OS): ${(cpuMicros / requests).toFixed(0)} µs a request.\n`,
  );
  console.log(
    markdownTable(
      ['self time by category', 'share of busy', 'per request'],
      top(breakdown.byCategory, (v) => v, 100).map(([name, ms]) => [name, pct(ms), perRequest(ms)]),
    ),
  );
  console.log('\n');
  console.log(
    markdownTable(
      ['stage (time with it on the stack)', 'share of busy', 'per request'],
      stages.map(([stage]) => [
        stage,
        pct(breakdown.byStage.get(stage) ?? 0),
        perRequest(breakdown.byStage.get(stage) ?? 0),
      ]),
    ),
  );
  console.log('\n');
  console.log(
    markdownTable(
      ['function (self time)', 'category', 'share', 'per request'],
      top(breakdown.bySelf, (v) => v.ms, 25).map(([name, v]) => [
        `\`${name}\``,
        v.category,
        pct(v.ms),
        perRequest(v.ms),
      ]),
    ),
  );
  console.log('\n');
  console.log(
    markdownTable(
      ["the server's own functions (inclusive time)", 'share', 'per request'],
      top(breakdown.byInclusive, (v) => v, 25).map(([name, ms]) => [`\`${name}\``, pct(ms), perRequest(ms)]),
    ),
  );
}

// ---------------------------------------------------------------------------------------
// The parent: a database, the child, the data, the requests.

function startChild(databaseUrl: string) {
  // The child inherits tsx's loader through process.execArgv.
  const child = fork(fileURLToPath(import.meta.url), ['--serve', databaseUrl], { stdio: 'inherit' });
  const next = <K extends Message['kind']>(kind: K) =>
    new Promise<Extract<Message, { kind: K }>>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it sent ${kind}`)));
      child.on('message', (message: Message) => {
        if (message.kind === kind) resolve(message as Extract<Message, { kind: K }>);
      });
    });
  return { child, next, command: (command: Command) => child.send(command) };
}

function foldWhitespace(statements: [string, number][]): Map<string, number> {
  const folded = new Map<string, number>();
  for (const [text, count] of statements) {
    const key = text.replace(/\s+/g, ' ').slice(0, 70);
    folded.set(key, (folded.get(key) ?? 0) + count);
  }
  return folded;
}

async function main(): Promise<void> {
  const database = await openBenchDatabase('crm_bench_profile');
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    const { next, command } = startChild(database.url);
    const { url } = await next('listening');
    const api = await signUp(url);
    await createListingObject(api);
    const listing = await readLayout(pool, api.workspaceId, 'listing');
    const person = await readLayout(pool, api.workspaceId, 'person');
    const indexed = ['name', ...listingFields.filter((f) => f.type !== 'LONG_TEXT').map((f) => f.key)];
    await waitForFieldIndexes(pool, listing, indexed);
    console.error(`Seeding ${recordCount.toLocaleString('en')} listings…`);
    await seed(pool, api, listing, person, { records: recordCount, people: Math.min(10_000, recordCount) });
    const caller = asAgent ? await scopedAgent(pool, api, listing, 0.01) : api;
    const ids =
      profiledCase === 'update'
        ? (
            await graphql<{ listings: { nodes: { id: string }[] } }>(
              caller,
              `
                {
                  listings(first: 500) {
                    nodes {
                      id
                    }
                  }
                }
              `,
            )
          ).data.listings.nodes.map((n) => n.id)
        : [];
    let n = 0;
    const page = () =>
      profiledCase === 'update'
        ? graphql(caller, profiledQuery, { id: ids[n++ % ids.length], amount: 100_000 + (n % 1_000) })
        : profiledCase === 'create'
          ? graphql(caller, profiledQuery, { name: `Profiled ${n++}`, amount: 100_000 + (n % 1_000) })
          : graphql(caller, profiledQuery, priceRange(pageRangeFraction));
    for (let i = 0; i < warmup; i++) await page();
    console.error(`Profiling ${requests} requests…`);
    const profiled = next('profile');
    command({ kind: 'start' });
    const start = performance.now();
    for (let i = 0; i < requests; i++) await page();
    const wallMs = performance.now() - start;
    command({ kind: 'stop' });
    const { profile, statements, cpuMicros } = await profiled;
    if (process.env.BENCH_PROFILE_OUT)
      await writeFile(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
    console.log(
      `# Where a request's time goes: the ${profiledCase} case, ${recordCount.toLocaleString('en')} listings, as ${asAgent ? 'a record-scoped agent' : 'the owner'}`,
    );
    console.log(`Node ${process.version}, PostgreSQL ${database.version}, ${os.cpus().length} cores`);
    console.log(`The server runs ${serverBuild}.`);
    report(analyse(profile), wallMs, cpuMicros);
    console.log(`\nStatements sent through pg, per request:\n`);
    console.log(
      markdownTable(
        ['statement (first 70 characters)', 'per request'],
        [...foldWhitespace(statements)]
          .sort((a, b) => b[1] - a[1])
          .map(([text, count]) => [`\`${text.replace(/\|/g, '\\|')}\``, (count / requests).toFixed(2)]),
      ),
    );
  } finally {
    await pool.end();
    await database.drop();
  }
}

if (process.argv[2] === '--serve') await serve(process.argv[3]!);
else await main();
