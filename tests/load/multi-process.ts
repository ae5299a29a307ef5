/**
 * Issue 12 item 4: three server processes on one PostgreSQL, with Redis, behind a round-robin
 * proxy. Subscribers and co-editors connect through the proxy; writes are driven for a
 * while; one server is SIGKILLed and Redis restarted during the run. At the end every
 * subscriber must have seen every committed change it filters on exactly once, in
 * increasing order, and every co-edited text must have converged and been stored.
 * Not part of `pnpm test`: run with `pnpm load` (sizes in tests/load/settings.ts).
 */
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import type { TestServer } from '../support/server.js';
import { CoEditor } from './co-editors.js';
import { Histogram } from './histogram.js';
import { RedisProcess } from '../support/redis.js';
import { startDatabase, startServerProcess, type ServerProcess, type Stop } from './infra.js';
import { NginxProxy } from './nginx-proxy.js';
import { RoundRobinProxy } from './proxy.js';
import { checkDeliveries, readChangeLog, waitFor } from './verify.js';
import { loadSettings } from './settings.js';
import { Subscriber, SubscriberSocket, type Watch } from './subscribers.js';
import { driveWrites } from './writers.js';

const settings = loadSettings();
const stops: Stop[] = [];
const log = (message: string) =>
  process.stdout.write(`[load ${new Date().toISOString().slice(11, 23)}] ${message}\n`);
const watches: Watch[] = [{}, { object: 'company' }, {}, { object: 'company' }, { object: 'note' }];

interface LoadWorkspace {
  id: string;
  owner: SignedUpUser;
  users: SignedUpUser[];
  schema: string;
  noteIds: string[];
  /** The last change before the run: subscriptions resume after it. */
  startAfter: bigint;
}

async function main(): Promise<boolean> {
  log(`settings ${JSON.stringify(settings)}`);
  const database = await startDatabase();
  stops.push(database.stop);
  const redis = await RedisProcess.start();
  stops.push(() => redis.kill());
  const servers: ServerProcess[] = [];
  stops.push(async () => {
    await Promise.all(servers.map((s) => s.cli.stop()));
    await Promise.all(servers.map((s) => rm(s.dataDir, { recursive: true, force: true })));
  });
  // The first migrates the database; the others start together (migrations take a lock anyway).
  servers.push(await startServerProcess(database.databaseUrl, redis.url));
  servers.push(
    ...(await Promise.all(
      Array.from({ length: settings.processes - 1 }, () =>
        startServerProcess(database.databaseUrl, redis.url),
      ),
    )),
  );
  const targets = servers.map((s) => s.url);
  const proxy = await (settings.proxy === 'nginx'
    ? NginxProxy.start(targets)
    : RoundRobinProxy.start(targets));
  stops.push(() => proxy.close());
  log(
    `${servers.length} servers (${servers.map((s) => s.url).join(', ')}), redis ${redis.url}, ${settings.proxy} proxy ${proxy.url}`,
  );

  // Workspaces, each with an owner and members (each person has their own session), its
  // notes to co-edit and the last change before the run.
  const front = { url: proxy.url } as TestServer;
  const pool = new pg.Pool({ connectionString: database.databaseUrl, max: 2 });
  stops.push(() => pool.end());
  const documents = Math.ceil(settings.coEditors / settings.editorsPerDocument);
  const workspaces: LoadWorkspace[] = [];
  for (let w = 0; w < settings.workspaces; w++) {
    const owner = await newUser(front, { workspaceName: `Load ${w}` });
    const users: SignedUpUser[] = [owner];
    while (users.length < settings.users) users.push(await newMember(front, owner, 'MEMBER'));
    const [row] = (
      await pool.query<{ schema_name: string }>('select schema_name from public.workspace where id = $1', [
        owner.workspaceId,
      ])
    ).rows;
    const noteIds: string[] = [];
    for (let i = w; i < documents; i += settings.workspaces) {
      const data = await owner.client.data<{ createNote: { id: string } }>(
        `mutation ($name: String!) { createNote(input: { name: $name, body: "" }) { id } }`,
        { name: `Load note ${i}` },
      );
      noteIds.push(data.createNote.id);
    }
    const schema = row!.schema_name;
    const startAfter = BigInt(
      (await pool.query<{ max: string | null }>(`select max(id) as max from ${schema}.record_change`))
        .rows[0]!.max ?? 0,
    );
    workspaces.push({ id: owner.workspaceId, owner, users, schema, noteIds, startAfter });
  }
  log(`${workspaces.length} workspaces of ${settings.users} people`);

  // Subscribers spread over the workspaces; in each, ≤ 50 a socket, sockets spread over its people.
  const latency = new Histogram();
  const subscribers = Array.from({ length: settings.subscribers }, (_, i) => {
    const w = i % workspaces.length;
    const watch = watches[Math.floor(i / workspaces.length) % watches.length]!;
    return new Subscriber(w, watch, workspaces[w]!.startAfter, latency);
  });
  const sockets: SubscriberSocket[] = [];
  for (const [w, workspace] of workspaces.entries()) {
    const mine = subscribers.filter((s) => s.workspace === w);
    for (let i = 0; i * settings.subscriptionsPerSocket < mine.length; i++) {
      const user = workspace.users[i % workspace.users.length]!;
      const group = mine.slice(
        i * settings.subscriptionsPerSocket,
        (i + 1) * settings.subscriptionsPerSocket,
      );
      sockets.push(
        new SubscriberSocket(
          `${proxy.url.replace(/^http/, 'ws')}/graphql`,
          user.client.cookie!,
          workspace.id,
          group,
        ),
      );
    }
  }
  stops.push(async () => sockets.forEach((socket) => socket.close()));
  for (let i = 0; i < sockets.length; i += 10)
    await Promise.all(sockets.slice(i, i + 10).map((s) => s.open()));
  log(
    `${subscribers.length} subscriptions on ${sockets.length} sockets, each resuming after its workspace's last change`,
  );

  const notes = workspaces.flatMap((workspace) => workspace.noteIds.map((noteId) => ({ workspace, noteId })));
  const editors = Array.from({ length: settings.coEditors }, (_, i) => {
    const { workspace, noteId } = notes[i % notes.length]!;
    const user = workspace.users[(i + 1) % workspace.users.length]!;
    return new CoEditor(`${workspace.id}/note/${noteId}/body`, proxy.url, user.client.cookie!);
  });
  stops.push(async () => editors.forEach((editor) => editor.close()));
  await Promise.all(editors.map((editor) => editor.synced()));
  editors.forEach((editor, i) => editor.startTyping(1000, String.fromCharCode(97 + (i % 26))));
  log(`${editors.length} co-editors on ${notes.length} notes`);

  // graphql-ws does not acknowledge a subscription: a company and a note created in each
  // workspace reach every subscription once the servers have set it up, so the write phase
  // measures writes, not the set-up of 2,000 subscriptions. Both are in the log and checked.
  const settingUp = Date.now();
  for (const workspace of workspaces)
    await workspace.owner.client.data(
      `mutation { createCompany(input: { name: "Probe" }) { id } createNote(input: { name: "Probe" }) { id } }`,
    );
  const live = await waitFor(
    () => subscribers.every((s) => s.last > workspaces[s.workspace]!.startAfter),
    settings.settleSeconds * 1000,
  );
  if (!live) throw new Error('subscriptions did not all receive the probe changes in time');
  log(`every subscription live ${((Date.now() - settingUp) / 1000).toFixed(1)} s after the probes`);

  // The write phase, with one server killed and Redis restarted along the way.
  const durationMs = settings.durationSeconds * 1000;
  const victim = servers[1]!;
  let killedAt = 0;
  let redisRestartedAt = 0;
  const killTimer = setTimeout(() => {
    killedAt = Date.now();
    victim.cli.child.kill('SIGKILL');
    log(`SIGKILL ${victim.url}`);
  }, durationMs * settings.killAt);
  const redisTimer = setTimeout(() => {
    redisRestartedAt = Date.now();
    log('restarting redis');
    void redis.restart(1000).then(() => log('redis is back'));
  }, durationMs * settings.redisRestartAt);
  const writes = await driveWrites({
    url: proxy.url,
    // Writer i writes as person i of each workspace, turning from one workspace to the next.
    writers: Array.from({ length: settings.writers }, (_, i) =>
      workspaces.map((workspace) => ({
        cookie: workspace.users[i % workspace.users.length]!.client.cookie!,
        workspaceId: workspace.id,
      })),
    ),
    perSecond: settings.writesPerSecond,
    durationMs,
  });
  clearTimeout(killTimer);
  clearTimeout(redisTimer);
  editors.forEach((editor) => editor.stopTyping());
  const writesPerSecond = (writes.ok / writes.elapsedMs) * 1000;
  log(`writes: ${writes.ok} ok, ${writes.failed} failed in ${(writes.elapsedMs / 1000).toFixed(1)} s`);

  // Settle: texts converge and are projected; then every subscriber reaches the end of the log.
  const settleMs = settings.settleSeconds * 1000;
  const byDocument = new Map<string, CoEditor[]>();
  for (const editor of editors)
    byDocument.set(editor.documentName, [...(byDocument.get(editor.documentName) ?? []), editor]);
  const converged = await waitFor(
    () =>
      [...byDocument.values()].every((group) => group.every((e) => e.settled && e.text === group[0]!.text)),
    settleMs,
  );
  const stored = new Map<string, string | null>();
  const projected =
    converged &&
    (await waitFor(async () => {
      for (const { workspace, noteId } of notes) {
        // A 502 from the proxy (it tried the dead server) is asked again.
        const data = await workspace.owner.client
          .data<{ note: { body: string | null } }>(`query ($id: ID!) { note(id: $id) { body } }`, {
            id: noteId,
          })
          .catch(() => undefined);
        if (!data) return false;
        stored.set(noteId, data.note.body);
        const text = byDocument.get(`${workspace.id}/note/${noteId}/body`)?.[0]?.text ?? '';
        if ((data.note.body ?? '') !== text) return false;
      }
      return true;
    }, settleMs));
  const changeLogs = await Promise.all(workspaces.map((w) => readChangeLog(pool, w.schema, w.startAfter)));
  const delivery = await checkDeliveries(subscribers, changeLogs, settleMs);

  // Figures.
  const killReconnects = sockets
    .flatMap((s) => s.reconnects)
    .filter((r) => killedAt && r.closedAt >= killedAt && r.closedAt < killedAt + 5000);
  const editorReconnects = editors
    .flatMap((e) => e.reconnects)
    .filter((r) => killedAt && r.closedAt >= killedAt && r.closedAt < killedAt + 5000);
  const resumeMs = (rs: { resumedAt?: number }[]) =>
    rs.map((r) => (r.resumedAt ? r.resumedAt - killedAt : Infinity)).sort((a, b) => a - b);
  const socketResume = resumeMs(killReconnects);
  const editorResume = resumeMs(editorReconnects);
  const otherCloses = sockets.flatMap((s) => s.reconnects).length - killReconnects.length;
  const quantile = (xs: number[], q: number) =>
    xs.length ? xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]! : NaN;

  const figures = {
    processes: settings.processes,
    proxy: settings.proxy,
    workspaces: workspaces.length,
    subscriptions: subscribers.length,
    sockets: sockets.length,
    coEditors: editors.length,
    writesOk: writes.ok,
    writesFailed: writes.failed,
    writesPerSecond: Math.round(writesPerSecond),
    targetWritesPerSecond: settings.writesPerSecond,
    changesInLog: changeLogs.reduce((sum, changes) => sum + changes.length, 0),
    eventsDelivered: latency.count,
    latencyMs: { p50: latency.percentile(50), p99: latency.percentile(99), max: Math.round(latency.max) },
    killedProcessSockets: killReconnects.length,
    resubscribedAfterKillMs: { p50: quantile(socketResume, 0.5), max: socketResume.at(-1) ?? NaN },
    coEditorsReconnected: editorReconnects.length,
    coEditorsResyncedAfterKillMs: { p50: quantile(editorResume, 0.5), max: editorResume.at(-1) ?? NaN },
    socketClosesNotFromTheKill: otherCloses,
    redisRestartedAfterMs: redisRestartedAt ? redisRestartedAt - (killedAt || redisRestartedAt) : null,
    eventsLost: delivery.lost,
    duplicates: delivery.duplicates,
    outOfOrder: delivery.outOfOrder,
    subscribersWithErrors: delivery.withErrors,
    textsConverged: converged,
    textsStored: projected,
  };
  process.stdout.write(`\nFIGURES ${JSON.stringify(figures, null, 2)}\n`);
  for (const line of delivery.details.slice(0, 10)) log(line);
  if (writes.failures.length) log(`first write failures: ${writes.failures.join(' | ')}`);
  if (!projected && converged)
    for (const [noteId, body] of stored) log(`note ${noteId}: stored ${JSON.stringify(body)?.slice(0, 80)}`);

  const failures = [
    delivery.lost > 0 && `${delivery.lost} events lost`,
    delivery.duplicates > 0 && `${delivery.duplicates} duplicates`,
    delivery.outOfOrder > 0 && `${delivery.outOfOrder} events out of order`,
    delivery.withErrors > 0 && `${delivery.withErrors} subscriptions ended with errors`,
    !converged && 'co-edited texts did not converge',
    !projected && 'co-edited texts were not stored in their records',
    killedAt === 0 && 'no server was killed (the write phase ended first)',
    killReconnects.some((r) => !r.resumedAt) && 'a socket of the killed server never resumed',
  ].filter(Boolean);
  for (const failure of failures) log(`FAIL: ${failure}`);
  if (!failures.length) log('PASS: every change delivered once, in order; every text converged and stored');
  return failures.length === 0;
}

async function cleanUp(): Promise<void> {
  for (const stop of stops.splice(0).reverse())
    await stop().catch((error: unknown) => log(`cleanup: ${String(error)}`));
}

// Whatever ends the run, the servers, Redis and PostgreSQL it started stop with it.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void cleanUp().finally(() => process.exit(1)));
process.on('uncaughtException', (error) => {
  log(`FAIL: ${error.stack ?? String(error)}`);
  void cleanUp().finally(() => process.exit(1));
});

let ok = false;
try {
  ok = await main();
} catch (error) {
  log(`FAIL: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  await cleanUp();
}
process.exit(ok ? 0 : 1);
