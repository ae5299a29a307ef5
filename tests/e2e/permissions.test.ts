import { beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { connect, disconnectAll, refused, synced } from '../support/collab.js';
import { addFields, errorOf, expectBadInput, expectCode } from '../support/records.js';
import { query } from '../support/database.js';
import { useServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Permission profiles, teams and shares in the real-estate template: an agent reaches their own
// buyers, their team's (sub-teams included) and those shared with their team, nothing else, and
// never sees the hidden commission.

const saveProfile = /* GraphQL */ `
  mutation ($id: ID, $input: PermissionProfileInput!) {
    savePermissionProfile(id: $id, input: $input) {
      id
      name
      fields {
        objectKey
        fieldKey
        access
      }
    }
  }
`;
const saveTeam = /* GraphQL */ `
  mutation ($id: ID, $input: TeamInput!) {
    saveTeam(id: $id, input: $input) {
      id
      name
      parentId
      memberIds
    }
  }
`;
const assign = /* GraphQL */ `
  mutation ($userId: ID!, $profileId: ID) {
    assignMemberProfile(userId: $userId, profileId: $profileId)
  }
`;
const listDeals = /* GraphQL */ `
  query ($filter: DealFilter, $search: String) {
    deals(filter: $filter, search: $search, first: 100) {
      totalCount
      nodes {
        id
        name
        # Read with the page (records/query/embeds.ts), through the scoped page's union.
        company {
          id
        }
      }
    }
  }
`;
const dealFields = `{ __type(name: "Deal") { fields { name } } }`;

const agentInput = (commission: 'HIDDEN' | 'EDITABLE', dealRead = 'TEAM') => ({
  name: 'Agent',
  objects: [{ objectKey: 'deal', read: dealRead, create: true, update: 'TEAM', delete: 'OWN' }],
  fields: [
    { objectKey: 'deal', fieldKey: 'commission', access: commission },
    { objectKey: 'deal', fieldKey: 'probability', access: 'READ_ONLY' },
    { objectKey: 'deal', fieldKey: 'secretNote', access: 'HIDDEN' },
  ],
});

describe('permission profiles, teams and shares', () => {
  const server = useServer();
  let admin: SignedUpUser;
  let agentA: SignedUpUser;
  let agentB: SignedUpUser;
  let junior: SignedUpUser;
  let profileId: string;
  let northId: string;
  const deals: Record<string, string> = {};

  async function createDeal(name: string, owner: SignedUpUser, commission: number): Promise<string> {
    const { createDeal } = await admin.client.data<{ createDeal: { id: string } }>(
      `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`,
      { input: { name, owner: owner.userId, stage: 'viewingBooked', commission } },
    );
    return createDeal.id;
  }

  async function names(user: SignedUpUser, variables: Record<string, unknown> = {}) {
    const { deals: page } = await user.client.data<{
      deals: { totalCount: number; nodes: { name: string }[] };
    }>(listDeals, variables);
    return { names: page.nodes.map((n) => n.name).sort(), totalCount: page.totalCount };
  }

  beforeAll(async () => {
    admin = await newUser(server);
    await admin.client.data(
      `mutation { installTemplate(key: "real-estate", withSampleData: false) { __typename } }`,
    );
    await addFields(admin.client, 'deal', [
      { key: 'commission', type: 'NUMBER' },
      { key: 'oldNote', type: 'TEXT' },
      { key: 'brief', type: 'LONG_TEXT' },
      { key: 'secretNote', type: 'TEXT' },
    ]);
    [agentA, agentB, junior] = await Promise.all([
      newMember(server, admin, 'MEMBER'),
      newMember(server, admin, 'MEMBER'),
      newMember(server, admin, 'MEMBER'),
    ]);
    profileId = (await admin.client.data(saveProfile, { input: agentInput('HIDDEN') })).savePermissionProfile
      .id;
    for (const agent of [agentA, agentB, junior])
      await admin.client.data(assign, { userId: agent.userId, profileId });
    northId = (await admin.client.data(saveTeam, { input: { name: 'North', memberIds: [agentA.userId] } }))
      .saveTeam.id;
    await admin.client.data(saveTeam, {
      input: { name: 'North juniors', parentId: northId, memberIds: [junior.userId] },
    });
    deals.a = await createDeal('Alder buyer', agentA, 100);
    deals.junior = await createDeal('Juniper buyer', junior, 200);
    deals.b = await createDeal('Birch buyer', agentB, 300);
    deals.shared = await createDeal('Cedar buyer', agentB, 400);
    await admin.client.data(
      `mutation ($input: ShareRecordInput!) { shareRecord(input: $input) { id level } }`,
      { input: { objectKey: 'deal', recordId: deals.shared, teamId: northId, level: 'read' } },
    );
  }, 120_000);

  it('lists, searches, filters and counts only the agent’s own, team’s and shared buyers', async () => {
    expect(await names(agentA)).toEqual({
      names: ['Alder buyer', 'Cedar buyer', 'Juniper buyer'],
      totalCount: 3,
    });
    expect(await names(agentA, { search: 'birch' })).toEqual({ names: [], totalCount: 0 });
    expect(await names(agentA, { search: 'buyer' })).toMatchObject({ totalCount: 3 });
    expect(await names(agentA, { filter: { owner: { eq: agentB.userId } } })).toEqual({
      names: ['Cedar buyer'],
      totalCount: 1,
    });
    // A relation filter matches only related records the agent may read, so B's buyer cannot be
    // probed through a task the agent sees; the task's deal reads as null for them.
    const { createTask } = await admin.client.data(
      `mutation ($input: TaskCreateInput!) { createTask(input: $input) { id } }`,
      { input: { name: 'Probe', deal: deals.b } },
    );
    const probe = `query ($deal: String!) {
      tasks(filter: { and: [{ name: { eq: "Probe" } }, { deal: { is: { name: { eq: $deal } } } }] }) { totalCount }
    }`;
    expect((await admin.client.data(probe, { deal: 'Birch buyer' })).tasks.totalCount).toBe(1);
    expect((await agentA.client.data(probe, { deal: 'Birch buyer' })).tasks.totalCount).toBe(0);
    const task = await agentA.client.data(`query ($id: ID!) { task(id: $id) { name deal { id } } }`, {
      id: createTask.id,
    });
    expect(task.task).toEqual({ name: 'Probe', deal: null });
    // A page reads its deals in its own statement (records/query/embeds.ts), in the same scope.
    await admin.client.data(`mutation ($input: TaskCreateInput!) { createTask(input: $input) { id } }`, {
      input: { name: 'Own probe', deal: deals.a },
    });
    const page = await agentA.client.data(`query {
      tasks(filter: { or: [{ name: { eq: "Probe" } }, { name: { eq: "Own probe" } }] }, sort: [{ field: name }]) {
        nodes { name deal { id name } }
      }
    }`);
    expect(page.tasks.nodes).toEqual([
      { name: 'Own probe', deal: { id: deals.a, name: 'Alder buyer' } },
      { name: 'Probe', deal: null },
    ]);
    // The junior's team is below North: they see their own buyer, not their manager's.
    expect(await names(junior)).toEqual({ names: ['Juniper buyer'], totalCount: 1 });
    expect(await names(agentB)).toEqual({ names: ['Birch buyer', 'Cedar buyer'], totalCount: 2 });
    expect((await names(admin)).totalCount).toBe(4);
  });

  it('counts and sums boards and reports over the agent’s buyers only, never by the hidden commission', async () => {
    const board = `query ($sumField: String, $filter: JSON) {
      board(object: "deal", pipeline: "buyers", sumField: $sumField, filter: $filter) { columns { stage { key } count records } }
    }`;
    const column = async (user: SignedUpUser) =>
      (await user.client.data(board, {})).board.columns.find(
        (c: { stage: { key: string } }) => c.stage.key === 'viewingBooked',
      );
    expect((await column(agentA)).count).toBe(3);
    expect((await column(admin)).count).toBe(4);
    expect(JSON.stringify((await column(agentA)).records)).not.toContain('commission');
    expectBadInput(await agentA.client.request(board, { sumField: 'commission' }), ['sumField']);
    expectCode(await agentA.client.request(board, { filter: { commission: { gte: 0 } } }), 'BAD_USER_INPUT');
    const forecast = `{ forecast(object: "deal", pipeline: "buyers") { stage count } }`;
    const counted = async (user: SignedUpUser) =>
      ((await user.client.data(forecast)).forecast as { count: number }[]).reduce((n, r) => n + r.count, 0);
    expect(await counted(agentA)).toBe(3);
    expect(await counted(admin)).toBe(4);
    const report = `query ($d: ReportDefinitionInput!) { runReport(definition: $d) { totals { values } } }`;
    const count = { object: 'deal', measures: [{ kind: 'COUNT' }] };
    expect((await agentA.client.data(report, { d: count })).runReport.totals[0].values).toEqual([3]);
    expect((await admin.client.data(report, { d: count })).runReport.totals[0].values).toEqual([4]);
    expectCode(
      await agentA.client.request(report, {
        d: { object: 'deal', measures: [{ kind: 'SUM', field: 'commission' }] },
      }),
      'BAD_USER_INPUT',
    );
  });

  it('answers a get of a buyer out of scope like one that does not exist', async () => {
    const get = `query ($id: ID!) { deal(id: $id) { id name } }`;
    expect((await agentA.client.data(get, { id: deals.b })).deal).toBeNull();
    expect((await agentA.client.data(get, { id: deals.a })).deal.name).toBe('Alder buyer');
    expect((await agentB.client.data(get, { id: deals.b })).deal.name).toBe('Birch buyer');
  });

  it('refuses writes outside the scope, to a read share, and to a read-only field', async () => {
    const update = `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id name } }`;
    expectCode(
      await agentA.client.request(update, { id: deals.b, input: { name: 'Mine now' } }),
      'NOT_FOUND',
    );
    expectCode(
      await agentA.client.request(update, { id: deals.shared, input: { name: 'Mine now' } }),
      'FORBIDDEN',
    );
    const readOnly = await agentA.client.request(update, { id: deals.a, input: { probability: 50 } });
    expectCode(readOnly, 'FORBIDDEN');
    expect(errorOf(readOnly).message).toContain('probability');
    expectCode(
      await agentA.client.request(`mutation ($id: ID!) { deleteDeal(id: $id) { id } }`, { id: deals.junior }),
      'FORBIDDEN',
    );
    expect(
      (await agentA.client.data(update, { id: deals.junior, input: { name: 'Juniper buyer' } })).updateDeal
        .id,
    ).toBe(deals.junior);
    const { names: bNames } = await names(admin);
    expect(bNames).toContain('Birch buyer');
    // The agent's write keeps what they cannot see: the hidden note stays searchable for the admin.
    await admin.client.data(update, { id: deals.a, input: { secretNote: 'zebra crossing' } });
    await agentA.client.data(update, { id: deals.a, input: { name: 'Alder buyer' } });
    expect(await names(admin, { search: 'zebra' })).toEqual({ names: ['Alder buyer'], totalCount: 1 });
  });

  it('leaves the hidden commission out of the agent’s schema, so it cannot be read, filtered or sorted on', async () => {
    const fieldsOf = async (user: SignedUpUser) =>
      ((await user.client.data(dealFields)).__type.fields as { name: string }[]).map((f) => f.name);
    expect(await fieldsOf(agentA)).not.toContain('commission');
    expect(await fieldsOf(agentA)).toContain('probability');
    expect(await fieldsOf(admin)).toContain('commission');
    // The metadata clients build their queries from leaves it out too (not even as archived).
    const metadataKeys = async (user: SignedUpUser) => {
      const { objects } = await user.client.data<{
        objects: { key: string; fields: { key: string }[]; archivedFields: { key: string }[] }[];
      }>(`{ objects { key fields { key } archivedFields { key } } }`);
      const deal = objects.find((o) => o.key === 'deal')!;
      return [...deal.fields, ...deal.archivedFields].map((f) => f.key);
    };
    expect(await metadataKeys(agentA)).not.toContain('commission');
    expect(await metadataKeys(agentA)).toContain('probability');
    expect(await metadataKeys(admin)).toContain('commission');
    // A read-only field is marked so, for the agent only, so clients offer no editor for it.
    const probabilityReadOnly = async (user: SignedUpUser) =>
      (
        await user.client.data<{ object: { fields: { key: string; readOnly: boolean }[] } }>(
          `{ object(key: "deal") { fields { key readOnly } } }`,
        )
      ).object.fields.find((f) => f.key === 'probability')!.readOnly;
    expect(await probabilityReadOnly(agentA)).toBe(true);
    expect(await probabilityReadOnly(admin)).toBe(false);
    const filtered = await agentA.client.request(listDeals, { filter: { commission: { gte: 0 } } });
    expect(filtered.body.errors?.[0]?.message).toMatch(/commission/);
    const sorted = await agentA.client.request(
      `{ deals(sort: [{ field: commission, direction: DESC }]) { totalCount } }`,
    );
    expect(sorted.body.errors?.length).toBeGreaterThan(0);
  });

  it('sends an agent change events only of buyers in scope, without the hidden commission', async () => {
    const { changeCursor } = await agentA.client.data<{ changeCursor: string }>(`{ changeCursor }`);
    const socket = newSocketClient(server, { cookie: agentA.client.cookie, workspaceId: admin.workspaceId });
    try {
      const feed = collect<{
        recordChanged: { recordId: string; changedFields: string[]; values: object; previous: object };
      }>(
        socket.client,
        `subscription ($after: String) { recordChanged(object: "deal", after: $after) { recordId changedFields values previous } }`,
        { after: changeCursor },
      );
      const update = `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id } }`;
      await admin.client.data(update, { id: deals.b, input: { name: 'Birch buyer!', commission: 301 } });
      const created = await createDeal('Elm buyer', agentA, 500);
      await admin.client.data(update, { id: deals.a, input: { commission: 101, probability: 20 } });
      const events = () => feed.results.map((r) => r.data!.recordChanged);
      await eventually(() => events().some((e) => e.recordId === deals.a));
      expect(feed.error()).toBeUndefined();
      const ids = events().map((e) => e.recordId);
      expect(ids).toContain(created);
      expect(ids).not.toContain(deals.b);
      for (const event of events()) {
        expect(event.changedFields).not.toContain('commission');
        expect(Object.keys(event.values)).not.toContain('commission');
        expect(Object.keys(event.previous)).not.toContain('commission');
      }
      expect(events().find((e) => e.recordId === deals.a)!.values).toEqual({ probability: 20 });
      const history = await agentA.client.data(
        `query ($id: ID!) { recordHistory(object: "deal", id: $id) { changedFields } }`,
        {
          id: deals.b,
        },
      );
      expect(history.recordHistory).toEqual([]);
      feed.stop();
    } finally {
      await socket.client.dispose();
    }
  });

  it('opens co-editing only for buyers in scope, read-only for a read share', async () => {
    const doc = (id: string | undefined) => `${admin.workspaceId}/deal/${id}/brief`;
    const scopeOf = (provider: HocuspocusProvider) =>
      new Promise<string>((resolve) =>
        provider.on('authenticated', ({ scope }: { scope: string }) => resolve(scope)),
      );
    try {
      const other = connect(server.url, doc(deals.b), { cookie: agentA.client.cookie });
      expect(await refused(other)).toMatch(/Unknown document/);
      const own = connect(server.url, doc(deals.a), { cookie: agentA.client.cookie });
      const ownScope = scopeOf(own);
      await synced(own);
      expect(await ownScope).toBe('read-write');
      const shared = connect(server.url, doc(deals.shared), { cookie: agentA.client.cookie });
      expect(await scopeOf(shared)).toBe('readonly');
    } finally {
      disconnectAll();
    }
  });

  it('refuses bad profiles and team loops with reasons and paths', async () => {
    const unknown = await admin.client.request(saveProfile, {
      input: {
        name: 'Bad',
        objects: [{ objectKey: 'spaceship', read: 'ALL', create: false, update: 'NONE', delete: 'NONE' }],
      },
    });
    expectBadInput(unknown, ['input', 'objects', '0', 'objectKey']);
    const fieldId = (await admin.client.data(`{ objects { key fields { id key } } }`)).objects
      .find((o: { key: string }) => o.key === 'deal')
      .fields.find((f: { key: string }) => f.key === 'oldNote').id;
    await admin.client.data(`mutation ($id: ID!) { archiveField(id: $id) { id } }`, { id: fieldId });
    const archived = await admin.client.request(saveProfile, {
      input: { name: 'Bad', fields: [{ objectKey: 'deal', fieldKey: 'oldNote', access: 'HIDDEN' }] },
    });
    expectBadInput(archived, ['input', 'fields', '0', 'fieldKey']);
    expect(errorOf(archived).message).toMatch(/archived/);
    const required = await admin.client.request(saveProfile, {
      input: {
        name: 'Bad',
        objects: [{ objectKey: 'deal', read: 'OWN', create: true, update: 'OWN', delete: 'NONE' }],
        fields: [{ objectKey: 'deal', fieldKey: 'name', access: 'HIDDEN' }],
      },
    });
    expectBadInput(required, ['input', 'fields', '0', 'access']);
    expect(errorOf(required).extensions.reasons).toHaveLength(1);
    const juniors = (await admin.client.data(`{ teams { id name } }`)).teams.find(
      (t: { name: string }) => t.name === 'North juniors',
    );
    const loop = await admin.client.request(saveTeam, {
      id: northId,
      input: { name: 'North', parentId: juniors.id },
    });
    expectBadInput(loop, ['input', 'parentId']);
    expect(errorOf(loop).message).toContain('North → North juniors → North');
    expectCode(await agentA.client.request(saveProfile, { input: agentInput('HIDDEN') }), 'FORBIDDEN');
  });

  it('applies a profile change at once, and audits it', async () => {
    await admin.client.data(saveProfile, { id: profileId, input: agentInput('EDITABLE', 'ALL') });
    const all = (await names(admin)).totalCount;
    expect((await names(agentA)).totalCount).toBe(all);
    const { deal } = await agentA.client.data(`query ($id: ID!) { deal(id: $id) { commission } }`, {
      id: deals.b,
    });
    expect(deal.commission).toBe(301);
    await admin.client.data(assign, { userId: agentA.userId, profileId: null });
    expect((await names(agentA)).totalCount).toBe(all);
    const { auditLog } = await admin.client.data(
      `{ auditLog(filter: { action: "permissions.changed" }, first: 50) { nodes { action details } } }`,
    );
    expect(auditLog.nodes.length).toBeGreaterThanOrEqual(6);
  });
});

// Issue 20: a scoped list finds a member's records by index, read per holder and merged.
describe('holder indexes and record-scoped lists', () => {
  const server = useServer();
  let admin: SignedUpUser;
  let agent: SignedUpUser;

  const indexes = async (table: string) =>
    (
      await query<{ indexname: string }>(
        server.databaseUrl,
        'select indexname from pg_indexes where tablename = $1',
        [table],
      )
    ).map((r) => r.indexname);

  async function boats(user: SignedUpUser, after?: string) {
    const { boats: page } = await user.client.data<{
      boats: {
        totalCount: number;
        nodes: { id: string }[];
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
    }>(
      `query ($after: String) { boats(first: 2, after: $after) { totalCount nodes { id } pageInfo { endCursor hasNextPage } } }`,
      {
        after,
      },
    );
    return page;
  }

  beforeAll(async () => {
    admin = await newUser(server);
    agent = await newMember(server, admin, 'MEMBER');
  });

  it('indexes owner_id of a new object and a granting field, and lists the records each holds once', async () => {
    await admin.client.data(`mutation { createObject(input: {key: "boat", labelSingular: "Boat"}) { id } }`);
    await addFields(admin.client, 'boat', [{ key: 'coAgent', type: 'USER' }]);
    const [layout] = await query<{ table_name: string; column_name: string }>(
      server.databaseUrl,
      `select o.table_name, f.column_name from object_def o join field_def f on f.object_id = o.id
       where o.key = 'boat' and f.key = 'coAgent' and o.workspace_id = $1`,
      [admin.workspaceId],
    );
    const { table_name: table, column_name: coAgent } = layout!;
    expect(await indexes(table)).toContain(`${table}_owner`);
    expect(await indexes(table)).not.toContain(`${coAgent}_holder`);

    const create = (input: Record<string, unknown>) =>
      admin.client
        .data<{ createBoat: { id: string } }>(
          `mutation ($input: BoatCreateInput!) { createBoat(input: $input) { id } }`,
          {
            input,
          },
        )
        .then((r) => r.createBoat.id);
    const owned = await create({ owner: agent.userId });
    const coAgented = await create({ owner: admin.userId, coAgent: agent.userId });
    const both = await create({ owner: agent.userId, coAgent: agent.userId });
    await create({ owner: admin.userId });
    const profile = await admin.client.data(saveProfile, {
      input: {
        name: 'Skipper',
        objects: [{ objectKey: 'boat', read: 'OWN', create: false, update: 'OWN', delete: 'NONE' }],
      },
    });
    await admin.client.data(assign, { userId: agent.userId, profileId: profile.savePermissionProfile.id });

    const before = await boats(agent);
    expect(before.totalCount).toBe(2);
    expect(before.nodes.map((n) => n.id).sort()).toEqual([owned, both].sort());

    await admin.client.data(`mutation { setGrantingFields(objectKey: "boat", fieldKeys: ["coAgent"]) }`);
    expect(await indexes(table)).toContain(`${coAgent}_holder`);
    // Newest first, two a page: a record held as owner and as co-agent comes once.
    const first = await boats(agent);
    expect(first.totalCount).toBe(3);
    expect(first.nodes.map((n) => n.id)).toEqual([both, coAgented]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await boats(agent, first.pageInfo.endCursor);
    expect(rest.nodes.map((n) => n.id)).toEqual([owned]);
    expect(rest.pageInfo.hasNextPage).toBe(false);

    await admin.client.data(`mutation { setGrantingFields(objectKey: "boat", fieldKeys: []) }`);
    expect(await indexes(table)).not.toContain(`${coAgent}_holder`);
    expect((await boats(agent)).totalCount).toBe(2);
  });
});
