import { rm } from 'node:fs/promises';
import { createLogger, loadConfig, startWorker, type RunningWorker } from '@crm/server';
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { muteNotifications, newMember, newUser, TestClient, type SignedUpUser } from '../support/client.js';
import { newDatabase, query } from '../support/database.js';
import { newDataDir, startServerCli, stopAllClis } from '../support/process.js';
import { newServer, type TestServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Reminders are durable jobs: they outlive a SIGKILLed server, and run in a separate worker.

const setRules = /* GraphQL */ `
  mutation {
    setReminderRules(object: "task", field: "remindAt", rules: [{ recipients: ["assignee"] }]) {
      id
    }
  }
`;

const inbox = /* GraphQL */ `
  {
    notifications(first: 100) {
      nodes {
        recordId
        dueAt
        late
      }
      unreadCount
    }
  }
`;

interface Inbox {
  notifications: { nodes: { recordId: string; dueAt: string; late: boolean }[]; unreadCount: number };
}

/** Server processes start slowly on a busy 2-core machine; polls end as soon as they can. */
const startBudgetMs = 180_000;
const fireDeadlineMs = 60_000;
/** The server marks a reminder sent this long after its due time as late (60 s by default). */
const lateAfterMs = 5_000;

async function setUp(server: { url: string }) {
  const admin = await newUser(server as TestServer);
  const assignee = await newMember(server as TestServer, admin, 'MEMBER');
  // The tasks are assigned to them: this file counts reminders only.
  await muteNotifications(assignee, ['ASSIGNMENT']);
  await admin.client.data(setRules);
  return { admin, assignee };
}

async function createTask(admin: SignedUpUser, assigneeId: string, remindAt: Date): Promise<string> {
  const { createTask } = await admin.client.data<{ createTask: { id: string } }>(
    `mutation ($input: TaskCreateInput!) { createTask(input: $input) { id } }`,
    { input: { name: 'Durable', remindAt: remindAt.toISOString(), assignee: assigneeId } },
  );
  return createTask.id;
}

/** The same signed-in member, talking to another server process on the same database. */
function on(url: string, user: SignedUpUser): TestClient {
  const client = new TestClient({ url } as TestServer);
  Object.assign(client, { cookie: user.client.cookie, workspaceId: user.workspaceId });
  return client;
}

async function pendingJobs(databaseUrl: string, recordId: string): Promise<number> {
  const rows = await query(databaseUrl, 'select 1 from graphile_worker.jobs where key like $1', [
    `%:${recordId}:%`,
  ]);
  return rows.length;
}

describe(
  'reminders survive a SIGKILL',
  { timeout: 2 * startBudgetMs + 2 * fireDeadlineMs + 2 * lateAfterMs },
  () => {
    const dataDirs: string[] = [];
    afterEach(() => stopAllClis());
    afterAll(() => Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

    async function start(databaseUrl: string) {
      const dataDir = await newDataDir();
      dataDirs.push(dataDir);
      return startServerCli(
        {
          DATABASE_URL: databaseUrl,
          DATA_DIR: dataDir,
          REMINDER_LATE_AFTER_SECONDS: String(lateAfterMs / 1000),
        },
        startBudgetMs,
      );
    }

    it('fires once, marked late, after a restart when the server was killed before the due time', async () => {
      const databaseUrl = await newDatabase();
      const first = await start(databaseUrl);
      const { admin, assignee } = await setUp(first);
      const dueAt = new Date(Date.now() + 3_000);
      const id = await createTask(admin, assignee.userId, dueAt);
      first.cli.child.kill('SIGKILL');
      await first.cli.exited;
      // Down past the due time by more than `lateAfterMs`: the next start sends it, marked late.
      await eventually(() => Date.now() > dueAt.getTime() + lateAfterMs + 1_000, 2 * lateAfterMs);
      expect(await pendingJobs(databaseUrl, id)).toBe(1);

      const second = await start(databaseUrl);
      const client = on(second.url, assignee);
      await eventually(
        async () => (await client.data<Inbox>(inbox)).notifications.unreadCount > 0,
        fireDeadlineMs,
      );
      await eventually(async () => (await pendingJobs(databaseUrl, id)) === 0, fireDeadlineMs);
      const { notifications } = await client.data<Inbox>(inbox);
      expect(notifications.nodes).toEqual([{ recordId: id, dueAt: dueAt.toISOString(), late: true }]);
    });
  },
);

describe('WORKER=off and a separate worker process', { timeout: startBudgetMs }, () => {
  let server: TestServer | undefined;
  let worker: RunningWorker | undefined;
  const sockets: Client[] = [];
  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await worker?.close();
    await server?.close();
  });

  it('the API only enqueues; the worker sends, and the API’s subscriber hears it', async () => {
    server = await newServer({ WORKER: 'off' });
    const { admin, assignee } = await setUp(server);
    const { client: socket } = newSocketClient(server, {
      cookie: assignee.client.cookie,
      workspaceId: assignee.workspaceId,
    });
    sockets.push(socket);
    const live = collect<{ notificationAdded: { recordId: string } }>(
      socket,
      `subscription { notificationAdded { recordId } }`,
    );
    const dueAt = new Date(Date.now() + 2_000);
    const id = await createTask(admin, assignee.userId, dueAt);
    await eventually(() => Date.now() > dueAt.getTime() + 500, 10_000);
    // Due, and nobody runs it.
    expect(await pendingJobs(server.databaseUrl, id)).toBe(1);
    expect((await assignee.client.data<Inbox>(inbox)).notifications.nodes).toEqual([]);

    const config = loadConfig({
      DATABASE_URL: server.databaseUrl,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      NODE_ENV: 'test',
    });
    worker = await startWorker(config, createLogger(config.logLevel));
    await eventually(() => live.results.length > 0, fireDeadlineMs);
    expect(live.results.map((r) => r.data?.notificationAdded.recordId)).toEqual([id]);
    expect((await assignee.client.data<Inbox>(inbox)).notifications.nodes).toEqual([
      expect.objectContaining({ recordId: id }),
    ]);
  });
});
