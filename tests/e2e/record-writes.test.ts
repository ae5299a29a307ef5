import { describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import {
  changeLog,
  columnOf,
  countRows,
  defineObject,
  errorOf,
  expectBadInput,
  expectCode,
  objectId,
  schemaOf,
  tableOf,
  type DefinedObject,
} from '../support/records.js';
import { useServer } from '../support/server.js';

// Writing records through the generated API: per-field updates that never overwrite each
// other, versions and conflicts, all-or-nothing bulk writes, the change log written in the
// write's transaction, relation integrity with each on-delete rule, and many-to-many links.

const server = useServer();

interface Workspace {
  admin: SignedUpUser;
  home: DefinedObject;
  viewing: DefinedObject;
}

/**
 * home: seller (RESTRICT), buyer (SET_NULL) and viewers (many-to-many) to person;
 * viewing: belongs to a home (CASCADE).
 */
async function newWorkspace(): Promise<Workspace> {
  const admin = await newUser(server);
  const home = await defineObject(
    admin.client,
    { key: 'home', labelSingular: 'Home', labelPlural: 'Homes' },
    [
      { key: 'price', type: 'NUMBER' },
      { key: 'rooms', type: 'NUMBER' },
      { key: 'code', type: 'TEXT', unique: true },
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
      {
        key: 'seller',
        type: 'RELATION',
        relation: { target: 'person', kind: 'MANY_TO_ONE', onDelete: 'RESTRICT', inverseKey: 'homesSold' },
      },
      {
        key: 'buyer',
        type: 'RELATION',
        relation: { target: 'person', kind: 'MANY_TO_ONE', onDelete: 'SET_NULL', inverseKey: 'homesBought' },
      },
      {
        key: 'viewers',
        type: 'RELATION',
        relation: { target: 'person', kind: 'MANY_TO_MANY', inverseKey: 'homesViewed' },
      },
    ],
  );
  const viewing = await defineObject(
    admin.client,
    { key: 'viewing', labelSingular: 'Viewing', labelPlural: 'Viewings' },
    [
      {
        key: 'home',
        type: 'RELATION',
        relation: { target: 'home', kind: 'MANY_TO_ONE', onDelete: 'CASCADE', inverseKey: 'viewings' },
      },
    ],
  );
  return { admin, home, viewing };
}

const homeSelection = 'id version name price rooms code status sellerId buyerId viewers { id } deletedAt';

async function createHome(user: SignedUpUser, input: Record<string, unknown>) {
  const { createHome } = await user.client.data(
    `mutation ($input: HomeCreateInput!) { createHome(input: $input) { ${homeSelection} } }`,
    { input },
  );
  return createHome;
}

async function readHome(user: SignedUpUser, id: string) {
  const { home } = await user.client.data(`query ($id: ID!) { home(id: $id) { ${homeSelection} } }`, { id });
  return home;
}

async function readHomes(user: SignedUpUser, ids: string[]) {
  const { homes } = await user.client.data(
    `query ($ids: [ID!]) { homes(filter: {id: {in: $ids}}, includeDeleted: true, first: 500) { nodes { ${homeSelection} } } }`,
    { ids },
  );
  const byId = new Map(homes.nodes.map((h: { id: string }) => [h.id, h]));
  return ids.map((id) => byId.get(id));
}

async function createPerson(user: SignedUpUser, name: string): Promise<string> {
  const { createPerson } = await user.client.data(
    `mutation ($name: String!) { createPerson(input: {name: $name}) { id } }`,
    { name },
  );
  return createPerson.id;
}

const updateHome = `mutation ($id: ID!, $input: HomeUpdateInput!, $expectedVersion: Int) {
  updateHome(id: $id, input: $input, expectedVersion: $expectedVersion) { ${homeSelection} }
}`;

async function footprint(ws: Workspace) {
  return {
    homes: await countRows(server.databaseUrl, ws.admin.workspaceId, ws.home.id),
    changes: (await changeLog(server.databaseUrl, ws.admin.workspaceId)).length,
  };
}

describe('per-field updates and versions', () => {
  it('two clients updating different fields of one record without expectedVersion both keep their values', async () => {
    const ws = await newWorkspace();
    const member = await newMember(server, ws.admin, 'MEMBER');
    const home = await createHome(ws.admin, { name: 'Shared' });
    for (let round = 1; round <= 5; round++) {
      const [a, b] = await Promise.all([
        ws.admin.client.request(updateHome, { id: home.id, input: { price: round * 100 } }),
        member.client.request(updateHome, { id: home.id, input: { rooms: round } }),
      ]);
      expect(a.body.errors).toBeUndefined();
      expect(b.body.errors).toBeUndefined();
    }
    expect(await readHome(ws.admin, home.id)).toMatchObject({
      price: 500,
      rooms: 5,
      name: 'Shared',
      version: 11,
    });
    const changes = (await changeLog(server.databaseUrl, ws.admin.workspaceId, home.id)).filter(
      (c) => c.kind === 'update',
    );
    expect(changes).toHaveLength(10);
    for (const change of changes) {
      const [key] = Object.keys(change.changes);
      expect(Object.keys(change.changes)).toHaveLength(1);
      expect(change.actor_id).toBe(key === 'price' ? ws.admin.userId : member.userId);
    }
  });

  it('a stale expectedVersion is refused with CONFLICT naming the fields changed since, and changes nothing', async () => {
    const ws = await newWorkspace();
    const member = await newMember(server, ws.admin, 'MEMBER');
    const home = await createHome(ws.admin, { name: 'Contested', price: 1, rooms: 1 });
    await ws.admin.client.data(updateHome, { id: home.id, input: { price: 2 } });
    await member.client.data(updateHome, { id: home.id, input: { rooms: 2, status: 'live' } });
    const before = await footprint(ws);

    const fromOne = await ws.admin.client.request(updateHome, {
      id: home.id,
      input: { name: 'Mine' },
      expectedVersion: 1,
    });
    const error = errorOf(fromOne);
    expect(error.code).toBe('CONFLICT');
    expect((error.extensions.fields as string[]).sort()).toEqual(['price', 'rooms', 'status']);
    expect(error.extensions.currentVersion).toBe(3);
    const fromTwo = errorOf(
      await ws.admin.client.request(updateHome, { id: home.id, input: { name: 'Mine' }, expectedVersion: 2 }),
    );
    expect((fromTwo.extensions.fields as string[]).sort()).toEqual(['rooms', 'status']);
    expect(await footprint(ws)).toEqual(before);
    expect(await readHome(ws.admin, home.id)).toMatchObject({ name: 'Contested', version: 3 });

    const current = await ws.admin.client.data(updateHome, {
      id: home.id,
      input: { name: 'Mine' },
      expectedVersion: 3,
    });
    expect(current.updateHome).toMatchObject({
      name: 'Mine',
      price: 2,
      rooms: 2,
      status: 'live',
      version: 4,
    });
  });

  it('the version grows by one with each write that changes something, and a no-op writes nothing', async () => {
    const ws = await newWorkspace();
    const home = await createHome(ws.admin, { name: 'Counted', price: 10 });
    expect(home.version).toBe(1);
    const versions = [];
    versions.push(
      (await ws.admin.client.data(updateHome, { id: home.id, input: { price: 11 } })).updateHome.version,
    );
    const changesBefore = (await changeLog(server.databaseUrl, ws.admin.workspaceId, home.id)).length;
    versions.push(
      (await ws.admin.client.data(updateHome, { id: home.id, input: { price: 11, name: 'Counted' } }))
        .updateHome.version,
    );
    expect((await changeLog(server.databaseUrl, ws.admin.workspaceId, home.id)).length).toBe(changesBefore);
    versions.push(
      (await ws.admin.client.data(`mutation ($id: ID!) { deleteHome(id: $id) { version } }`, { id: home.id }))
        .deleteHome.version,
    );
    versions.push(
      (
        await ws.admin.client.data(`mutation ($id: ID!) { restoreHome(id: $id) { version } }`, {
          id: home.id,
        })
      ).restoreHome.version,
    );
    versions.push(
      (await ws.admin.client.data(updateHome, { id: home.id, input: { rooms: 1 } })).updateHome.version,
    );
    expect(versions).toEqual([2, 2, 3, 4, 5]);
  });

  it('an update of a deleted or unknown record is NOT_FOUND', async () => {
    const ws = await newWorkspace();
    const home = await createHome(ws.admin, { name: 'Gone' });
    await ws.admin.client.data(`mutation ($id: ID!) { deleteHome(id: $id) { id } }`, { id: home.id });
    expectCode(await ws.admin.client.request(updateHome, { id: home.id, input: { price: 1 } }), 'NOT_FOUND');
    expectCode(
      await ws.admin.client.request(updateHome, {
        id: '5b0b6b7e-0000-4000-8000-000000000001',
        input: { price: 1 },
      }),
      'NOT_FOUND',
    );
    expectBadInput(await ws.admin.client.request(updateHome, { id: 'nope', input: { price: 1 } }), ['id']);
  });
});

describe('bulk writes are all or nothing', () => {
  const createHomes = `mutation ($inputs: [HomeCreateInput!]!) { createHomes(inputs: $inputs) { id } }`;
  const updateHomes = `mutation ($updates: [HomeBulkUpdate!]!) { updateHomes(updates: $updates) { id version } }`;

  it('one bad item in a bulk create writes nothing and names its index', async () => {
    const ws = await newWorkspace();
    await createHome(ws.admin, { name: 'Existing', code: 'X-1' });
    const cases: [Record<string, unknown>[], string[]][] = [
      [
        [{ name: 'a' }, { name: 'b', status: 'unknown' }, { name: 'c' }],
        ['inputs', '1', 'status'],
      ],
      [
        [{ name: 'a' }, { name: 'b' }, { name: 'c', price: 'cheap' }],
        ['inputs', '2', 'price'],
      ],
      [
        [{ name: 'a', code: 'D' }, { name: 'b' }, { name: 'c', code: 'D' }],
        ['inputs', '2', 'code'],
      ],
      [
        [{ name: 'a' }, { name: 'b', code: 'X-1' }],
        ['inputs', '1', 'code'],
      ],
      [
        [{ name: 'a' }, { name: 'b', seller: '5b0b6b7e-0000-4000-8000-000000000001' }],
        ['inputs', '1', 'seller'],
      ],
      [
        [{ name: 'a' }, { name: 'b', viewers: ['not-an-id'] }],
        ['inputs', '1', 'viewers', '0'],
      ],
    ];
    for (const [inputs, path] of cases) {
      const before = await footprint(ws);
      expectBadInput(await ws.admin.client.request(createHomes, { inputs }), path);
      expect(await footprint(ws)).toEqual(before);
    }
    const { homes } = await ws.admin.client.data(`query { homes { totalCount } }`);
    expect(homes.totalCount).toBe(1);

    const good = await ws.admin.client.data(createHomes, {
      inputs: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
    });
    expect(good.createHomes).toHaveLength(3);
    expect(await footprint(ws)).toMatchObject({ homes: 4 });
  });

  it('one bad item in a bulk update changes nothing and names its index', async () => {
    const ws = await newWorkspace();
    const ids = (
      await ws.admin.client.data(createHomes, {
        inputs: [
          { name: 'a', code: 'A' },
          { name: 'b', code: 'B' },
          { name: 'c', code: 'C' },
        ],
      })
    ).createHomes.map((h: { id: string }) => h.id) as string[];
    const all = (input: Record<string, unknown>) => ids.map((id) => ({ id, input }));
    const before = await footprint(ws);
    const snapshot = await readHomes(ws.admin, ids);

    const bad = all({ price: 5 });
    bad[1] = { id: ids[1]!, input: { status: 'gone' } };
    expectBadInput(await ws.admin.client.request(updateHomes, { updates: bad }), [
      'updates',
      '1',
      'input',
      'status',
    ]);

    const coerced = all({ price: 5 });
    coerced[2] = { id: ids[2]!, input: { price: 'five' } };
    expectBadInput(await ws.admin.client.request(updateHomes, { updates: coerced }), [
      'updates',
      '2',
      'input',
      'price',
    ]);

    const duplicate = [
      { id: ids[0]!, input: { price: 5 } },
      { id: ids[1]!, input: { code: 'C' } },
      { id: ids[2]!, input: { price: 5 } },
    ];
    expectBadInput(await ws.admin.client.request(updateHomes, { updates: duplicate }), [
      'updates',
      '1',
      'input',
      'code',
    ]);

    const stale = ids.map((id) => ({ id, input: { price: 7 }, expectedVersion: 1 }));
    stale[2]!.expectedVersion = 2;
    expectCode(await ws.admin.client.request(updateHomes, { updates: stale }), 'CONFLICT');

    const unknown = all({ price: 8 });
    unknown[1] = { id: '5b0b6b7e-0000-4000-8000-000000000001', input: { price: 8 } };
    expectCode(await ws.admin.client.request(updateHomes, { updates: unknown }), 'NOT_FOUND');

    expect(await footprint(ws)).toEqual(before);
    expect(await readHomes(ws.admin, ids)).toEqual(snapshot);

    const swapped = await ws.admin.client.data(updateHomes, {
      updates: [
        { id: ids[0]!, input: { code: 'tmp' } },
        { id: ids[1]!, input: { code: 'A' } },
        { id: ids[0]!, input: { code: 'B' } },
      ],
    });
    expect(swapped.updateHomes.map((h: { version: number }) => h.version)).toEqual([2, 2, 3]);
    expect((await readHomes(ws.admin, ids)).map((h) => (h as { code: string }).code)).toEqual([
      'B',
      'A',
      'C',
    ]);
  });
});

describe('the change log', () => {
  it('every write appends kind, actor and old → new values, in the write’s own transaction', async () => {
    const ws = await newWorkspace();
    const member = await newMember(server, ws.admin, 'MEMBER');
    const home = await createHome(member, { name: 'Logged', price: 100, status: 'live' });
    await ws.admin.client.data(updateHome, { id: home.id, input: { price: 150, status: 'sold' } });
    await member.client.data(`mutation ($id: ID!) { deleteHome(id: $id) { id } }`, { id: home.id });
    await ws.admin.client.data(`mutation ($id: ID!) { restoreHome(id: $id) { id } }`, { id: home.id });

    const log = await changeLog(server.databaseUrl, ws.admin.workspaceId, home.id);
    expect(log.map((c) => [c.kind, c.actor_id, c.version, c.object_id])).toEqual([
      ['create', member.userId, 1, ws.home.id],
      ['update', ws.admin.userId, 2, ws.home.id],
      ['delete', member.userId, 3, ws.home.id],
      ['restore', ws.admin.userId, 4, ws.home.id],
    ]);
    expect(log[0]!.changes).toEqual({
      owner: [null, member.userId],
      name: [null, 'Logged'],
      price: [null, 100],
      status: [null, 'live'],
    });
    expect(log[1]!.changes).toEqual({ price: [100, 150], status: ['live', 'sold'] });
    expect(log[2]!.changes.deletedAt![0]).toBeNull();
    expect(Date.parse(log[2]!.changes.deletedAt![1] as string)).not.toBeNaN();
    expect(log[3]!.changes.deletedAt).toEqual([log[2]!.changes.deletedAt![1], null]);

    // Same transaction: the change row's time is the write's own now().
    const [row] = await query<{ same: boolean }>(
      server.databaseUrl,
      `select r.updated_at = c.created_at as same from ${tableOf(ws.admin.workspaceId, ws.home.id)} r
       join "${schemaOf(ws.admin.workspaceId)}".record_change c on c.record_id = r.id and c.version = r.version
       where r.id = $1`,
      [home.id],
    );
    expect(row).toEqual({ same: true });
  });

  it('a bulk write logs one change per record, and a refused one none', async () => {
    const ws = await newWorkspace();
    const { createHomes } = await ws.admin.client.data(
      `mutation { createHomes(inputs: [{name: "a"}, {name: "b"}, {name: "c"}]) { id } }`,
    );
    const log = await changeLog(server.databaseUrl, ws.admin.workspaceId);
    expect(log.map((c) => c.record_id)).toEqual(createHomes.map((h: { id: string }) => h.id));
    expect(new Set(log.map((c) => c.created_at.toISOString())).size).toBe(1);
    await ws.admin.client.request(
      `mutation { createHomes(inputs: [{name: "d"}, {name: "e", status: "nope"}]) { id } }`,
    );
    expect(await changeLog(server.databaseUrl, ws.admin.workspaceId)).toHaveLength(3);
  });
});

describe('relations: integrity and the on-delete rules (deletes are soft)', () => {
  const deletePerson = `mutation ($id: ID!) { deletePerson(id: $id) { id deletedAt } }`;
  const restorePerson = `mutation ($id: ID!) { restorePerson(id: $id) { id deletedAt } }`;
  const deleteHome = `mutation ($id: ID!) { deleteHome(id: $id) { id deletedAt } }`;
  const restoreHome = `mutation ($id: ID!) { restoreHome(id: $id) { ${homeSelection} } }`;

  it('RESTRICT: a person still selling a home cannot be deleted; once the home is gone they can', async () => {
    const ws = await newWorkspace();
    const sam = await createPerson(ws.admin, 'Sam');
    const home = await createHome(ws.admin, { name: 'Restricted', seller: sam });
    const before = await footprint(ws);

    const refused = errorOf(await ws.admin.client.request(deletePerson, { id: sam }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.extensions).toMatchObject({ object: 'home', field: 'seller', count: 1 });
    expect(refused.message).toMatch(/cannot be deleted/);
    const { person } = await ws.admin.client.data(
      `query ($id: ID!) { person(id: $id) { id version deletedAt } }`,
      {
        id: sam,
      },
    );
    expect(person).toEqual({ id: sam, version: 1, deletedAt: null });
    expect(await footprint(ws)).toEqual(before);

    await ws.admin.client.data(deleteHome, { id: home.id });
    const deleted = await ws.admin.client.data(deletePerson, { id: sam });
    expect(deleted.deletePerson.deletedAt).not.toBeNull();

    // A home cannot come back pointing at a deleted seller, nor be given one.
    expectCode(await ws.admin.client.request(restoreHome, { id: home.id }), 'CONFLICT');
    const other = await createHome(ws.admin, { name: 'Other' });
    expectBadInput(await ws.admin.client.request(updateHome, { id: other.id, input: { seller: sam } }), [
      'input',
      'seller',
    ]);
    await ws.admin.client.data(restorePerson, { id: sam });
    const { restoreHome: back } = await ws.admin.client.data(restoreHome, { id: home.id });
    expect(back).toMatchObject({ sellerId: sam, deletedAt: null });
  });

  it('SET_NULL: deleting a buyer empties the field (logged), and restoring the buyer does not refill it', async () => {
    const ws = await newWorkspace();
    const bea = await createPerson(ws.admin, 'Bea');
    const home = await createHome(ws.admin, { name: 'Bought', buyer: bea });
    const deletedHome = await createHome(ws.admin, { name: 'Deleted before', buyer: bea });
    await ws.admin.client.data(deleteHome, { id: deletedHome.id });

    await ws.admin.client.data(deletePerson, { id: bea });
    expect(await readHome(ws.admin, home.id)).toMatchObject({ buyerId: null, version: 2 });
    const [, emptied] = await changeLog(server.databaseUrl, ws.admin.workspaceId, home.id);
    expect(emptied).toMatchObject({
      kind: 'update',
      actor_id: ws.admin.userId,
      changes: { buyer: [bea, null] },
    });

    await ws.admin.client.data(restorePerson, { id: bea });
    expect(await readHome(ws.admin, home.id)).toMatchObject({ buyerId: null });
    // A record deleted earlier still pointed at her; restored while she was deleted, it comes back emptied.
    await ws.admin.client.data(deletePerson, { id: bea });
    const { restoreHome: back } = await ws.admin.client.data(restoreHome, { id: deletedHome.id });
    expect(back).toMatchObject({ buyerId: null, deletedAt: null });
  });

  it('CASCADE: deleting a home deletes its viewings, and restoring it brings back just those', async () => {
    const ws = await newWorkspace();
    const home = await createHome(ws.admin, { name: 'Cascading' });
    const { createViewings } = await ws.admin.client.data(
      `mutation ($home: ID!) { createViewings(inputs: [{name: "v0", home: $home}, {name: "v1", home: $home}, {name: "v2", home: $home}]) { id } }`,
      { home: home.id },
    );
    const [v0, v1, v2] = createViewings.map((v: { id: string }) => v.id);
    await ws.admin.client.data(`mutation ($id: ID!) { deleteViewing(id: $id) { id } }`, { id: v0 });

    const { deleteHome: gone } = await ws.admin.client.data(deleteHome, { id: home.id });
    const viewings = async () =>
      (
        await ws.admin.client.data(
          `query { viewings(includeDeleted: true, sort: [{field: name}]) { nodes { name deletedAt } } }`,
        )
      ).viewings.nodes;
    const afterDelete = await viewings();
    expect(afterDelete.map((v: { name: string }) => v.name)).toEqual(['v0', 'v1', 'v2']);
    expect(afterDelete[1].deletedAt).toBe(gone.deletedAt);
    expect(afterDelete[2].deletedAt).toBe(gone.deletedAt);
    expect(afterDelete[0].deletedAt).not.toBe(gone.deletedAt);
    const live = await ws.admin.client.data(`query { viewings { totalCount } }`);
    expect(live.viewings.totalCount).toBe(0);
    const deletes = (await changeLog(server.databaseUrl, ws.admin.workspaceId)).filter(
      (c) => c.kind === 'delete',
    );
    expect(deletes.map((c) => c.record_id).sort()).toEqual([v0, home.id, v1, v2].sort());

    await ws.admin.client.data(restoreHome, { id: home.id });
    const afterRestore = await viewings();
    expect(
      afterRestore.map((v: { name: string; deletedAt: string | null }) => [v.name, v.deletedAt === null]),
    ).toEqual([
      ['v0', false],
      ['v1', true],
      ['v2', true],
    ]);
    const { home: withViewings } = await ws.admin.client.data(
      `query ($id: ID!) { home(id: $id) { viewings { id } } }`,
      { id: home.id },
    );
    expect(withViewings.viewings.map((v: { id: string }) => v.id).sort()).toEqual([v1, v2].sort());
  });

  it('a many-to-one relation is cleared with null', async () => {
    const ws = await newWorkspace();
    const sam = await createPerson(ws.admin, 'Sam');
    const home = await createHome(ws.admin, { name: 'Cleared', seller: sam, buyer: sam });
    const { updateHome: cleared } = await ws.admin.client.data(updateHome, {
      id: home.id,
      input: { seller: null, buyer: null },
    });
    expect(cleared).toMatchObject({ sellerId: null, buyerId: null, version: 2 });
    const created = await createHome(ws.admin, { name: 'Never set', seller: null });
    expect(created.sellerId).toBeNull();
  });

  it('the database itself refuses a foreign key to no record', async () => {
    const ws = await newWorkspace();
    const home = await createHome(ws.admin, { name: 'Guarded' });
    await expect(
      query(
        server.databaseUrl,
        `update ${tableOf(ws.admin.workspaceId, ws.home.id)} set "${columnOf(ws.home.fields.seller!)}" = gen_random_uuid() where id = $1`,
        [home.id],
      ),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('a RESTRICT delete racing a write that points at the record never leaves a live pointer to a deleted one', async () => {
    const ws = await newWorkspace();
    const people = await objectId(ws.admin.client, 'person');
    const dangling = async () => {
      const [row] = await query<{ n: string }>(
        server.databaseUrl,
        `select count(*) as n from ${tableOf(ws.admin.workspaceId, ws.home.id)} h
         join ${tableOf(ws.admin.workspaceId, people)} p on p.id = h."${columnOf(ws.home.fields.seller!)}"
         where h.deleted_at is null and p.deleted_at is not null`,
      );
      return Number(row!.n);
    };
    for (let round = 0; round < 12; round++) {
      const person = await createPerson(ws.admin, `Racer ${round}`);
      const [deleted, created] = await Promise.all([
        ws.admin.client.request(deletePerson, { id: person }),
        ws.admin.client.request(
          `mutation ($s: ID!) { createHome(input: {name: "race", seller: $s}) { id } }`,
          {
            s: person,
          },
        ),
      ]);
      const outcome = `round ${round}: delete ${deleted.body.errors ? 'refused' : 'done'}, write ${created.body.errors ? 'refused' : 'done'}`;
      expect(await dangling(), outcome).toBe(0);
    }
  });
});

describe('many-to-many links', () => {
  it('are set, replaced, emptied and seen from both sides', async () => {
    const ws = await newWorkspace();
    const [ann, ben, cat] = [
      await createPerson(ws.admin, 'Ann'),
      await createPerson(ws.admin, 'Ben'),
      await createPerson(ws.admin, 'Cat'),
    ];
    const viewed = async (id: string) =>
      (
        await ws.admin.client.data(`query ($id: ID!) { person(id: $id) { homesViewed { id } } }`, { id })
      ).person.homesViewed.map((h: { id: string }) => h.id);
    const viewerIds = (home: { viewers: { id: string }[] }) => home.viewers.map((v) => v.id).sort();

    const home = await createHome(ws.admin, { name: 'Linked', viewers: [ann, ben, ann] });
    expect(viewerIds(home)).toEqual([ann, ben].sort());
    expect(await viewed(ann)).toEqual([home.id]);

    const { updateHome: replaced } = await ws.admin.client.data(updateHome, {
      id: home.id,
      input: { viewers: [cat, ben] },
    });
    expect(viewerIds(replaced)).toEqual([ben, cat].sort());
    expect(replaced.version).toBe(2);
    expect([await viewed(ann), await viewed(cat)]).toEqual([[], [home.id]]);
    const [, change] = await changeLog(server.databaseUrl, ws.admin.workspaceId, home.id);
    expect(change!.changes).toEqual({ viewers: [[ann, ben].sort(), [ben, cat].sort()] });

    // The same set in another order changes nothing.
    const same = await ws.admin.client.data(updateHome, { id: home.id, input: { viewers: [ben, cat] } });
    expect(same.updateHome.version).toBe(2);

    // A deleted person leaves the list and comes back with restore.
    await ws.admin.client.data(`mutation ($id: ID!) { deletePerson(id: $id) { id } }`, { id: cat });
    expect(viewerIds(await readHome(ws.admin, home.id))).toEqual([ben]);
    await ws.admin.client.data(`mutation ($id: ID!) { restorePerson(id: $id) { id } }`, { id: cat });
    expect(viewerIds(await readHome(ws.admin, home.id))).toEqual([ben, cat].sort());

    const { updateHome: emptied } = await ws.admin.client.data(updateHome, {
      id: home.id,
      input: { viewers: [] },
    });
    expect(emptied.viewers).toEqual([]);
    expect(await viewed(ben)).toEqual([]);
  });
});
