// Real-time latency: how long a committed record change takes to reach 1, 100 and 1,000
// graphql-ws subscribers of one server process, and how long a Yjs edit takes from one
// Hocuspocus provider to another through /collab. Each feed case also counts the SQL
// statements the server sends to deliver one change (issue 12: one write seen by 1,000
// open tables costs at most 2 database reads in total).
//
// The server runs in this process on a fresh database; the clients (subscribers, the
// writer, the providers) run in a child process, so that client-side parsing never takes
// the server's core and every timestamp of one sample comes from one clock.
//
//   pnpm bench:realtime                                  full run (~2 minutes)
//   BENCH_QUICK=1 pnpm bench:realtime                    a smoke run with small numbers
//   BENCH_DATABASE_URL=postgres://… pnpm bench:realtime  a real PostgreSQL instead of the embedded one
//
// Other knobs: BENCH_ITERATIONS (changes per case), BENCH_EDITS (Yjs edits),
// BENCH_SUBSCRIBERS (e.g. "1,100,1000"), BENCH_PER_SOCKET (subscriptions per socket),
// BENCH_PROFILE=<folder> (a CPU profile of the server during each measured phase).
// Measured as the server runs in production (see src/platform/node-env.ts).
import '../src/platform/node-env.js';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  countStatements,
  exitWhenSettled,
  formatMs,
  markdownTable,
  openBenchDatabase,
  startBenchServer,
  statementShape,
  summarize,
  type Summary as Percentiles,
} from './lib.js';

// ---------------------------------------------------------------------------------------
// What is measured, and the targets of issue 4.

interface FeedCase {
  kind: 'feed';
  label: string;
  subscribers: number;
  perSocket: number;
  iterations: number;
  warmup: number;
}

interface YjsCase {
  kind: 'yjs';
  label: string;
  edits: number;
  warmup: number;
}

type BenchCase = FeedCase | YjsCase;

/** What the clients need to talk to the server as the signed-up owner. */
interface Session {
  url: string;
  cookie: string;
  workspaceId: string;
  companyId: string;
  noteId: string;
  token: string;
}

interface FeedResult {
  kind: 'feed';
  label: string;
  /** Delivery time minus the moment the mutation's response arrived (after commit), ms. */
  afterCommit: number[];
  /** Delivery time minus the moment the mutation request started, ms. */
  afterRequest: number[];
  /** Per change, its last delivery minus the response's arrival, ms: the whole fan-out. */
  lastAfterCommit: number[];
  roundTrip: number[];
  expected: number;
  missing: number;
  setupMs: number;
  /** Share of the measured phase the client process's event loop was busy. */
  clientBusy: number;
}

interface YjsResult {
  kind: 'yjs';
  label: string;
  hop: number[];
  missing: number;
  error?: string;
}

type CaseResult = FeedResult | YjsResult;

type ToClients =
  | { type: 'run'; session: Session; benchCase: BenchCase }
  | { type: 'counting' }
  | { type: 'counted' }
  | { type: 'exit' };
type FromClients =
  | { type: 'measuring' }
  | { type: 'count'; phase: 'start' | 'stop' }
  | { type: 'result'; result: CaseResult }
  | { type: 'failed'; message: string };

/** Changes per feed case whose SQL statements the server counts (after the measured ones). */
const countedChanges = 3;

const targets = { feedP50: 25, feedP99: 100, yjsP99: 5, atSubscribers: 1000, deliveryReads: 2 };

function casesFromEnv(): BenchCase[] {
  const quick = process.env.BENCH_QUICK === '1';
  const iterations = Number(process.env.BENCH_ITERATIONS ?? (quick ? 20 : 200));
  const edits = Number(process.env.BENCH_EDITS ?? (quick ? 30 : 300));
  const perSocket = Number(process.env.BENCH_PER_SOCKET ?? 50);
  const counts = (process.env.BENCH_SUBSCRIBERS ?? (quick ? '1,100' : '1,100,1000'))
    .split(',')
    .map((n) => Number(n.trim()))
    .filter((n) => n > 0);
  const warmup = Math.max(3, Math.round(iterations / 10));
  const feed = (subscribers: number, per: number): FeedCase => {
    const sockets = Math.ceil(subscribers / per);
    return {
      kind: 'feed',
      label: `${subscribers.toLocaleString('en')} subscriber${subscribers === 1 ? '' : 's'} on ${sockets.toLocaleString('en')} socket${sockets === 1 ? '' : 's'}`,
      subscribers,
      perSocket: per,
      iterations,
      warmup,
    };
  };
  const cases: BenchCase[] = counts.map((n) => feed(n, perSocket));
  const largest = Math.max(...counts);
  // A browser tab multiplexes on one socket; this is the opposite end: a socket per subscriber.
  if (perSocket > 1 && largest > 1) cases.push(feed(largest, 1));
  cases.push({
    kind: 'yjs',
    label: 'Yjs: provider A → server → provider B',
    edits,
    warmup: Math.round(edits / 10),
  });
  return cases;
}

// ---------------------------------------------------------------------------------------
// Printing: percentiles come from ./lib.ts, shared with the records benchmark.

interface Summary extends Percentiles {
  max: number;
}

function summarise(samples: number[]): Summary {
  return { ...summarize(samples), max: samples.reduce((a, b) => Math.max(a, b), -Infinity) };
}

const ms = (value: number) => (Number.isNaN(value) ? '—' : formatMs(value));

const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

const verdict = (value: number, limit: number) => (value <= limit ? 'PASS' : 'MISS');

const busyLine = (server: ServerWatch | undefined, clients?: number) =>
  [
    server ? `event loop busy while measuring: server ${(server.busy * 100).toFixed(0)}%` : undefined,
    clients === undefined ? undefined : `clients ${(clients * 100).toFixed(0)}%`,
    server?.profile ? `server CPU profile: ${server.profile}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');

function printFeed(result: FeedResult, benchCase: FeedCase, server?: ServerWatch): Summary {
  const commit = summarise(result.afterCommit);
  const request = summarise(result.afterRequest);
  const last = summarise(result.lastAfterCommit);
  const rtt = summarise(result.roundTrip);
  const row = (name: string, s: Summary) => [name, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
  console.log(`\n## Change feed: ${result.label}`);
  console.log(
    `${benchCase.iterations} changes after ${benchCase.warmup} warm-up, ${commit.samples.toLocaleString('en')} deliveries` +
      ` (${result.missing} missing of ${result.expected.toLocaleString('en')}); subscribed and live in ${result.setupMs.toFixed(0)} ms\n`,
  );
  console.log(
    markdownTable(
      ['ms', 'p50', 'p95', 'p99', 'max'],
      [
        row('commit → delivery', commit),
        row('request start → delivery', request),
        row('commit → last delivery of a change', last),
        row('mutation round trip', rtt),
      ],
    ),
  );
  console.log(`\n${busyLine(server, result.clientBusy)}`);
  if (benchCase.subscribers >= targets.atSubscribers) {
    console.log(
      `\ntarget at ${targets.atSubscribers.toLocaleString('en')} subscribers: p50 ≤ ${targets.feedP50} ms ${verdict(commit.p50, targets.feedP50)}` +
        ` (${ms(commit.p50)}), p99 ≤ ${targets.feedP99} ms ${verdict(commit.p99, targets.feedP99)} (${ms(commit.p99)})`,
    );
  }
  return commit;
}

function printYjs(result: YjsResult, server?: ServerWatch): Summary | undefined {
  console.log(`\n## ${result.label}`);
  if (result.error) {
    console.log(`could not run: ${result.error}`);
    return undefined;
  }
  const hop = summarise(result.hop);
  console.log(`${hop.samples} edits observed (${result.missing} missing)\n`);
  console.log(
    markdownTable(
      ['ms', 'p50', 'p95', 'p99', 'max'],
      [['insert → observed', ms(hop.p50), ms(hop.p95), ms(hop.p99), ms(hop.max)]],
    ),
  );
  console.log(`\n${busyLine(server)}`);
  console.log(
    '(each hop includes the commit of the update to PostgreSQL that /collab makes before relaying it)',
  );
  console.log(`target: p99 ≤ ${targets.yjsP99} ms ${verdict(hop.p99, targets.yjsP99)} (${ms(hop.p99)})`);
  return hop;
}

// ---------------------------------------------------------------------------------------
// The server side: a database (./lib.ts), the server, an owner with a workspace.

async function graphql<T>(
  session: Pick<Session, 'url'> & Partial<Session>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data: T; cookie?: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (session.cookie) headers.cookie = session.cookie;
  if (session.workspaceId) headers['x-workspace-id'] = session.workspaceId;
  const response = await fetch(`${session.url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('crm_session='));
  return { data: body.data, cookie };
}

/** Signs up an owner and creates what the cases write to: a company and a note. */
async function prepareSession(url: string): Promise<Session> {
  const signUp = await graphql<{ signUp: { workspace: { id: string } } }>(
    { url },
    `
      mutation ($input: SignUpInput!) {
        signUp(input: $input) {
          workspace {
            id
          }
        }
      }
    `,
    {
      input: {
        email: `bench-${randomBytes(5).toString('hex')}@example.com`,
        password: 'a long enough password',
        name: 'Bench Owner',
      },
    },
  );
  if (!signUp.cookie) throw new Error('sign-up set no crm_session cookie');
  const owner = { url, cookie: signUp.cookie, workspaceId: signUp.data.signUp.workspace.id };
  const company = await graphql<{ createCompany: { id: string } }>(
    owner,
    `
      mutation {
        createCompany(input: { name: "Bench Co" }) {
          id
        }
      }
    `,
  );
  const note = await graphql<{ createNote: { id: string } }>(
    owner,
    `
      mutation {
        createNote(input: { name: "Bench note" }) {
          id
        }
      }
    `,
  );
  const token = await graphql<{ createApiToken: { token: string } }>(
    owner,
    `
      mutation {
        createApiToken(input: { name: "realtime bench" }) {
          token
        }
      }
    `,
  );
  return {
    ...owner,
    companyId: company.data.createCompany.id,
    noteId: note.data.createNote.id,
    token: token.data.createApiToken.token,
  };
}

function startClients(): ChildProcess {
  const file = fileURLToPath(import.meta.url);
  // Under `tsx`, execArgv carries its loader; the child needs it to run this .ts file.
  const execArgv = process.execArgv.length ? process.execArgv : ['--import', 'tsx'];
  return fork(file, [], {
    execArgv,
    env: { ...process.env, CRM_BENCH_ROLE: 'clients' },
    serialization: 'advanced',
  });
}

/**
 * The server's side of one measured phase: how busy its event loop was and, with
 * BENCH_PROFILE=<folder>, a CPU profile of just that phase (open it in Chrome DevTools).
 */
async function watchServer(label: string) {
  const startUse = performance.eventLoopUtilization();
  const folder = process.env.BENCH_PROFILE;
  const session = folder ? new inspector.Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  return async () => {
    const busy = performance.eventLoopUtilization(startUse).utilization;
    let profile: string | undefined;
    if (session && folder) {
      const { profile: data } = await session.post('Profiler.stop');
      session.disconnect();
      await mkdir(folder, { recursive: true });
      profile = path.join(folder, `realtime-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.cpuprofile`);
      await writeFile(profile, JSON.stringify(data));
    }
    return { busy, profile };
  };
}

interface ServerWatch {
  busy: number;
  profile?: string;
}

async function runInClients(
  child: ChildProcess,
  session: Session,
  benchCase: BenchCase,
  statements: { take(): string[] },
): Promise<{ result: CaseResult; server?: ServerWatch; counted: string[][] }> {
  let stopWatching: (() => Promise<ServerWatch>) | undefined;
  const counted: string[][] = [];
  const result = await new Promise<CaseResult>((resolve, reject) => {
    const onMessage = (message: FromClients) => {
      if (message.type === 'measuring') {
        void watchServer(benchCase.label).then((stop) => (stopWatching = stop));
        return;
      }
      if (message.type === 'count') {
        if (message.phase === 'start') statements.take();
        else counted.push(statements.take());
        child.send({ type: message.phase === 'start' ? 'counting' : 'counted' } satisfies ToClients);
        return;
      }
      cleanup();
      if (message.type === 'result') resolve(message.result);
      else reject(new Error(message.message));
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the client process exited (${code})`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send({ type: 'run', session, benchCase } satisfies ToClients);
  });
  return { result, server: await stopWatching?.(), counted };
}

/**
 * What the server sent PostgreSQL for delivering one change: the statements of a change
 * with subscribers, less those of the same write with none (`write`), by shape.
 */
function deliveryStatements(write: readonly string[], change: readonly string[]): string[] {
  const left = write.map(statementShape);
  return change.map(statementShape).filter((shape) => {
    const i = left.indexOf(shape);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

function printReads(label: string, write: readonly string[], counted: readonly string[][]): number {
  const reads = counted.map((change) => deliveryStatements(write, change));
  const most = Math.max(0, ...reads.map((r) => r.length));
  console.log(
    `\ndatabase statements for delivering one change (${label}; ${counted.length} changes counted, the write's own ${write.length} left out): ` +
      reads.map((r) => r.length).join(', ') +
      ` — target ≤ ${targets.deliveryReads} ${verdict(most, targets.deliveryReads)}`,
  );
  for (const shape of new Set(reads.flat())) console.log(`  ${shape}`);
  return most;
}

async function main(): Promise<void> {
  const cases = casesFromEnv();
  const database = await openBenchDatabase('crm_bench_rt');
  const statements = countStatements();
  const server = await startBenchServer(database.url);
  const clients = startClients();
  try {
    const session = await prepareSession(server.url);
    console.log('# Real-time benchmark (server in one process, clients in another)\n');
    console.log(`Node ${process.version}, PostgreSQL ${database.version}`);
    console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${os.platform()} ${os.release()}`);
    console.log(`load average at start: ${loadAverage()} (anything else running shares these cores)`);
    // The write alone, with nobody subscribed: what a change costs before any delivery.
    await renameCompany(session, 'counted alone');
    await sleep(300);
    statements.take();
    await renameCompany(session, 'counted alone again');
    await sleep(300);
    const write = statements.take();
    const commits: { label: string; subscribers: number; summary: Summary; reads: number }[] = [];
    let yjs: Summary | undefined;
    for (const benchCase of cases) {
      const {
        result,
        server: watched,
        counted,
      } = await runInClients(clients, session, benchCase, statements);
      if (result.kind === 'feed' && benchCase.kind === 'feed') {
        const summary = printFeed(result, benchCase, watched);
        const reads = printReads(result.label, write, counted);
        commits.push({ label: result.label, subscribers: benchCase.subscribers, summary, reads });
      } else if (result.kind === 'yjs') {
        yjs = printYjs(result, watched);
      }
    }
    printSummary(commits, yjs);
    console.log(`\nload average at end: ${loadAverage()}`);
  } finally {
    clients.send({ type: 'exit' } satisfies ToClients);
    await server.close();
    await database.drop();
  }
}

function printSummary(
  commits: { label: string; subscribers: number; summary: Summary; reads: number }[],
  yjs: Summary | undefined,
): void {
  const base = commits[0]?.summary;
  console.log('\n## Summary: commit → delivery\n');
  console.log(
    markdownTable(
      [
        'case',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'p50 ÷ first case',
        'p99 ÷ first case',
        'SQL per delivery',
        'target',
      ],
      commits.map(({ label, subscribers, summary: s, reads }) => [
        label,
        ms(s.p50),
        ms(s.p95),
        ms(s.p99),
        base ? `${(s.p50 / base.p50).toFixed(1)}×` : '—',
        base ? `${(s.p99 / base.p99).toFixed(1)}×` : '—',
        String(reads),
        subscribers >= targets.atSubscribers
          ? `p50 ${verdict(s.p50, targets.feedP50)}, p99 ${verdict(s.p99, targets.feedP99)}, SQL ≤ ${targets.deliveryReads} ${verdict(reads, targets.deliveryReads)}`
          : '',
      ]),
    ),
  );
  console.log(
    yjs
      ? `\nYjs A → B: p50 ${ms(yjs.p50)} ms, p95 ${ms(yjs.p95)} ms, p99 ${ms(yjs.p99)} ms — target p99 ≤ ${targets.yjsP99} ms ${verdict(yjs.p99, targets.yjsP99)}`
      : '\nYjs A → B: could not run',
  );
}

// ---------------------------------------------------------------------------------------
// The client side, in the child process.

const subscription = /* GraphQL */ `
  subscription {
    recordChanged(object: "company") {
      changeId
      recordId
      values
    }
  }
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A `ws` WebSocket that sends the session cookie on the upgrade request, as a browser does. */
function cookieWebSocket(cookie: string) {
  return class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
      // The clients report failures from their own events; an unheard 'error' would end the process.
      this.on('error', () => undefined);
    }
  };
}

async function openSocket(session: Session): Promise<Client> {
  let connected!: () => void;
  let failed!: (error: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => ((connected = resolve), (failed = reject)));
  const client = createClient({
    url: `${session.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: cookieWebSocket(session.cookie),
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: failed,
    on: { connected: () => connected(), closed: (event) => failed(event) },
  });
  await ready;
  return client;
}

/** The change the writer made last, and when each subscriber saw it. */
interface Pending {
  name: string;
  arrivals: number[];
  expected: number;
  done: () => void;
}

async function renameCompany(session: Session, name: string): Promise<void> {
  await graphql(
    session,
    `
      mutation ($id: ID!, $name: String!) {
        updateCompany(id: $id, input: { name: $name }) {
          id
        }
      }
    `,
    { id: session.companyId, name },
  );
}

async function runFeedCase(session: Session, benchCase: FeedCase): Promise<FeedResult> {
  const setupStart = performance.now();
  const socketCount = Math.ceil(benchCase.subscribers / benchCase.perSocket);
  const sockets: Client[] = [];
  for (let i = 0; i < socketCount; i += 100) {
    const batch = Math.min(100, socketCount - i);
    sockets.push(...(await Promise.all(Array.from({ length: batch }, () => openSocket(session)))));
  }
  let pending: Pending | undefined;
  const seen = new Uint8Array(benchCase.subscribers);
  const stops: (() => void)[] = [];
  for (let s = 0; s < benchCase.subscribers; s += 1) {
    const socket = sockets[Math.floor(s / benchCase.perSocket)]!;
    stops.push(
      socket.subscribe<{ recordChanged: { values: { name?: string } } }>(
        { query: subscription },
        {
          next: (result) => {
            const arrived = performance.now();
            seen[s] = 1;
            const current = pending;
            if (current && result.data?.recordChanged.values.name === current.name) {
              current.arrivals.push(arrived);
              if (current.arrivals.length === current.expected) current.done();
            }
          },
          error: (error) => console.error('subscription error', error),
          complete: () => undefined,
        },
      ),
    );
  }
  // graphql-ws does not acknowledge a subscribe: probe until every subscriber has heard one.
  for (let probe = 0; seen.some((v) => v === 0); probe += 1) {
    if (probe === 120) throw new Error('subscriptions never all went live');
    await renameCompany(session, `probe ${probe}`);
    const deadline = performance.now() + 1000;
    while (seen.some((v) => v === 0) && performance.now() < deadline) await sleep(10);
  }
  await sleep(200);
  const setupMs = performance.now() - setupStart;

  const result: FeedResult = {
    kind: 'feed',
    label: benchCase.label,
    afterCommit: [],
    afterRequest: [],
    lastAfterCommit: [],
    roundTrip: [],
    expected: benchCase.iterations * benchCase.subscribers,
    missing: 0,
    setupMs,
    clientBusy: 0,
  };
  const tag = randomBytes(3).toString('hex');
  process.send!({ type: 'measuring' } satisfies FromClients);
  const startUse = performance.eventLoopUtilization();
  for (let i = 0; i < benchCase.warmup + benchCase.iterations; i += 1) {
    let done!: () => void;
    const allArrived = new Promise<void>((resolve) => (done = resolve));
    const change: Pending = {
      name: `bench ${tag} ${i}`,
      arrivals: [],
      expected: benchCase.subscribers,
      done,
    };
    pending = change;
    const requestStart = performance.now();
    await renameCompany(session, change.name);
    const committed = performance.now();
    const timeout = sleep(10_000);
    await Promise.race([allArrived, timeout]);
    pending = undefined;
    if (i >= benchCase.warmup) {
      result.roundTrip.push(committed - requestStart);
      for (const arrived of change.arrivals) {
        result.afterCommit.push(arrived - committed);
        result.afterRequest.push(arrived - requestStart);
      }
      result.missing += benchCase.subscribers - change.arrivals.length;
      if (change.arrivals.length) result.lastAfterCommit.push(Math.max(...change.arrivals) - committed);
    }
    // A short, uneven pause, so that changes do not fall into step with timers.
    await sleep(5 + Math.random() * 10);
  }
  result.clientBusy = performance.eventLoopUtilization(startUse).utilization;
  // Then a few changes whose SQL the server counts, from before the write until well
  // after its last delivery.
  for (let i = 0; i < countedChanges; i += 1) {
    let done!: () => void;
    const allArrived = new Promise<void>((resolve) => (done = resolve));
    pending = { name: `counted ${tag} ${i}`, arrivals: [], expected: benchCase.subscribers, done };
    await askServer({ type: 'count', phase: 'start' }, 'counting');
    await renameCompany(session, pending.name);
    await Promise.race([allArrived, sleep(10_000)]);
    await sleep(300);
    await askServer({ type: 'count', phase: 'stop' }, 'counted');
    pending = undefined;
  }
  for (const stop of stops) stop();
  await Promise.all(sockets.map((socket) => socket.dispose()));
  // Let the server tear the subscriptions down before the next case starts.
  await sleep(500);
  return result;
}

/** Resolves once the provider has synced with the server, or fails with what went wrong. */
function synced(provider: HocuspocusProvider, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no sync with /collab within ${timeoutMs} ms`)),
      timeoutMs,
    );
    provider.on('synced', () => {
      clearTimeout(timer);
      resolve();
    });
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      clearTimeout(timer);
      reject(new Error(`/collab refused authentication: ${reason}`));
    });
    provider.on('close', ({ event }: { event: { code: number; reason: string } }) => {
      if (provider.isSynced) return;
      clearTimeout(timer);
      const reason = event.code === 1006 ? 'no WebSocket answer: is /collab served?' : String(event.reason);
      reject(new Error(`/collab closed the socket: ${event.code} ${reason}`));
    });
  });
}

function openProvider(session: Session): {
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
} {
  // The contract: the document `<workspaceId>/note/<noteId>/body`, a Y.Text named `text`,
  // authenticated by the session cookie on the upgrade or by an API token.
  const socket = new HocuspocusProviderWebsocket({
    url: `${session.url.replace(/^http/, 'ws')}/collab`,
    WebSocketPolyfill: cookieWebSocket(session.cookie),
    maxAttempts: 1,
    // Connected by hand below, so that a refused connection is an error this bench reports.
    autoConnect: false,
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: `${session.workspaceId}/note/${session.noteId}/body`,
    document: new Y.Doc(),
    token: session.token,
  });
  provider.attach();
  socket.connect().catch(() => undefined);
  return { provider, socket };
}

async function runYjsCase(session: Session, benchCase: YjsCase): Promise<YjsResult> {
  const result: YjsResult = { kind: 'yjs', label: benchCase.label, hop: [], missing: 0 };
  const a = openProvider(session);
  const b = openProvider(session);
  try {
    await Promise.all([synced(a.provider, 10_000), synced(b.provider, 10_000)]);
    const textA = a.provider.document.getText('text');
    const textB = b.provider.document.getText('text');
    let waiting: ((at: number) => void) | undefined;
    textB.observe(() => waiting?.(performance.now()));
    process.send!({ type: 'measuring' } satisfies FromClients);
    for (let i = 0; i < benchCase.warmup + benchCase.edits; i += 1) {
      const observed = new Promise<number | undefined>((resolve) => {
        waiting = resolve;
        setTimeout(() => resolve(undefined), 5000);
      });
      const start = performance.now();
      textA.insert(textA.length, i % 40 === 39 ? '\n' : 'x');
      const at = await observed;
      waiting = undefined;
      if (i >= benchCase.warmup) {
        if (at === undefined) result.missing += 1;
        else result.hop.push(at - start);
      }
      await sleep(2 + Math.random() * 5);
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    for (const { provider, socket } of [a, b]) {
      provider.destroy();
      socket.destroy();
    }
  }
  return result;
}

/** Sends `message` to the server's process and waits for its `reply`. */
function askServer(message: FromClients, reply: ToClients['type']): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (answer: ToClients) => {
      if (answer.type !== reply) return;
      process.off('message', onMessage);
      resolve();
    };
    process.on('message', onMessage);
    process.send!(message);
  });
}

function serveClients(): void {
  process.on('message', (message: ToClients) => {
    if (message.type === 'exit') process.exit(0);
    if (message.type !== 'run') return;
    const { session, benchCase } = message;
    const run = benchCase.kind === 'feed' ? runFeedCase(session, benchCase) : runYjsCase(session, benchCase);
    run.then(
      (result) => process.send!({ type: 'result', result } satisfies FromClients),
      (error: unknown) =>
        process.send!({
          type: 'failed',
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies FromClients),
    );
  });
}

if (process.env.CRM_BENCH_ROLE === 'clients') {
  serveClients();
} else {
  exitWhenSettled(main());
}
