import { rm } from 'node:fs/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { newUser, TestClient, type SignedUpUser } from '../support/client.js';
import { newDatabase, query } from '../support/database.js';
import { type ImportRunState, runFields, uploadFile } from '../support/imports.js';
import { newDataDir, startServerCli, stopAllClis } from '../support/process.js';
import { objectId, tableOf } from '../support/records.js';
import type { TestServer } from '../support/server.js';
import { eventually } from '../support/ws.js';

// An import whose server is SIGKILLed mid-run resumes when a server comes back: from its last
// committed batch, every row written exactly once, the counts right. (Server processes start
// slowly on a busy 2-core machine; polls end as soon as they can.)

const startBudgetMs = 300_000;
const runDeadlineMs = 180_000;
const rows = 600;

function on(url: string, user: SignedUpUser): TestClient {
  const client = new TestClient({ url } as TestServer);
  Object.assign(client, { cookie: user.client.cookie, workspaceId: user.workspaceId });
  return client;
}

describe('an import survives a SIGKILL', { timeout: 2 * startBudgetMs + 2 * runDeadlineMs }, () => {
  const dataDirs: string[] = [];
  afterEach(() => stopAllClis());
  afterAll(() => Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  async function start(databaseUrl: string) {
    const dataDir = await newDataDir();
    dataDirs.push(dataDir);
    // Small batches: the kill lands between two of many.
    return startServerCli(
      { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, IMPORT_BATCH_SIZE: '10' },
      startBudgetMs,
    );
  }

  it('the server killed mid-import: after restart the run completes, each row written once', async () => {
    const databaseUrl = await newDatabase();
    const first = await start(databaseUrl);
    const admin = await newUser({ url: first.url } as TestServer);
    const csv = ['Name,E-mail', ...Array.from({ length: rows }, (_, i) => `Person ${i},p${i}@example.com`)];
    const { body } = await uploadFile(on(first.url, admin), 'people.csv', csv.join('\n'));
    const { startImport } = await on(first.url, admin).data<{ startImport: { id: string } }>(
      `mutation ($input: ImportInput!) { startImport(input: $input) { id } }`,
      {
        input: {
          uploadId: body.upload!.id,
          objectKey: 'person',
          columns: [
            { column: 'Name', fieldKey: 'name' },
            { column: 'E-mail', fieldKey: 'email' },
          ],
          uniqueFieldKey: 'email',
        },
      },
    );
    const runId = startImport.id;
    const position = async () =>
      (
        await query<{ position: number; status: string }>(
          databaseUrl,
          'select position, status from import_run where id = $1',
          [runId],
        )
      )[0]!;
    await eventually(async () => (await position()).position > 0, runDeadlineMs);
    first.cli.child.kill('SIGKILL');
    await first.cli.exited;
    const killedAt = await position();
    expect(killedAt.status).toBe('RUNNING');
    expect(killedAt.position).toBeLessThan(rows);

    const second = await start(databaseUrl);
    const client = on(second.url, admin);
    let run: ImportRunState | undefined;
    await eventually(async () => {
      ({ importRun: run } = await client.data<{ importRun: ImportRunState }>(
        `query ($id: ID!) { importRun(id: $id) { ${runFields} } }`,
        { id: runId },
      ));
      return run!.status !== 'RUNNING' && run!.status !== 'QUEUED';
    }, runDeadlineMs);
    expect(run).toMatchObject({ status: 'DONE', processedRows: rows, created: rows, updated: 0, skipped: 0 });
    // Each row once: as many people as rows, none twice (a replayed batch would add a second one).
    const [people] = await query<{ count: string; emails: string }>(
      databaseUrl,
      `select count(*)::text as count, count(distinct search)::text as emails
       from ${tableOf(admin.workspaceId, await objectId(client, 'person'))} where deleted_at is null`,
    );
    expect(people).toEqual({ count: String(rows), emails: String(rows) });
    const [journal] = await query<{ count: string }>(
      databaseUrl,
      'select count(*)::text as count from import_run_record where run_id = $1',
      [runId],
    );
    expect(journal!.count).toBe(String(rows));
  });
});
