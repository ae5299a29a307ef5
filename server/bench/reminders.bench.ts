// Reminders at scale (issue 14): 10,000 reminders due at the same moment, fired by the
// durable job queue as the server runs it (WORKER=inline, WORKER_CONCURRENCY 4), each
// delivered once to the inbox and to a `notificationAdded` subscriber; and how long a
// notification takes from its commit to that subscriber, in a steady trickle and in the burst.
//
//   pnpm --filter @crm/server run bench:reminders
//   BENCH_REMINDERS=2000 …                  reminders in the burst (default 10,000)
//   BENCH_QUICK=1 …                         a smoke run: 1,000 in the burst, 50 in the trickle
//   BENCH_REMINDER_MARGIN_SECONDS=120 …     the burst's due time after its tasks start to be
//                                           created (default 90; they must all exist by then)
//   BENCH_DATABASE_URL=postgres://…         a real PostgreSQL instead of the embedded one
//   BENCH_PROFILE=<folder>                  a CPU profile of the server while each phase fires
//
// The server runs in this process; the subscriber in a child process, so that parsing 10,000
// messages never takes the server's core. "Commit" is when the job's insert has returned and
// it publishes the notification (the server's event bus, wrapped here); "delivery" is when
// the child has the `next` message. Both are wall-clock times of this machine.
import '../src/platform/node-env.js';
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import {
  type Api,
  exitWhenSettled,
  formatDuration,
  formatMs,
  graphql,
  loadAverage,
  markdownTable,
  openBenchDatabase,
  signUp,
  startBenchServer,
  summarize,
  type Summary,
  startCpuProfile,
} from './lib.js';

const quick = Boolean(process.env.BENCH_QUICK);
const burstSize = Number(process.env.BENCH_REMINDERS ?? (quick ? 1_000 : 10_000));
const trickleSize = quick ? 50 : 200;
const trickleSpacingMs = 100;
const marginMs = Number(process.env.BENCH_REMINDER_MARGIN_SECONDS ?? 90) * 1000;
const batchSize = 500;
const targets = { drainMs: 60_000, deliveryP99Ms: 100 };

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
const wallNow = () => performance.timeOrigin + performance.now();

type ToSubscriber = { type: 'report' };
type FromSubscriber =
  | { type: 'received'; id: string }
  | { type: 'report'; received: [id: string, at: number][] }
  | { type: 'failed'; message: string };

// ---------------------------------------------------------------------------------------
// The subscriber (child process).

function serveSubscriber(): void {
  const { url, cookie, workspaceId } = JSON.parse(process.env.CRM_BENCH_SESSION!) as Api;
  const received: [string, number][] = [];
  const client = createClient({
    url: url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie } });
      }
    },
    connectionParams: { workspaceId },
    lazy: false,
  });
  client.subscribe<{ notificationAdded: { id: string } }>(
    { query: 'subscription { notificationAdded { id } }' },
    {
      next: (result) => {
        const id = result.data?.notificationAdded.id;
        if (!id) return;
        received.push([id, wallNow()]);
        // Only the first few are announced one by one: the warm-up waits for its one.
        if (received.length <= 1) process.send!({ type: 'received', id } satisfies FromSubscriber);
      },
      error: (error) =>
        process.send!({ type: 'failed', message: JSON.stringify(error) } satisfies FromSubscriber),
      complete: () => undefined,
    },
  );
  process.on('message', () => {
    process.send!({ type: 'report', received: received.splice(0) } satisfies FromSubscriber);
  });
}

// ---------------------------------------------------------------------------------------
// The server's side.

/** With BENCH_PROFILE=<folder>, a CPU profile of the server while a phase's reminders fire. */
async function startProfile() {
  const folder = process.env.BENCH_PROFILE;
  if (!folder) return undefined;
  return { stop: await startCpuProfile(folder) };
}

async function until(what: string, timeoutMs: number, check: () => Promise<boolean> | boolean) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function createTasks(api: Api, inputs: Record<string, unknown>[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < inputs.length; start += batchSize) {
    const { data } = await graphql<{ createTasks: { id: string }[] }>(
      api,
      `
        mutation ($inputs: [TaskCreateInput!]!) {
          createTasks(inputs: $inputs) {
            id
          }
        }
      `,
      { inputs: inputs.slice(start, start + batchSize) },
    );
    ids.push(...data.createTasks.map((t) => t.id));
  }
  return ids;
}

interface Phase {
  name: string;
  reminders: number;
  /** Notification created − due, ms, one per notification. */
  lateness: Summary;
  /** The last notification's creation − the last due time. */
  drainMs: number;
  /** The server's CPU time from the first due time until every notification exists, per reminder. */
  cpuMsPerReminder: number;
  /** Commit (publish) → subscriber, ms. */
  delivery: Summary;
  /** The last delivery − the last due time. */
  deliveredWithinMs: number;
  duplicates: number;
  missing: number;
}

async function main(): Promise<void> {
  const database = await openBenchDatabase('bench_reminders');
  const server = await startBenchServer(database.url);
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  let subscriber: ReturnType<typeof fork> | undefined;
  try {
    const api = await signUp(server.url);
    const published = new Map<string, number>();
    const events = server.services.events;
    const publish = events.publish.bind(events) as (...args: unknown[]) => Promise<void>;
    events.publish = ((topic: string, key: string, payload: unknown) => {
      const id = (payload as { notificationId?: string } | null)?.notificationId;
      if (topic === 'inbox.notifications' && id) published.set(id, wallNow());
      return publish(topic, key, payload);
    }) as unknown as typeof events.publish;

    await graphql(
      api,
      `
        mutation {
          setReminderRules(object: "task", field: "remindAt", rules: [{ recipients: ["assignee"] }]) {
            id
          }
        }
      `,
    );

    // The subscriber, in its own process; a first reminder proves its subscription is live.
    subscriber = fork(fileURLToPath(import.meta.url), [], {
      execArgv: process.execArgv.length ? process.execArgv : ['--import', 'tsx'],
      env: { ...process.env, CRM_BENCH_ROLE: 'subscriber', CRM_BENCH_SESSION: JSON.stringify(api) },
      serialization: 'advanced',
    });
    const messages: FromSubscriber[] = [];
    const child = subscriber;
    child.on('message', (message: FromSubscriber) => {
      if (message.type === 'failed') console.error(`subscriber failed: ${message.message}`);
      messages.push(message);
    });
    const report = async (): Promise<[string, number][]> => {
      const at = messages.length;
      child.send({ type: 'report' } satisfies ToSubscriber);
      await until('the subscriber’s report', 30_000, () =>
        messages.slice(at).some((m) => m.type === 'report'),
      );
      return (messages.slice(at).find((m) => m.type === 'report') as { received: [string, number][] })
        .received;
    };
    for (let attempt = 0; !messages.some((m) => m.type === 'received'); attempt++) {
      if (attempt === 30) throw new Error('the subscriber heard no reminder');
      await createTasks(api, [
        { name: 'Warm-up', assignee: api.userId, remindAt: new Date(Date.now() + 1_500).toISOString() },
      ]);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
    await report();

    const phase = async (name: string, count: number, dueOf: (i: number) => Date): Promise<Phase> => {
      const inputs = Array.from({ length: count }, (_, i) => ({
        name: `${name} ${i}`,
        assignee: api.userId,
        remindAt: dueOf(i).toISOString(),
      }));
      const ids = new Set(await createTasks(api, inputs));
      const firstDue = Math.min(...inputs.map((_, i) => dueOf(i).getTime()));
      if (Date.now() >= firstDue)
        throw new Error(
          `${name}: creating the tasks outlasted the margin; raise BENCH_REMINDER_MARGIN_SECONDS`,
        );
      const counted = async () => {
        const { rows } = await db.query<{ n: string }>(
          `select count(*) as n from notification where record_id = any($1::uuid[])`,
          [[...ids]],
        );
        return Number(rows[0]!.n);
      };
      const lastDue = Math.max(...inputs.map((_, i) => dueOf(i).getTime()));
      // This process's CPU (the server's: the subscriber runs apart) from the first due time on.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstDue - Date.now())));
      const cpu = process.cpuUsage();
      const profiling = await startProfile();
      await until(
        `${name}: its reminders`,
        lastDue - Date.now() + 300_000,
        async () => (await counted()) >= count,
      );
      const used = process.cpuUsage(cpu);
      await profiling?.stop(`reminders-${name}`);
      const cpuMs = (used.user + used.system) / 1000;
      const received: [string, number][] = [];
      await until(`${name}: the subscriber`, 300_000, async () => {
        received.push(...(await report()));
        return received.length >= count;
      });
      // Give a duplicate (a job run twice) the time to show up.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      received.push(...(await report()));
      const { rows } = await db.query<{ id: string; record_id: string; late_ms: number; created: Date }>(
        `select id, record_id, extract(epoch from (created_at - due_at)) * 1000 as late_ms, created_at as created
         from notification where record_id = any($1::uuid[])`,
        [[...ids]],
      );
      const perRecord = new Map<string, number>();
      for (const row of rows) perRecord.set(row.record_id, (perRecord.get(row.record_id) ?? 0) + 1);
      const ours = new Set(rows.map((r) => r.id));
      const deliveredIds = new Map<string, number>();
      for (const [id] of received) if (ours.has(id)) deliveredIds.set(id, (deliveredIds.get(id) ?? 0) + 1);
      const delivery = received.flatMap(([id, at]) => {
        const sent = published.get(id);
        return sent === undefined ? [] : [at - sent];
      });
      return {
        name,
        reminders: count,
        lateness: summarize(rows.map((r) => Number(r.late_ms))),
        drainMs: Math.max(...rows.map((r) => r.created.getTime())) - lastDue,
        cpuMsPerReminder: cpuMs / count,
        delivery: summarize(delivery),
        deliveredWithinMs: Math.max(...received.filter(([id]) => ours.has(id)).map(([, at]) => at)) - lastDue,
        duplicates:
          [...perRecord.values()].filter((n) => n > 1).length +
          [...deliveredIds.values()].filter((n) => n > 1).length,
        missing: count - perRecord.size + (rows.length - deliveredIds.size),
      };
    };

    const trickleStart = Date.now() + 5_000;
    const trickle = await phase('trickle', trickleSize, (i) => new Date(trickleStart + i * trickleSpacingMs));
    const burstDue = new Date(Math.ceil((Date.now() + marginMs) / 1000) * 1000);
    const started = performance.now();
    const burst = await phase('burst', burstSize, () => burstDue);

    const row = (p: Phase): string[] => [
      p.name === 'burst'
        ? `${p.reminders.toLocaleString('en')} due at one moment`
        : `${p.reminders} due ${trickleSpacingMs} ms apart`,
      `${formatMs(p.lateness.p50)} / ${formatMs(p.lateness.p99)}`,
      formatDuration(p.drainMs),
      formatDuration(p.deliveredWithinMs),
      `${formatMs(p.delivery.p50)} / ${formatMs(p.delivery.p99)}`,
      formatMs(p.cpuMsPerReminder),
      String(p.duplicates),
      String(p.missing),
    ];
    console.log(
      `\nReminders (${database.version}; WORKER=inline, WORKER_CONCURRENCY 4; load ${loadAverage()}; burst phase ${formatDuration(performance.now() - started)} including creating its tasks)\n`,
    );
    console.log(
      markdownTable(
        [
          'reminders',
          'fired − due p50 / p99 (ms)',
          'last fired − last due',
          'last delivered − last due',
          'commit → subscriber p50 / p99 (ms)',
          'server CPU ms / reminder',
          'duplicates',
          'missing',
        ],
        [row(trickle), row(burst)],
      ),
    );
    const ok =
      burst.missing === 0 &&
      burst.duplicates === 0 &&
      trickle.missing === 0 &&
      trickle.duplicates === 0 &&
      burst.deliveredWithinMs <= targets.drainMs &&
      trickle.delivery.p99 <= targets.deliveryP99Ms;
    console.log(
      `\nTargets: every reminder once, all delivered within ${targets.drainMs / 1000} s of the due time; commit → subscriber p99 ≤ ${targets.deliveryP99Ms} ms (steady trickle). ${ok ? 'Met.' : 'NOT MET.'}`,
    );
  } finally {
    subscriber?.kill();
    await db.end();
    await server.close();
    await database.drop();
  }
}

if (process.env.CRM_BENCH_ROLE === 'subscriber') {
  serveSubscriber();
} else {
  exitWhenSettled(main());
}
