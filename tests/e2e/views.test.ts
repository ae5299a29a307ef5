import type { Client } from 'graphql-ws';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { rowCount } from '../support/database.js';
import { addFields, errorOf, expectBadInput, expectCode } from '../support/records.js';
import { useServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Saved views on the standard deal object: each view type through GraphQL, shared and private
// visibility, who may change what, input refused with its path, archived fields, and live changes.

const viewFields = /* GraphQL */ `
  fragment ViewParts on View {
    id
    object
    name
    type
    shared
    owner {
      id
    }
    filter
    sort
    fields {
      key
      width
    }
    groupByField
    calendarField
    pageSize
    position
    editable
    problems
    createdAt
    updatedAt
  }
`;
const createView = `mutation ($input: CreateViewInput!) { createView(input: $input) { ...ViewParts } } ${viewFields}`;
const updateView = `mutation ($id: ID!, $input: UpdateViewInput!) { updateView(id: $id, input: $input) { ...ViewParts } } ${viewFields}`;
const deleteView = `mutation ($id: ID!) { deleteView(id: $id) }`;
const duplicateView = `mutation ($id: ID!, $name: String!) { duplicateView(id: $id, name: $name) { ...ViewParts } } ${viewFields}`;
const viewQuery = `query ($id: ID!) { view(id: $id) { ...ViewParts } } ${viewFields}`;
const viewsQuery = `query ($object: String!) { views(object: $object) { ...ViewParts } } ${viewFields}`;
const viewChanged = `subscription ($id: ID) { viewChanged(id: $id) { kind viewId view { ...ViewParts } } } ${viewFields}`;

interface View {
  id: string;
  object: string;
  name: string;
  type: string;
  shared: boolean;
  owner: { id: string };
  filter: Record<string, unknown> | null;
  sort: { field: string; direction: string; nulls?: string }[] | null;
  fields: { key: string; width: number | null }[];
  groupByField: string | null;
  calendarField: string | null;
  pageSize: number;
  position: number;
  editable: boolean;
  problems: string[];
  createdAt: string;
  updatedAt: string;
}

interface ViewEvent {
  viewChanged: { kind: string; viewId: string; view: View | null };
}

const server = useServer();
let owner: SignedUpUser;
let admin: SignedUpUser;
let alice: SignedUpUser;
let bob: SignedUpUser;
let viewer: SignedUpUser;
const sockets: Client[] = [];

beforeAll(async () => {
  owner = await newUser(server);
  admin = await newMember(server, owner, 'ADMIN');
  alice = await newMember(server, owner, 'MEMBER');
  bob = await newMember(server, owner, 'MEMBER');
  viewer = await newMember(server, owner, 'VIEWER');
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.dispose()));
});

async function create(user: SignedUpUser, input: Record<string, unknown>): Promise<View> {
  const data = await user.client.data<{ createView: View }>(createView, {
    input: { object: 'deal', ...input },
  });
  return data.createView;
}

async function update(user: SignedUpUser, id: string, input: Record<string, unknown>): Promise<View> {
  return (await user.client.data<{ updateView: View }>(updateView, { id, input })).updateView;
}

async function read(user: SignedUpUser, id: string): Promise<View> {
  return (await user.client.data<{ view: View }>(viewQuery, { id })).view;
}

async function list(user: SignedUpUser, object = 'deal'): Promise<View[]> {
  return (await user.client.data<{ views: View[] }>(viewsQuery, { object })).views;
}

const viewRows = (where = 'true', params: unknown[] = []) =>
  rowCount(server.databaseUrl, '"view"', where, params);

function socketFor(user: SignedUpUser): Client {
  const { client } = newSocketClient(server, { cookie: user.client.cookie, workspaceId: user.workspaceId });
  sockets.push(client);
  return client;
}

/**
 * Resolves once a subscription is live: graphql-ws does not acknowledge a subscribe,
 * so `poke` renames a view the subscriber can see until the new name arrives on it.
 */
async function live(results: { data?: ViewEvent | null }[], poke: (name: string) => Promise<unknown>) {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const name = `probe ${attempt}`;
    await poke(name);
    const seen = await eventually(
      () => results.some((r) => r.data?.viewChanged.view?.name === name),
      500,
    ).then(
      () => true,
      () => false,
    );
    if (seen) return;
  }
  throw new Error('the subscription never went live');
}

describe('each view type', () => {
  it('creates, reads, changes in part and deletes a table view', async () => {
    const created = await create(alice, {
      name: '  Big deals  ',
      type: 'TABLE',
      filter: { amount: { gte: 10000 }, stage: { in: ['proposal', 'negotiation'] } },
      sort: [{ field: 'closeDate', direction: 'ASC', nulls: 'LAST' }],
      fields: [{ key: 'name', width: 240 }, { key: 'amount' }, { key: 'closeDate' }],
      pageSize: 25,
    });
    expect(created).toMatchObject({
      object: 'deal',
      name: 'Big deals',
      type: 'TABLE',
      shared: false,
      owner: { id: alice.userId },
      filter: { amount: { gte: 10000 }, stage: { in: ['proposal', 'negotiation'] } },
      sort: [{ field: 'closeDate', direction: 'ASC', nulls: 'LAST' }],
      fields: [
        { key: 'name', width: 240 },
        { key: 'amount', width: null },
        { key: 'closeDate', width: null },
      ],
      groupByField: null,
      calendarField: null,
      pageSize: 25,
      editable: true,
      problems: [],
    });
    expect(await read(alice, created.id)).toEqual(created);
    expect((await list(alice)).map((v) => v.id)).toContain(created.id);

    const renamed = await update(alice, created.id, { name: 'Biggest deals', pageSize: 100 });
    expect(renamed).toMatchObject({ name: 'Biggest deals', pageSize: 100, filter: created.filter });
    expect(renamed.sort).toEqual(created.sort);
    expect(renamed.fields).toEqual(created.fields);
    const cleared = await update(alice, created.id, { filter: null, sort: null });
    expect(cleared).toMatchObject({ name: 'Biggest deals', filter: null, sort: null, pageSize: 100 });

    expect(await alice.client.data(deleteView, { id: created.id })).toEqual({ deleteView: true });
    expectCode(await alice.client.request(viewQuery, { id: created.id }), 'NOT_FOUND');
    expect((await list(alice)).map((v) => v.id)).not.toContain(created.id);
    expect(await viewRows('id = $1', [created.id])).toBe(0);
  });

  it('saves a board grouped by the stage field or by a SELECT field', async () => {
    const board = await create(alice, { name: 'Pipeline', type: 'BOARD', groupByField: 'stage' });
    expect(board).toMatchObject({ type: 'BOARD', groupByField: 'stage', pageSize: 50, problems: [] });
    // Without fields, a view shows the object's own fields in order.
    expect(board.fields.map((f) => f.key)).toEqual([
      'name',
      'stage',
      'amount',
      'probability',
      'closeDate',
      'company',
      'contact',
    ]);

    await addFields(owner.client, 'deal', [
      {
        key: 'temperature',
        type: 'SELECT',
        settings: {
          choices: [
            { key: 'cold', label: 'Cold' },
            { key: 'hot', label: 'Hot' },
          ],
        },
      },
    ]);
    const byTemperature = await update(alice, board.id, { groupByField: 'temperature' });
    expect(byTemperature).toMatchObject({ groupByField: 'temperature', problems: [] });
    expect(await read(alice, board.id)).toMatchObject({ groupByField: 'temperature' });
    await alice.client.data(deleteView, { id: board.id });
  });

  it('saves a calendar on a DATE field and turns a table into a calendar on a DATETIME field', async () => {
    const calendar = await create(alice, { name: 'Closing', type: 'CALENDAR', calendarField: 'closeDate' });
    expect(calendar).toMatchObject({ type: 'CALENDAR', calendarField: 'closeDate', problems: [] });

    const table = await create(alice, { name: 'New deals', type: 'TABLE' });
    const turned = await update(alice, table.id, { type: 'CALENDAR', calendarField: 'createdAt' });
    expect(turned).toMatchObject({ type: 'CALENDAR', calendarField: 'createdAt', name: 'New deals' });
    expectBadInput(await alice.client.request(updateView, { id: table.id, input: { calendarField: null } }), [
      'input',
      'calendarField',
    ]);
    expect((await read(alice, table.id)).calendarField).toBe('createdAt');
  });

  it('duplicates a shared view as a private copy of the caller, placed last', async () => {
    const source = await create(alice, {
      name: 'Team pipeline',
      type: 'BOARD',
      groupByField: 'stage',
      shared: true,
      filter: { probability: { gte: 50 } },
    });
    const copy = (
      await bob.client.data<{ duplicateView: View }>(duplicateView, { id: source.id, name: 'Mine' })
    ).duplicateView;
    expect(copy).toMatchObject({
      name: 'Mine',
      shared: false,
      owner: { id: bob.userId },
      type: 'BOARD',
      groupByField: 'stage',
      filter: { probability: { gte: 50 } },
      editable: true,
    });
    expect(copy.id).not.toBe(source.id);
    expect(copy.position).toBeGreaterThan(source.position);
    expect((await list(alice)).map((v) => v.id)).not.toContain(copy.id);
  });

  it('takes filter and sort written inline in the query, as in the README', async () => {
    const { createView: view } = await alice.client.data<{ createView: View }>(`mutation {
      createView(input: {
        object: "deal", name: "Big deals this quarter", type: BOARD, groupByField: "stage"
        filter: { amount: { gte: 10000 }, closeDate: { lte: "2026-12-31" } }
        sort: [{ field: "closeDate", direction: "ASC" }]
        fields: [{ key: "name", width: 240 }, { key: "amount" }, { key: "closeDate" }]
        pageSize: 25
      }) { ...ViewParts }
    } ${viewFields}`);
    expect(view).toMatchObject({
      filter: { amount: { gte: 10000 }, closeDate: { lte: '2026-12-31' } },
      sort: [{ field: 'closeDate', direction: 'ASC' }],
      problems: [],
    });
  });

  it('lists an object’s views in position order', async () => {
    const user = await newUser(server);
    const second = await create(user, { name: 'Second', type: 'TABLE' });
    const first = await create(user, { name: 'First', type: 'TABLE', position: -1 });
    const third = await create(user, { name: 'Third', type: 'TABLE' });
    expect((await list(user)).map((v) => v.id)).toEqual([first.id, second.id, third.id]);
    expect(await list(user, 'company')).toEqual([]);
  });
});

describe('visibility', () => {
  it('shows shared views to everyone and private views to their owner only', async () => {
    const mine = await create(alice, { name: 'Alice only', type: 'TABLE' });
    const team = await create(alice, { name: 'Team table', type: 'TABLE', shared: true });

    const aliceSees = (await list(alice)).map((v) => v.id);
    expect(aliceSees).toEqual(expect.arrayContaining([mine.id, team.id]));
    for (const other of [bob, viewer, admin, owner]) {
      const ids = (await list(other)).map((v) => v.id);
      expect(ids).toContain(team.id);
      expect(ids).not.toContain(mine.id);
      expectCode(await other.client.request(viewQuery, { id: mine.id }), 'NOT_FOUND');
    }
    expect(await read(bob, team.id)).toMatchObject({ name: 'Team table', editable: false });
    expect(await read(viewer, team.id)).toMatchObject({ editable: false });
    expect(await read(admin, team.id)).toMatchObject({ editable: true });
    expect(await read(alice, team.id)).toMatchObject({ editable: true });
  });

  it('lists the views of every object when none is named, with the same visibility', async () => {
    const dealView = await create(alice, { name: 'All deals', type: 'TABLE', shared: true });
    const taskView = await create(alice, {
      object: 'task',
      name: 'Due soon',
      type: 'CALENDAR',
      calendarField: 'dueAt',
      shared: true,
    });
    const privateOne = await create(alice, { object: 'task', name: 'Mine', type: 'TABLE' });
    const all = `{ views { id object type } }`;
    const bobSees = (await bob.client.data<{ views: View[] }>(all)).views;
    expect(bobSees).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: dealView.id, object: 'deal' }),
        expect.objectContaining({ id: taskView.id, object: 'task', type: 'CALENDAR' }),
      ]),
    );
    expect(bobSees.map((v) => v.id)).not.toContain(privateOne.id);
    const aliceSees = (await alice.client.data<{ views: View[] }>(all)).views.map((v) => v.id);
    expect(aliceSees).toContain(privateOne.id);
  });
});

describe('rights', () => {
  it('lets a viewer keep private views but not share one', async () => {
    const before = await viewRows();
    expectCode(
      await viewer.client.request(createView, {
        input: { object: 'deal', name: 'Shared by a viewer', type: 'TABLE', shared: true },
      }),
      'FORBIDDEN',
    );
    expect(await viewRows()).toBe(before);

    const own = await create(viewer, { name: 'My list', type: 'TABLE' });
    expect(own).toMatchObject({ shared: false, editable: true });
    expect(await update(viewer, own.id, { name: 'My list 2' })).toMatchObject({ name: 'My list 2' });
    expectCode(await viewer.client.request(updateView, { id: own.id, input: { shared: true } }), 'FORBIDDEN');
    expect((await read(viewer, own.id)).shared).toBe(false);
    expect(await viewer.client.data(deleteView, { id: own.id })).toEqual({ deleteView: true });
  });

  it('keeps a shared view to its creator and admins', async () => {
    const team = await create(alice, { name: 'Forecast', type: 'TABLE', shared: true });
    expectCode(
      await bob.client.request(updateView, { id: team.id, input: { name: 'Bob was here' } }),
      'FORBIDDEN',
    );
    expectCode(await bob.client.request(deleteView, { id: team.id }), 'FORBIDDEN');
    expectCode(
      await viewer.client.request(updateView, { id: team.id, input: { name: 'Viewer' } }),
      'FORBIDDEN',
    );
    expect((await read(alice, team.id)).name).toBe('Forecast');

    expect(await update(admin, team.id, { name: 'Forecast (admin)' })).toMatchObject({
      name: 'Forecast (admin)',
      owner: { id: alice.userId },
      editable: true,
    });
    expect(await update(alice, team.id, { pageSize: 10 })).toMatchObject({ pageSize: 10 });
    expect(await admin.client.data(deleteView, { id: team.id })).toEqual({ deleteView: true });
    expect(await viewRows('id = $1', [team.id])).toBe(0);
  });

  it('answers another member’s private view as not found, to admins too', async () => {
    const mine = await create(alice, { name: 'Private notes', type: 'TABLE' });
    for (const other of [bob, admin]) {
      expectCode(await other.client.request(updateView, { id: mine.id, input: { name: 'x' } }), 'NOT_FOUND');
      expectCode(await other.client.request(deleteView, { id: mine.id }), 'NOT_FOUND');
      expectCode(await other.client.request(duplicateView, { id: mine.id, name: 'copy' }), 'NOT_FOUND');
    }
    expect((await read(alice, mine.id)).name).toBe('Private notes');
  });
});

describe('bad input', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      'an unknown field',
      { name: 'x', type: 'TABLE', fields: [{ key: 'name' }, { key: 'horsepower' }] },
      ['input', 'fields', '1', 'key'],
    ],
    [
      'a field listed twice',
      { name: 'x', type: 'TABLE', fields: [{ key: 'name' }, { key: 'name' }] },
      ['input', 'fields', '1', 'key'],
    ],
    [
      'a width out of range',
      { name: 'x', type: 'TABLE', fields: [{ key: 'name', width: 5 }] },
      ['input', 'fields', '0', 'width'],
    ],
    [
      'a bad filter operator',
      { name: 'x', type: 'TABLE', filter: { amount: { gtee: 5 } } },
      ['input', 'filter', 'amount', 'gtee'],
    ],
    [
      'a filter on an unknown field',
      { name: 'x', type: 'TABLE', filter: { or: [{ horsepower: { eq: 1 } }] } },
      ['input', 'filter', 'or', '0', 'horsepower'],
    ],
    [
      'a filter value of the wrong type',
      { name: 'x', type: 'TABLE', filter: { closeDate: { gte: 'soon' } } },
      ['input', 'filter', 'closeDate', 'gte'],
    ],
    [
      'a sort on an unknown field',
      { name: 'x', type: 'TABLE', sort: [{ field: 'horsepower', direction: 'ASC' }] },
      ['input', 'sort', '0', 'field'],
    ],
    [
      'a sort direction',
      { name: 'x', type: 'TABLE', sort: [{ field: 'amount', direction: 'UP' }] },
      ['input', 'sort', '0', 'direction'],
    ],
    ['a sort that is not a list', { name: 'x', type: 'TABLE', sort: { field: 'amount' } }, ['input', 'sort']],
    ['a board without groupByField', { name: 'x', type: 'BOARD' }, ['input', 'groupByField']],
    [
      'a board grouped by a currency',
      { name: 'x', type: 'BOARD', groupByField: 'amount' },
      ['input', 'groupByField'],
    ],
    ['a calendar without calendarField', { name: 'x', type: 'CALENDAR' }, ['input', 'calendarField']],
    [
      'a calendar on a text field',
      { name: 'x', type: 'CALENDAR', calendarField: 'name' },
      ['input', 'calendarField'],
    ],
    ['page size 0', { name: 'x', type: 'TABLE', pageSize: 0 }, ['input', 'pageSize']],
    ['page size 501', { name: 'x', type: 'TABLE', pageSize: 501 }, ['input', 'pageSize']],
    ['an empty name', { name: '   ', type: 'TABLE' }, ['input', 'name']],
    ['a name too long', { name: 'n'.repeat(101), type: 'TABLE' }, ['input', 'name']],
    ['an unknown object', { object: 'spaceship', name: 'x', type: 'TABLE' }, ['input', 'object']],
  ];

  it.each(cases)(
    'refuses %s with BAD_USER_INPUT at its path and writes nothing',
    async (_what, input, path) => {
      const before = await viewRows();
      expectBadInput(await alice.client.request(createView, { input: { object: 'deal', ...input } }), path);
      expect(await viewRows()).toBe(before);
    },
  );

  it('refuses a bad change and leaves the view as it was', async () => {
    const view = await create(alice, { name: 'Steady', type: 'TABLE', filter: { amount: { gt: 1 } } });
    const changes: [Record<string, unknown>, string[]][] = [
      [{ filter: { amount: { gtee: 5 } }, name: 'Changed' }, ['input', 'filter', 'amount', 'gtee']],
      [{ type: 'BOARD' }, ['input', 'groupByField']],
      [{ type: 'CALENDAR', calendarField: 'amount' }, ['input', 'calendarField']],
      [{ pageSize: 0 }, ['input', 'pageSize']],
      [{ name: null }, ['input', 'name']],
      [{ fields: [{ key: 'horsepower' }] }, ['input', 'fields', '0', 'key']],
    ];
    for (const [input, path] of changes) {
      expectBadInput(await alice.client.request(updateView, { id: view.id, input }), path);
    }
    expect(await read(alice, view.id)).toEqual(view);
  });

  it('refuses a malformed id', async () => {
    expectBadInput(await alice.client.request(viewQuery, { id: 'not-an-id' }), ['id']);
  });
});

describe('archived fields', () => {
  it('keeps a view working: stale fields are left out and problems are named', async () => {
    const { budget } = await addFields(owner.client, 'deal', [{ key: 'budget', type: 'NUMBER' }]);
    const view = await create(alice, {
      name: 'Budgeted',
      type: 'TABLE',
      shared: true,
      fields: [{ key: 'name' }, { key: 'budget', width: 120 }],
      filter: { budget: { gt: 5 } },
      sort: [{ field: 'budget', direction: 'DESC' }],
    });
    await owner.client.data(`mutation ($id: ID!) { archiveField(id: $id) { id } }`, { id: budget });

    const stale = await read(bob, view.id);
    expect(stale.fields).toEqual([{ key: 'name', width: null }]);
    expect(stale.filter).toEqual({ budget: { gt: 5 } });
    expect(stale.problems).toHaveLength(2);
    expect(stale.problems[0]).toMatch(/^filter\.budget: .*budget/);
    expect(stale.problems[1]).toMatch(/^sort\.0\.field: .*budget/);
    expect((await list(bob)).find((v) => v.id === view.id)?.problems).toHaveLength(2);
    // A stale view can still be renamed; a new filter on the archived field is refused.
    expect(await update(alice, view.id, { name: 'Budgeted (old)' })).toMatchObject({
      name: 'Budgeted (old)',
    });
    expectBadInput(
      await alice.client.request(updateView, { id: view.id, input: { filter: { budget: { gt: 1 } } } }),
      ['input', 'filter', 'budget'],
    );

    await owner.client.data(`mutation ($id: ID!) { restoreField(id: $id) { id } }`, { id: budget });
    expect(await read(bob, view.id)).toMatchObject({
      fields: [
        { key: 'name', width: null },
        { key: 'budget', width: 120 },
      ],
      problems: [],
    });
  });

  it('reports a board whose group-by field was archived', async () => {
    const { tier } = await addFields(owner.client, 'deal', [
      { key: 'tier', type: 'SELECT', settings: { choices: [{ key: 'a', label: 'A' }] } },
    ]);
    const board = await create(alice, { name: 'By tier', type: 'BOARD', groupByField: 'tier' });
    await owner.client.data(`mutation ($id: ID!) { archiveField(id: $id) { id } }`, { id: tier });
    const stale = await read(alice, board.id);
    expect(stale.groupByField).toBe('tier');
    expect(stale.problems).toEqual([expect.stringMatching(/^groupByField: .*tier/)]);
  });
});

describe('live changes', () => {
  it('brings a change of a shared view to a second subscriber, then its deletion', async () => {
    const team = await create(alice, {
      name: 'Live board',
      type: 'BOARD',
      groupByField: 'stage',
      shared: true,
    });
    const one = collect<ViewEvent>(socketFor(bob), viewChanged, { id: team.id });
    await live(one.results, (name) => update(alice, team.id, { name }));

    await update(alice, team.id, { filter: { amount: { gte: 500 } }, name: 'Live board v2' });
    await eventually(() => one.results.some((r) => r.data?.viewChanged.view?.name === 'Live board v2'));
    const changed = one.results.find((r) => r.data?.viewChanged.view?.name === 'Live board v2')!.data!
      .viewChanged;
    expect(changed).toMatchObject({
      kind: 'UPDATED',
      viewId: team.id,
      view: { filter: { amount: { gte: 500 } }, owner: { id: alice.userId }, editable: false },
    });

    await alice.client.data(deleteView, { id: team.id });
    await eventually(() => one.results.some((r) => r.data?.viewChanged.kind === 'DELETED'));
    expect(one.results.at(-1)!.data!.viewChanged).toEqual({ kind: 'DELETED', viewId: team.id, view: null });
    expect(one.results.every((r) => !r.errors)).toBe(true);
  });

  it('never delivers another member’s private view, and tells when a shared view turns private', async () => {
    const marker = await create(alice, { name: 'Marker', type: 'TABLE', shared: true });
    const bobs = collect<ViewEvent>(socketFor(bob), viewChanged, {});
    const alices = collect<ViewEvent>(socketFor(alice), viewChanged, {});
    await live(bobs.results, (name) => update(alice, marker.id, { name }));
    await live(alices.results, (name) => update(alice, marker.id, { name }));

    // Each step once Alice has heard of the one before: an event is read when it is delivered,
    // and an update delivered after the delete would rightly say DELETED (views/live.ts).
    const secretEvents = () => alices.results.filter((r) => r.data?.viewChanged.viewId === secret.id);
    const secret = await create(alice, { name: 'Secret', type: 'TABLE' });
    await eventually(() => secretEvents().length === 1);
    await update(alice, secret.id, { name: 'Secret v2' });
    await eventually(() => secretEvents().length === 2);
    await alice.client.data(deleteView, { id: secret.id });
    await eventually(() => secretEvents().length === 3);
    await update(alice, marker.id, { name: 'After the secret' });
    // Events of one publisher arrive in order: once the marker's is in, the secret's would be too.
    await eventually(() => bobs.results.some((r) => r.data?.viewChanged.view?.name === 'After the secret'));
    expect(bobs.results.filter((r) => r.data?.viewChanged.viewId === secret.id)).toEqual([]);
    // Both are members, so one execution could have served both: it must not, `editable` differs.
    await eventually(() => alices.results.some((r) => r.data?.viewChanged.view?.name === 'After the secret'));
    const seenAs = (results: typeof bobs.results) =>
      results.find((r) => r.data?.viewChanged.view?.name === 'After the secret')!.data!.viewChanged.view!
        .editable;
    expect([seenAs(alices.results), seenAs(bobs.results)]).toEqual([true, false]);
    expect(secretEvents().map((r) => r.data!.viewChanged.kind)).toEqual(['CREATED', 'UPDATED', 'DELETED']);

    await update(alice, marker.id, { shared: false });
    await eventually(() => bobs.results.some((r) => r.data?.viewChanged.kind === 'DELETED'));
    expect(bobs.results.at(-1)!.data!.viewChanged).toEqual({
      kind: 'DELETED',
      viewId: marker.id,
      view: null,
    });
    await eventually(() => alices.results.some((r) => r.data?.viewChanged.view?.shared === false));
  });

  it('refuses to subscribe to another member’s private view', async () => {
    const secret = await create(alice, { name: 'Not for Bob', type: 'TABLE' });
    const sub = collect<ViewEvent>(socketFor(bob), viewChanged, { id: secret.id });
    await eventually(() => sub.results.length > 0 || sub.error() !== undefined);
    const errors = (sub.results[0]?.errors ?? (sub.error() as { extensions?: { code?: string } }[])) as {
      extensions?: { code?: string };
    }[];
    expect(errors[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('another workspace', () => {
  it('can neither read, change nor subscribe to a view by id, and hears none of its changes', async () => {
    const team = await create(alice, { name: 'Ours', type: 'TABLE', shared: true });
    const outsider = await newUser(server);
    expectCode(await outsider.client.request(viewQuery, { id: team.id }), 'NOT_FOUND');
    expectCode(
      await outsider.client.request(updateView, { id: team.id, input: { name: 'Theirs' } }),
      'NOT_FOUND',
    );
    expectCode(await outsider.client.request(deleteView, { id: team.id }), 'NOT_FOUND');
    expectCode(await outsider.client.request(duplicateView, { id: team.id, name: 'Stolen' }), 'NOT_FOUND');
    // Selecting our workspace without being a member of it is refused outright.
    expect(
      errorOf(await outsider.client.inWorkspace(owner.workspaceId).request(viewQuery, { id: team.id })).code,
    ).toBe('FORBIDDEN');

    const byId = collect<ViewEvent>(socketFor(outsider), viewChanged, { id: team.id });
    await eventually(() => byId.results.length > 0 || byId.error() !== undefined);
    const errors = (byId.results[0]?.errors ?? (byId.error() as { extensions?: { code?: string } }[])) as {
      extensions?: { code?: string };
    }[];
    expect(errors[0]?.extensions?.code).toBe('NOT_FOUND');

    const theirs = await create(outsider, { name: 'Their own', type: 'TABLE', shared: true });
    const all = collect<ViewEvent>(socketFor(outsider), viewChanged, {});
    await live(all.results, (name) => update(outsider, theirs.id, { name }));
    await update(alice, team.id, { name: 'Ours, renamed' });
    await update(outsider, theirs.id, { name: 'Their marker' });
    await eventually(() => all.results.some((r) => r.data?.viewChanged.view?.name === 'Their marker'));
    expect(all.results.filter((r) => r.data?.viewChanged.viewId !== theirs.id)).toEqual([]);
    expect((await read(alice, team.id)).name).toBe('Ours, renamed');
  });
});
