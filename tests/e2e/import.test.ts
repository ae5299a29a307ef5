import { afterAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { newUser } from '../support/client.js';
import { query } from '../support/database.js';
import { type ImportRunState, previewQuery, runFields, uploadFile } from '../support/imports.js';
import { addFields, objectId, tableOf } from '../support/records.js';
import { useServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// The acceptance of issue 17's import: a 10,000-row CSV with 3 % bad rows and 5 % rows matching
// existing people (upserted on e-mail). The preview names the bad rows by line, the run
// creates the rest with pushed progress, and undo gives back exactly the people there were.

const server = useServer({ IMPORT_BATCH_SIZE: '1000' });
const sockets: Client[] = [];
afterAll(async () => Promise.all(sockets.map((socket) => socket.dispose())));

const rows = 10_000;
const existing = 500;
const badKinds = ['not-an-email', '31.02.2026', 'Platinum', ''] as const;

/** Line of data row i (the header is line 1). */
const lineOf = (i: number) => i + 2;
const isBad = (i: number) => i % 100 === 7 || i % 100 === 42 || i % 100 === 77;
const isExisting = (i: number) => i % 20 === 3;

function csvRow(i: number): string {
  const bad = isBad(i) ? badKinds[Math.floor(i / 100) % badKinds.length] : null;
  const email =
    bad === 'not-an-email' ? 'not-an-email' : isExisting(i) ? `old${i}@example.com` : `new${i}@example.com`;
  const name = bad === '' ? '' : `Person ${i}`;
  const since = bad === '31.02.2026' ? '31.02.2026' : `${(i % 28) + 1}.0${(i % 9) + 1}.2025`;
  const tier = bad === 'Platinum' ? 'Platinum' : i % 2 ? 'Gold' : 'Silver';
  return [
    name,
    email,
    `Imported ${i}`,
    `"1.${String(i % 1000).padStart(3, '0')},5"`,
    since,
    tier,
    'Acme',
  ].join(';');
}

async function snapshot(databaseUrl: string, table: string): Promise<unknown[]> {
  return query(
    databaseUrl,
    `select to_jsonb(t) - 'version' - 'updated_at' - 'updated_by' - 'search' as row from ${table} t
     where deleted_at is null order by id`,
  );
}

describe('import 10,000 rows', () => {
  it('previews the bad rows by line, imports the rest with progress, and undo restores the state', async () => {
    const admin = await newUser(server);
    const { client } = admin;
    await addFields(client, 'person', [
      { key: 'score', type: 'NUMBER', label: 'Score', settings: { precision: 1 } },
      { key: 'since', type: 'DATE', label: 'Since' },
      {
        key: 'tier',
        type: 'SELECT',
        label: 'Tier',
        settings: {
          choices: [
            { key: 'gold', label: 'Gold' },
            { key: 'silver', label: 'Silver' },
          ],
        },
      },
    ]);
    await client.data(`mutation { createCompany(input: { name: "Acme" }) { id } }`);
    const dupIndexes = Array.from({ length: rows }, (_, i) => i).filter((i) => isExisting(i));
    expect(dupIndexes).toHaveLength(existing);
    await client.data(`mutation ($inputs: [PersonCreateInput!]!) { createPeople(inputs: $inputs) { id } }`, {
      inputs: dupIndexes.map((i) => ({
        name: `Old ${i}`,
        email: `old${i}@example.com`,
        jobTitle: 'Old title',
        score: 1,
      })),
    });
    const people = tableOf(admin.workspaceId, await objectId(client, 'person'));
    const before = await snapshot(server.databaseUrl, people);
    expect(before).toHaveLength(existing);

    const csv = [
      'Full name;E-mail;Job title;Score;Since;Tier;Company',
      ...Array.from({ length: rows }, (_, i) => csvRow(i)),
    ].join('\n');
    const uploaded = await uploadFile(client, 'people.csv', csv);
    expect(uploaded.status).toBe(200);
    const upload = uploaded.body.upload!;
    expect(upload).toMatchObject({ rowCount: rows, format: 'CSV', encoding: 'UTF-8' });

    const { suggestImportMapping: columns } = await client.data(
      `query ($id: ID!) { suggestImportMapping(uploadId: $id, objectKey: "person") { column fieldKey matchBy } }`,
      { id: upload.id },
    );
    expect(columns.map((c: { fieldKey: string }) => c.fieldKey)).toEqual([
      'name',
      'email',
      'jobTitle',
      'score',
      'since',
      'tier',
      'company',
    ]);
    const input = {
      uploadId: upload.id,
      objectKey: 'person',
      columns,
      uniqueFieldKey: 'email',
      dateOrder: 'DMY',
      decimalSeparator: ',',
    };

    const { importPreview } = await client.data(previewQuery, { input });
    const badLines = Array.from({ length: rows }, (_, i) => i)
      .filter(isBad)
      .map(lineOf);
    expect(importPreview.errorCount).toBe(badLines.length);
    expect(importPreview.errors.map((e: { line: number }) => e.line)).toEqual(badLines);
    expect(importPreview.errors[0]).toMatchObject({ line: lineOf(7), fieldKey: 'email', column: 'E-mail' });
    const duplicatesAmongBad = dupIndexes.filter(isBad).length;
    expect(importPreview.toUpdate).toBe(existing - duplicatesAmongBad);
    expect(importPreview.toCreate).toBe(rows - badLines.length - (existing - duplicatesAmongBad));
    expect(importPreview.rows[0].values).toMatchObject({
      name: 'Person 0',
      score: 1000.5,
      since: '2025-01-01',
      tier: 'silver',
    });

    // Nothing is written by the preview.
    expect(await snapshot(server.databaseUrl, people)).toEqual(before);

    const socket = newSocketClient(server, { cookie: client.cookie, workspaceId: admin.workspaceId });
    sockets.push(socket.client);
    const { startImport } = await client.data<{ startImport: ImportRunState }>(
      `mutation ($input: ImportInput!) { startImport(input: $input) { ${runFields} } }`,
      { input },
    );
    const progress = collect<{ importProgress: ImportRunState }>(
      socket.client,
      `subscription ($id: ID!) { importProgress(id: $id) { ${runFields} } }`,
      { id: startImport.id },
    );
    const current = async () =>
      (
        await client.data<{ importRun: ImportRunState }>(
          `query ($id: ID!) { importRun(id: $id) { ${runFields} } }`,
          { id: startImport.id },
        )
      ).importRun;
    await eventually(async () => (await current()).status === 'DONE', 120_000);
    const done = await current();
    expect(done).toMatchObject({
      processedRows: rows,
      skipped: badLines.length,
      updated: importPreview.toUpdate,
      created: importPreview.toCreate,
      error: null,
    });
    // Pushed progress: the batches' positions, rising (the socket may have joined after the first).
    await eventually(() => progress.results.some((r) => r.data?.importProgress.status === 'DONE'));
    const positions = progress.results.map((r) => r.data!.importProgress.processedRows);
    expect(positions.length).toBeGreaterThanOrEqual(3);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // A subscriber who comes after the run ended is told where it stands at once.
    const late = collect<{ importProgress: ImportRunState }>(
      socket.client,
      `subscription ($id: ID!) { importProgress(id: $id) { ${runFields} } }`,
      { id: startImport.id },
    );
    await eventually(() => late.results.length > 0);
    expect(late.results[0]!.data!.importProgress).toMatchObject({ status: 'DONE', processedRows: rows });

    const [counted] = await query<{ n: string }>(
      server.databaseUrl,
      `select count(*) as n from ${people} where deleted_at is null`,
    );
    expect(Number(counted!.n)).toBe(existing + importPreview.toCreate);
    const { people: updated } = await client.data(
      `{ people(filter: { email: { eq: "old3@example.com" } }) { nodes { name jobTitle score tier company { name } } } }`,
    );
    expect(updated.nodes).toEqual([
      { name: 'Person 3', jobTitle: 'Imported 3', score: 1003.5, tier: 'gold', company: { name: 'Acme' } },
    ]);

    const { undoImport } = await client.data(`mutation ($id: ID!) { undoImport(id: $id) { status } }`, {
      id: startImport.id,
    });
    expect(undoImport.status).toBe('UNDOING');
    await eventually(async () => (await current()).status === 'UNDONE', 120_000);
    expect(await snapshot(server.databaseUrl, people)).toEqual(before);
  }, 240_000);
});
