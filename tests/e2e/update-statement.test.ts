import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import {
  addFields,
  changeLog,
  defineObject,
  errorOf,
  schemaOf,
  type DefinedObject,
} from '../support/records.js';
import { useServer } from '../support/server.js';

// Issues 12 and 23: an update of plain fields is one round trip (BEGIN, one statement that
// locks, writes and logs, COMMIT); anything a hook may act on, or a write that turns out to
// change nothing, goes the usual way. What each answers and logs must be the same.

const server = useServer();

type QueryFn = (...args: unknown[]) => unknown;

/** The texts the server sends to PostgreSQL (it runs in this process), from now on. */
function sentStatements(): { take(): string[] } {
  const crm = createRequire(createRequire(import.meta.url).resolve('@crm/server'));
  const orm = createRequire(crm.resolve('@mikro-orm/postgresql'));
  const knex = createRequire(createRequire(orm.resolve('@mikro-orm/knex')).resolve('knex'));
  let sent: string[] = [];
  for (const pg of new Set([crm('pg'), knex('pg')]) as Set<{ Client: { prototype: object } }>) {
    const prototype = pg.Client.prototype as { query: QueryFn; __sent?: (text: string) => void };
    if (!prototype.__sent) {
      const query = prototype.query;
      prototype.query = function (this: unknown, ...args: unknown[]) {
        const [first] = args;
        prototype.__sent?.(typeof first === 'string' ? first : String((first as { text?: string })?.text));
        return query.apply(this, args);
      };
    }
    prototype.__sent = (text) => void sent.push(text);
  }
  return {
    take: () => {
      const taken = sent;
      sent = [];
      return taken;
    },
  };
}

const updateListing = `mutation ($id: ID!, $input: ListingUpdateInput!, $expectedVersion: Int) {
  updateListing(id: $id, input: $input, expectedVersion: $expectedVersion) { id version name price open rating }
}`;

const updateListingNamed = `mutation ($id: ID!, $name: String!) {
  updateListing(id: $id, input: { name: $name }) { id name rating }
}`;

async function newWorkspace(): Promise<{ admin: SignedUpUser; listing: DefinedObject }> {
  const admin = await newUser(server);
  const listing = await defineObject(
    admin.client,
    { key: 'listing', labelSingular: 'Listing', labelPlural: 'Listings' },
    [
      { key: 'price', type: 'NUMBER' },
      { key: 'open', type: 'BOOLEAN' },
      { key: 'rating', type: 'RATING' },
      { key: 'code', type: 'TEXT', unique: true },
      { key: 'agent', type: 'USER' },
      { key: 'fee', type: 'CURRENCY' },
      { key: 'notes', type: 'LONG_TEXT' },
      { key: 'share', type: 'PERCENT' },
      { key: 'email', type: 'EMAIL' },
      { key: 'phone', type: 'PHONE' },
      { key: 'site', type: 'URL' },
      {
        key: 'status',
        type: 'SELECT',
        settings: {
          choices: [
            { key: 'live', label: 'Live' },
            { key: 'sold', label: 'Sold' },
          ],
        },
      },
    ],
  );
  return { admin, listing };
}

async function createListing(admin: SignedUpUser, input: Record<string, unknown>): Promise<string> {
  const { createListing } = await admin.client.data<{ createListing: { id: string } }>(
    `mutation ($input: ListingCreateInput!) { createListing(input: $input) { id } }`,
    { input },
  );
  return createListing.id;
}

/**
 * The statements that wrote to the workspace's tables: not its reads, nor what else the process
 * sends meanwhile (the job queue's polling, another test's workspace).
 */
const writes = (texts: string[], workspaceId: string) =>
  texts.filter((t) => t.includes(schemaOf(workspaceId)) && !/^\s*select\b/i.test(t));

describe('an update of plain fields', () => {
  it('is one round trip that locks, writes, logs old → new as stored, and keeps search up to date', async () => {
    const { admin } = await newWorkspace();
    const id = await createListing(admin, { name: 'Harbour loft', price: 250000, open: false, rating: 2 });
    const statements = sentStatements();

    const { updateListing: updated } = await admin.client.data<{
      updateListing: { version: number; name: string; price: number; open: boolean; rating: number };
    }>(updateListing, { id, input: { name: 'Harbour penthouse', price: 262500.5, open: true, rating: 2 } });

    const sent = writes(statements.take(), admin.workspaceId);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^begin;[\s\S]*for update of t[\s\S]*record_change[\s\S]*;\s*commit$/);
    expect(updated).toMatchObject({
      version: 2,
      name: 'Harbour penthouse',
      price: 262500.5,
      open: true,
      rating: 2,
    });
    const log = await changeLog(server.databaseUrl, admin.workspaceId, id);
    expect(log.map((c) => [c.kind, c.version, c.actor_id])).toEqual([
      ['create', 1, admin.userId],
      ['update', 2, admin.userId],
    ]);
    // The rating did not change: it is not logged.
    expect(log[1]!.changes).toEqual({
      name: ['Harbour loft', 'Harbour penthouse'],
      price: [250000, 262500.5],
      open: [false, true],
    });
    const found = await admin.client.data<{ listings: { nodes: { id: string }[] } }>(
      `{ listings(search: "penthouse") { nodes { id } } }`,
    );
    expect(found.listings.nodes.map((n) => n.id)).toEqual([id]);
  });

  it('writes the fields each update names, in any order, and a field added since (statements kept per version)', async () => {
    const { admin, listing } = await newWorkspace();
    const id = await createListing(admin, { name: 'Quay', price: 1, rating: 1 });
    const update = (input: Record<string, unknown>) => admin.client.data(updateListing, { id, input });
    await update({ price: 2, rating: 3 });
    await update({ rating: 4, price: 5 });
    await update({ price: 6 });
    const log = await changeLog(server.databaseUrl, admin.workspaceId, id);
    expect(log.slice(1).map((c) => c.changes)).toEqual([
      { price: [1, 2], rating: [1, 3] },
      { rating: [3, 4], price: [2, 5] },
      { price: [5, 6] },
    ]);

    // A new field is a new metadata version: creates and updates then write its column too.
    await addFields(admin.client, listing.key, [{ key: 'floor', type: 'NUMBER' }]);
    const withFloor = `mutation ($id: ID!, $input: ListingUpdateInput!) {
      updateListing(id: $id, input: $input) { price rating floor }
    }`;
    const { updateListing: updated } = await admin.client.data<{ updateListing: Record<string, unknown> }>(
      withFloor,
      { id, input: { floor: 3, price: 7 } },
    );
    expect(updated).toEqual({ price: 7, rating: 4, floor: 3 });
    const created = await createListing(admin, { name: 'Dock', price: 8, floor: 2 });
    const { listing: read } = await admin.client.data<{ listing: Record<string, unknown> }>(
      `query ($id: ID!) { listing(id: $id) { name price floor } }`,
      { id: created },
    );
    expect(read).toEqual({ name: 'Dock', price: 8, floor: 2 });
    const floorLog = await changeLog(server.databaseUrl, admin.workspaceId, id);
    expect(floorLog.at(-1)!.changes).toEqual({ floor: [null, 3], price: [6, 7] });
  });

  it('logs every type it works out in SQL as the API reads it back, before and after', async () => {
    const { admin } = await newWorkspace();
    const id = await createListing(admin, { name: 'Typed' });
    const fields = `name price open rating fee { amount currency } notes share email phone site status`;
    const read = async () =>
      (
        await admin.client.data<{ listing: Record<string, unknown> }>(
          `query ($id: ID!) { listing(id: $id) { ${fields} } }`,
          { id },
        )
      ).listing;
    const patches = [
      {
        name: 'Typed once',
        price: 1250.75,
        open: true,
        rating: 4,
        fee: { amount: 1200, currency: 'EUR' },
        notes: 'Sea view.\nSecond line',
        share: 2.5,
        email: 'agent@example.com',
        phone: '+44 20 7946 0000',
        site: 'https://example.com/typed',
        status: 'live',
      },
      {
        name: 'Typed twice',
        price: 990,
        open: false,
        rating: 1,
        fee: { amount: 1200, currency: 'USD' },
        notes: null,
        share: 0,
        email: null,
        phone: '+1 212 555 0100',
        site: null,
        status: 'sold',
      },
    ];
    const statements = sentStatements();
    const sent: string[] = [];
    for (const patch of patches) {
      const before = await read();
      statements.take();
      await admin.client.data(updateListing, { id, input: patch });
      sent.push(...writes(statements.take(), admin.workspaceId));
      const after = await read();
      const [logged] = (await changeLog(server.databaseUrl, admin.workspaceId, id)).slice(-1);
      const expected = Object.fromEntries(
        Object.keys(patch)
          .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
          .map((key) => [key, [before[key], after[key]]]),
      );
      expect(Object.keys(expected).length).toBeGreaterThan(8);
      expect(logged!.changes).toEqual(expected);
    }
    // One round trip each.
    expect(sent).toHaveLength(2);
  });

  it('keeps every concurrent write to one record in a chain: each logs the value the one before wrote', async () => {
    const { admin } = await newWorkspace();
    const id = await createListing(admin, { name: 'Contested', price: 0 });

    await Promise.all(
      Array.from({ length: 12 }, (_, i) => admin.client.data(updateListing, { id, input: { price: i + 1 } })),
    );

    const log = (await changeLog(server.databaseUrl, admin.workspaceId, id)).slice(1);
    expect(log.map((c) => c.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 2),
    );
    const byVersion = [...log].sort((a, b) => a.version - b.version);
    let previous: unknown = 0;
    for (const change of byVersion) {
      expect(change.changes.price![0]).toBe(previous);
      previous = change.changes.price![1];
    }
    const { listing } = await admin.client.data<{ listing: { price: number; version: number } }>(
      `query ($id: ID!) { listing(id: $id) { price version } }`,
      { id },
    );
    expect(listing).toEqual({ price: previous, version: 13 });
  });

  it('answers a stale version, a deleted record, a taken unique value and a no-op as the usual update does', async () => {
    const { admin } = await newWorkspace();
    const id = await createListing(admin, { name: 'Checked', price: 1, code: 'A-1' });
    await createListing(admin, { name: 'Other', code: 'B-2' });
    await admin.client.data(updateListing, { id, input: { price: 2 } });

    const stale = await admin.client.request(updateListing, { id, input: { price: 3 }, expectedVersion: 1 });
    expect(errorOf(stale)).toMatchObject({
      code: 'CONFLICT',
      extensions: { fields: ['price'], currentVersion: 2 },
    });

    const taken = await admin.client.request(updateListing, { id, input: { code: 'B-2' } });
    expect(errorOf(taken)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(taken.body.errors)).toMatch(/code/);

    const same = await admin.client.data<{ updateListing: { version: number } }>(updateListing, {
      id,
      input: { price: 2, name: 'Checked' },
    });
    expect(same.updateListing.version).toBe(2);

    await admin.client.data(`mutation ($id: ID!) { deleteListing(id: $id) { id } }`, { id });
    const gone = await admin.client.request(updateListing, { id, input: { price: 4 } });
    expect(errorOf(gone).code).toBe('NOT_FOUND');

    const log = await changeLog(server.databaseUrl, admin.workspaceId, id);
    expect(log.map((c) => c.kind)).toEqual(['create', 'update', 'delete']);
  });

  it('answers a create and an update with what the operation reads, and returns only that', async () => {
    const { admin } = await newWorkspace();
    const statements = sentStatements();
    const { createListing: created } = await admin.client.data<{ createListing: { id: string } }>(
      `mutation { createListing(input: { name: "Asked little", price: 10 }) { id } }`,
    );
    const [insert] = writes(statements.take(), admin.workspaceId);
    expect(insert).toMatch(/returning t\."id"\s*;/);

    const { createListing: full } = await admin.client.data<{
      createListing: { id: string; name: string; price: number; open: boolean | null };
    }>(`mutation { createListing(input: { name: "Asked more", price: 20 }) { id name price open } }`);
    expect(full).toMatchObject({ name: 'Asked more', price: 20, open: null });

    const { updateListing: updated } = await admin.client.data<{
      updateListing: { id: string; name: string; rating: number | null };
    }>(updateListingNamed, { id: created.id, name: 'Asked again' });
    expect(updated).toEqual({ id: created.id, name: 'Asked again', rating: null });
  });

  it('goes the usual way when a hook may act on a field (a user field assigns), with the same log', async () => {
    const { admin } = await newWorkspace();
    const id = await createListing(admin, { name: 'Assigned' });
    const statements = sentStatements();

    await admin.client.data(
      `mutation ($id: ID!, $agent: ID) { updateListing(id: $id, input: { agent: $agent }) { id } }`,
      {
        id,
        agent: admin.userId,
      },
    );

    const sent = writes(statements.take(), admin.workspaceId);
    expect(sent.length).toBeGreaterThan(1);
    const log = await changeLog(server.databaseUrl, admin.workspaceId, id);
    expect(log.at(-1)!.changes).toEqual({ agent: [null, admin.userId] });
  });
});
