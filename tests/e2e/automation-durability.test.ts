import { rm } from 'node:fs/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createRule, finishedRuns } from '../support/automation.js';
import { createLogger, loadConfig, startWorker, type RunningWorker } from '@crm/server';
import { newUser, TestClient, type SignedUpUser } from '../support/client.js';
import { newDatabase, query } from '../support/database.js';
import { newDataDir, startServerCli, stopAllClis } from '../support/process.js';
import { eventually } from '../support/ws.js';
import { newServer, type TestServer } from '../support/server.js';

// Rule runs come from the change log, not from the write: a server killed after a change
// committed, before any rule ran for it (its wake-up lost too), runs the rule once after restart.

const startBudgetMs = 180_000;
const runDeadlineMs = 90_000;

function on(url: string, user: SignedUpUser): TestClient {
  const client = new TestClient({ url } as TestServer);
  Object.assign(client, { cookie: user.client.cookie, workspaceId: user.workspaceId });
  return client;
}

describe('automation survives a SIGKILL', { timeout: 2 * startBudgetMs + 2 * runDeadlineMs }, () => {
  const dataDirs: string[] = [];
  afterEach(() => stopAllClis());
  afterAll(() => Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  async function start(databaseUrl: string, env: Record<string, string> = {}) {
    const dataDir = await newDataDir();
    dataDirs.push(dataDir);
    return startServerCli({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir, ...env }, startBudgetMs);
  }

  it('the server SIGKILLed between a change’s commit and its rule run: after restart the run happens exactly once', async () => {
    const databaseUrl = await newDatabase();
    // No job runs in the first process: the change commits, its rule cannot have run.
    const first = await start(databaseUrl, { WORKER: 'off' });
    const admin = await newUser({ url: first.url } as TestServer);
    const rule = await createRule(admin.client, {
      name: 'Follow up',
      objectKey: 'deal',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [
        {
          type: 'CREATE_RECORD',
          object: 'task',
          values: { name: { template: 'Call about {{ record.name }}' } },
        },
      ],
    });
    const { createDeal } = await admin.client.data(
      `mutation { createDeal(input: { name: "Yacht" }) { id } }`,
    );
    first.cli.child.kill('SIGKILL');
    await first.cli.exited;
    // The wake-up is lost as well (a kill between commit and enqueue): only the cursor says what is left.
    await query(
      databaseUrl,
      `delete from graphile_worker._private_jobs where key like 'consumer:automation:%'`,
    );
    expect(await query(databaseUrl, 'select 1 from automation_run')).toEqual([]);

    const second = await start(databaseUrl);
    const client = on(second.url, admin);
    const [run] = await finishedRuns(client, rule.id, 1, runDeadlineMs);
    expect(run).toMatchObject({ status: 'SUCCEEDED', recordId: createDeal.id });
    // Kill the second one too and start a third: nothing runs twice.
    second.cli.child.kill('SIGKILL');
    await second.cli.exited;
    const cursor = await query<{ change_id: string }>(
      databaseUrl,
      `select change_id::text from change_consumer_cursor where consumer = 'automation'`,
    );
    const [created] = await query<{ id: string }>(
      databaseUrl,
      `select id::text from "ws_${admin.workspaceId.replace(/-/g, '')}".record_change where record_id = $1`,
      [createDeal.id],
    );
    expect(BigInt(cursor[0]!.change_id)).toBeGreaterThanOrEqual(BigInt(created!.id));
    const restartedAt = Date.now();
    const third = await start(databaseUrl);
    // The third process's catch-up has looked at the cursors once it has scheduled its next round.
    await eventually(async () => {
      const [job] = await query<{ run_at: Date }>(
        databaseUrl,
        `select run_at from graphile_worker.jobs where key = 'consumers:catch-up'`,
      );
      return Boolean(job) && job!.run_at.getTime() > restartedAt + 20_000;
    }, runDeadlineMs);
    const runs = await finishedRuns(on(third.url, admin), rule.id, 1, runDeadlineMs);
    expect(runs).toHaveLength(1);
    const { tasks } = await on(third.url, admin).data(`{ tasks(first: 10) { nodes { name } } }`);
    expect(tasks.nodes).toEqual([{ name: 'Call about Yacht' }]);
  });
});

describe('WORKER=off and a separate worker process', { timeout: startBudgetMs }, () => {
  let server: TestServer | undefined;
  let worker: RunningWorker | undefined;
  afterAll(async () => {
    await worker?.close();
    await server?.close();
  });

  it('the API only records the change; the worker dispatches and runs the rule', async () => {
    server = await newServer({ WORKER: 'off' });
    const admin = await newUser(server);
    const rule = await createRule(admin.client, {
      name: 'Tag new companies',
      objectKey: 'company',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [{ type: 'UPDATE_RECORD', values: { industry: { value: 'Tagged' } } }],
    });
    const { createCompany } = await admin.client.data(
      `mutation { createCompany(input: { name: "Quay" }) { id } }`,
    );
    const config = loadConfig({
      DATABASE_URL: server.databaseUrl,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      NODE_ENV: 'test',
    });
    worker = await startWorker(config, createLogger(config.logLevel));
    const [run] = await finishedRuns(admin.client, rule.id, 1, runDeadlineMs);
    expect(run).toMatchObject({ status: 'SUCCEEDED', recordId: createCompany.id });
    const { company } = await admin.client.data(`query ($id: ID!) { company(id: $id) { industry } }`, {
      id: createCompany.id,
    });
    expect(company.industry).toBe('Tagged');
  });
});
