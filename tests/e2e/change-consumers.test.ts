import {
  createChangeConsumers,
  createLogger,
  createRecordStore,
  MetadataCache,
  openAppDatabase,
  startCursor,
  startJobQueue,
  type ChangeConsumer,
  type Database,
} from '@crm/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { useServer } from '../support/server.js';
import { eventually } from '../support/ws.js';

// The change-consumer seam on its own: a consumer in this process with its own queue and
// store, beside a server writing to the same database. It sees each change after its start
// once, in id order: woken after commit, caught up when no wake-up came, retried after a failure.

// Jobs run only here: the server's queue knows no such consumer.
const server = useServer({ WORKER: 'off' });
const consumerName = 'test-recorder';
const deadlineMs = 60_000;

let database: Database;
let owner: SignedUpUser;
let failOnce = 'fail once';
let closeQueue: () => Promise<void>;
let catchUp: () => Promise<void>;
let createCompany: (name: string) => Promise<string>;

const recorder = (workspaceId: () => string): ChangeConsumer => ({
  name: consumerName,
  wants: (metadata) => metadata.workspaceId === workspaceId(),
  consume: async (em, { changes }) => {
    for (const change of changes) {
      if (change.kind === 'create' && JSON.stringify(change.changes).includes(failOnce)) {
        failOnce = 'already failed';
        throw new Error('the consumer fails once');
      }
      await em.execute('insert into consumed_test (change_id, record_id) values (?, ?)', [
        change.id,
        change.record_id,
      ]);
    }
  },
});

async function consumed(): Promise<{ change_id: string; record_id: string }[]> {
  return query(server.databaseUrl, 'select change_id::text, record_id::text from consumed_test order by seq');
}

async function createOverApi(name: string): Promise<string> {
  const { createCompany } = await owner.client.data<{ createCompany: { id: string } }>(
    `mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`,
    { name },
  );
  return createCompany.id;
}

beforeAll(async () => {
  owner = await newUser(server);
  await createOverApi('Before the consumer');
  await query(
    server.databaseUrl,
    'create table consumed_test (seq bigserial primary key, change_id bigint not null, record_id uuid not null)',
  );
  const logger = createLogger((process.env.TEST_LOG_LEVEL ?? 'silent') as 'silent');
  database = await openAppDatabase(
    { databaseUrl: server.databaseUrl, dataDir: '', embeddedPgPort: 0 },
    logger,
  );
  const metadataCache = new MetadataCache();
  const consumers = createChangeConsumers({ orm: database.orm, logger, metadataCache }, [
    recorder(() => owner.workspaceId),
  ]);
  const em = database.orm.em.fork();
  const metadata = (await metadataCache.get(em, owner.workspaceId))!;
  await startCursor(em, metadata, consumerName);
  const queue = await startJobQueue({
    databaseUrl: server.databaseUrl,
    logger,
    mode: 'inline',
    concurrency: 2,
    tasks: consumers.tasks,
  });
  closeQueue = () => queue.close();
  catchUp = () => consumers.start();
  const store = createRecordStore([consumers.recordHooks]);
  const company = metadata.objects.find((o) => o.key === 'company')!;
  createCompany = async (name) =>
    (await store.create({ em: database.orm.em.fork(), metadata, actorId: owner.userId }, company, { name }))
      .id;
}, 180_000);

afterAll(async () => {
  await closeQueue?.();
  await database?.close();
});

describe('change consumers', () => {
  it('consume each change after their start once, in id order, woken by the commit', async () => {
    const ids = [];
    for (const name of ['One', 'Two', 'Three']) ids.push(await createCompany(name));
    await eventually(async () => (await consumed()).length >= 3, deadlineMs);
    const rows = await consumed();
    expect(rows.map((r) => r.record_id)).toEqual(ids);
    const changeIds = rows.map((r) => BigInt(r.change_id));
    expect([...changeIds].sort((a, b) => (a < b ? -1 : 1))).toEqual(changeIds);
  });

  it('catch up on changes no wake-up announced (a process gone between commit and wake-up)', async () => {
    // The server's store does not know this consumer: only the catch-up finds the change.
    const id = await createOverApi('Unannounced');
    await catchUp();
    await eventually(async () => (await consumed()).some((r) => r.record_id === id), deadlineMs);
  });

  it('roll a failed batch back with its cursor and consume it again, once', async () => {
    const id = await createCompany('fail once');
    await eventually(async () => (await consumed()).some((r) => r.record_id === id), deadlineMs);
    const after = await createCompany('After the failure');
    await eventually(async () => (await consumed()).some((r) => r.record_id === after), deadlineMs);
    const rows = await consumed();
    expect(rows.filter((r) => r.record_id === id)).toHaveLength(1);
    expect(new Set(rows.map((r) => r.change_id)).size).toBe(rows.length);
    expect(failOnce).toBe('already failed');
  });
});
