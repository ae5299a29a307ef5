import { beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { expectBadInput, expectCode } from '../support/records.js';
import { useServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// timeline(object, recordId, first, after, kinds): one record's field changes, stage moves,
// linked tasks and notes, merged newest first, paged, filtered by kind, and live.

const timeline = /* GraphQL */ `
  query ($object: String!, $recordId: ID!, $first: Int, $after: String, $kinds: [String!]) {
    timeline(object: $object, recordId: $recordId, first: $first, after: $after, kinds: $kinds) {
      nodes {
        id
        kind
        at
        actorId
        object
        recordId
        data
      }
      hasNextPage
      endCursor
    }
  }
`;

interface Item {
  id: string;
  kind: string;
  at: string;
  actorId: string | null;
  object: string;
  recordId: string;
  data: {
    change?: string;
    changedFields?: string[];
    values?: Record<string, unknown>;
    field?: string;
    from?: string | null;
    to?: string;
  };
}
interface Page {
  nodes: Item[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const server = useServer();
let owner: SignedUpUser;
let dealId: string;
let taskId: string;
let noteId: string;

async function read(user: SignedUpUser, variables: Record<string, unknown>): Promise<Page> {
  const data = await user.client.data<{ timeline: Page }>(timeline, {
    object: 'deal',
    recordId: dealId,
    ...variables,
  });
  return data.timeline;
}

/** Every page, following endCursor. */
async function readAll(user: SignedUpUser, variables: Record<string, unknown>): Promise<Item[][]> {
  const pages: Item[][] = [];
  let after: string | null = null;
  do {
    const page: Page = await read(user, { ...variables, after });
    pages.push(page.nodes);
    after = page.hasNextPage ? page.endCursor : null;
  } while (after);
  return pages;
}

beforeAll(async () => {
  owner = await newUser(server);
  const { createDeal } = await owner.client.data<{ createDeal: { id: string } }>(
    `mutation { createDeal(input: { name: "Harbour view", amount: { amount: 1000, currency: "USD" } }) { id } }`,
  );
  dealId = createDeal.id;
  const update = `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id } }`;
  await owner.client.data(update, { id: dealId, input: { name: 'Harbour view (2)' } });
  await owner.client.data(update, { id: dealId, input: { stage: 'qualified' } });
  const { createTask } = await owner.client.data<{ createTask: { id: string } }>(
    `mutation ($input: TaskCreateInput!) { createTask(input: $input) { id } }`,
    { input: { name: 'Call the buyer', type: 'call', status: 'done', deal: dealId } },
  );
  taskId = createTask.id;
  const { createNote } = await owner.client.data<{ createNote: { id: string } }>(
    `mutation ($input: NoteCreateInput!) { createNote(input: $input) { id } }`,
    { input: { name: 'Wants a berth', body: 'Asked about the marina.', deal: dealId } },
  );
  noteId = createNote.id;
  // A task of another deal: not on this timeline.
  await owner.client.data(`mutation ($input: TaskCreateInput!) { createTask(input: $input) { id } }`, {
    input: { name: 'Elsewhere' },
  });
  await owner.client.data(update, {
    id: dealId,
    input: { stage: 'proposal', amount: { amount: 1500, currency: 'USD' } },
  });
});

it('merges changes, stage moves, linked tasks and notes, newest first', async () => {
  const { nodes, hasNextPage } = await read(owner, { first: 50 });
  expect(hasNextPage).toBe(false);
  // Items of one write (the amount and the stage) share its time: sources' order breaks the tie.
  expect(nodes.map((n) => n.kind)).toEqual([
    'FIELD_CHANGE', // amount; the stage part of that write is the move below
    'STAGE_MOVE', // → proposal
    'NOTE',
    'TASK',
    'STAGE_MOVE', // → qualified
    'FIELD_CHANGE', // name
    'FIELD_CHANGE', // created
    'STAGE_MOVE', // entered lead
  ]);
  const times = nodes.map((n) => Date.parse(n.at));
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  expect(nodes[0]!.data).toMatchObject({ change: 'update', changedFields: ['amount'] });
  expect(nodes[1]).toMatchObject({
    kind: 'STAGE_MOVE',
    actorId: owner.userId,
    data: { field: 'stage', from: 'qualified', to: 'proposal' },
  });
  expect(nodes[2]).toMatchObject({
    object: 'note',
    recordId: noteId,
    data: { values: { name: 'Wants a berth' } },
  });
  expect(nodes[3]).toMatchObject({
    object: 'task',
    recordId: taskId,
    data: { values: { type: 'call', status: 'done' } },
  });
  expect(nodes.filter((n) => n.kind === 'STAGE_MOVE').map((n) => n.data.to)).toEqual([
    'proposal',
    'qualified',
    'lead',
  ]);
  expect(nodes.filter((n) => n.kind === 'FIELD_CHANGE').map((n) => n.data.change)).toEqual([
    'update',
    'update',
    'create',
  ]);
  // A change of the stage alone is told once, as the move.
  expect(nodes.some((n) => n.kind === 'FIELD_CHANGE' && n.data.changedFields?.includes('stage'))).toBe(false);
  expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
});

it('pages with endCursor through the same items, each once', async () => {
  const all = (await read(owner, { first: 50 })).nodes.map((n) => n.id);
  for (const size of [1, 2, 3]) {
    const pages = await readAll(owner, { first: size });
    expect(pages.every((p) => p.length <= size)).toBe(true);
    expect(pages.flat().map((n) => n.id)).toEqual(all);
  }
});

it('filters by kind', async () => {
  const tasks = await read(owner, { kinds: ['TASK'] });
  expect(tasks.nodes.map((n) => n.recordId)).toEqual([taskId]);
  const moves = await readAll(owner, { kinds: ['STAGE_MOVE', 'NOTE'], first: 1 });
  expect(moves.flat().map((n) => n.kind)).toEqual(['STAGE_MOVE', 'NOTE', 'STAGE_MOVE', 'STAGE_MOVE']);
  const { timelineKinds } = await owner.client.data<{ timelineKinds: string[] }>(`{ timelineKinds }`);
  expect(timelineKinds).toEqual(expect.arrayContaining(['FIELD_CHANGE', 'STAGE_MOVE', 'TASK', 'NOTE']));
});

it('shows tasks linked through a many-to-many relation, and notes, on a person', async () => {
  const { createPerson } = await owner.client.data<{ createPerson: { id: string } }>(
    `mutation { createPerson(input: { name: "Bea Buyer" }) { id } }`,
  );
  const person = createPerson.id;
  const create = (object: string, input: Record<string, unknown>) =>
    owner.client.data(`mutation ($input: ${object}CreateInput!) { create${object}(input: $input) { id } }`, {
      input,
    });
  await create('Task', { name: 'Viewing with Bea', type: 'meeting', participants: [person] });
  await create('Note', { name: 'Prefers mornings', person });
  const { timeline: page } = await owner.client.data<{ timeline: Page }>(timeline, {
    object: 'person',
    recordId: person,
    kinds: ['TASK', 'NOTE'],
  });
  expect(page.nodes.map((n) => [n.kind, n.data.values?.name])).toEqual([
    ['NOTE', 'Prefers mornings'],
    ['TASK', 'Viewing with Bea'],
  ]);
});

it('refuses bad arguments with coded errors', async () => {
  expectBadInput(await owner.client.request(timeline, { object: 'deal', recordId: dealId, first: 0 }), [
    'first',
  ]);
  expectBadInput(await owner.client.request(timeline, { object: 'deal', recordId: dealId, first: 101 }), [
    'first',
  ]);
  expectBadInput(await owner.client.request(timeline, { object: 'nothing', recordId: dealId }), ['object']);
  expectBadInput(await owner.client.request(timeline, { object: 'deal', recordId: 'nope' }), ['recordId']);
  expectBadInput(
    await owner.client.request(timeline, { object: 'deal', recordId: dealId, after: 'garbage' }),
    ['after'],
  );
  expectBadInput(
    await owner.client.request(timeline, { object: 'deal', recordId: dealId, kinds: ['TASK', 'SPAM'] }),
    ['kinds', '1'],
  );
  expectCode(
    await owner.client.request(timeline, {
      object: 'deal',
      recordId: '00000000-0000-4000-8000-000000000000',
    }),
    'NOT_FOUND',
  );
});

it('is readable by a viewer and refused to a non-member', async () => {
  const viewer = await newMember(server, owner, 'VIEWER');
  expect((await read(viewer, { first: 50 })).nodes.length).toBeGreaterThanOrEqual(8);

  const stranger = await newUser(server);
  const asOutsider = stranger.client.inWorkspace(owner.workspaceId);
  expectCode(await asOutsider.request(timeline, { object: 'deal', recordId: dealId }), 'FORBIDDEN');
  // In the stranger's own workspace the record does not exist.
  expectCode(await stranger.client.request(timeline, { object: 'deal', recordId: dealId }), 'NOT_FOUND');
});

it('leaves out the changes of archived fields', async () => {
  const { createDeal } = await owner.client.data<{ createDeal: { id: string } }>(
    `mutation { createDeal(input: { name: "Quiet", probability: 10 }) { id } }`,
  );
  await owner.client.data(`mutation ($id: ID!) { updateDeal(id: $id, input: { probability: 20 }) { id } }`, {
    id: createDeal.id,
  });
  const fields = await owner.client.data<{
    objects: { key: string; fields: { id: string; key: string }[] }[];
  }>(`{ objects { key fields { id key } } }`);
  const probability = fields.objects
    .find((o) => o.key === 'deal')!
    .fields.find((f) => f.key === 'probability')!;
  await owner.client.data(`mutation ($id: ID!) { archiveField(id: $id) { id } }`, { id: probability.id });
  const data = await owner.client.data<{ timeline: Page }>(timeline, {
    object: 'deal',
    recordId: createDeal.id,
    kinds: ['FIELD_CHANGE'],
  });
  expect(data.timeline.nodes.map((n) => n.data.change)).toEqual(['create']);
  expect(data.timeline.nodes[0]!.data.values).not.toHaveProperty('probability');
});

it('pushes new, changed and removed items live to another member', async () => {
  const member = await newMember(server, owner, 'MEMBER');
  const { client } = newSocketClient(server, {
    cookie: member.client.cookie,
    workspaceId: owner.workspaceId,
  });
  const { changeCursor } = await member.client.data<{ changeCursor: string }>(`{ changeCursor }`);
  const events = collect<{ timelineChanged: { item: Item; removed: boolean } }>(
    client,
    `subscription ($recordId: ID!, $after: String) {
      timelineChanged(object: "deal", recordId: $recordId, after: $after) { item { id kind object recordId data } removed }
    }`,
    { recordId: dealId, after: changeCursor },
  );
  const got = () => events.results.map((r) => r.data?.timelineChanged);
  try {
    await owner.client.data(
      `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id } }`,
      {
        id: dealId,
        input: { stage: 'negotiation' },
      },
    );
    const { createTask } = await owner.client.data<{ createTask: { id: string } }>(
      `mutation ($input: TaskCreateInput!) { createTask(input: $input) { id } }`,
      { input: { name: 'Meet at the marina', type: 'meeting', deal: dealId } },
    );
    await owner.client.data(
      `mutation ($id: ID!, $input: TaskUpdateInput!) { updateTask(id: $id, input: $input) { id } }`,
      {
        id: createTask.id,
        input: { status: 'done' },
      },
    );
    await owner.client.data(`mutation ($id: ID!) { deleteNote(id: $id) { id } }`, { id: noteId });
    await eventually(() => got().length >= 4);
    expect(events.error()).toBeUndefined();
    expect(got()).toEqual([
      {
        item: expect.objectContaining({
          kind: 'STAGE_MOVE',
          data: { field: 'stage', from: 'proposal', to: 'negotiation' },
        }),
        removed: false,
      },
      {
        item: expect.objectContaining({
          kind: 'TASK',
          recordId: createTask.id,
          data: { values: expect.objectContaining({ type: 'meeting' }) },
        }),
        removed: false,
      },
      {
        item: expect.objectContaining({ id: `task:${createTask.id}`, data: { values: { status: 'done' } } }),
        removed: false,
      },
      { item: expect.objectContaining({ id: `note:${noteId}` }), removed: true },
    ]);
    // The pushed items carry the same ids as a read.
    const page = await read(owner, { first: 3 });
    expect(page.nodes.map((n) => n.id)).toEqual(
      expect.arrayContaining([got()[0]!.item.id, got()[1]!.item.id]),
    );
  } finally {
    events.stop();
    await client.dispose();
  }
});

it('brings, from a changeCursor, the linked tasks and notes unlinked, deleted and added before the subscription began', async () => {
  const { createDeal } = await owner.client.data<{ createDeal: { id: string } }>(
    `mutation { createDeal(input: { name: "Slipway" }) { id } }`,
  );
  const recordId = createDeal.id;
  const newTask = async (name: string) =>
    (
      await owner.client.data<{ createTask: { id: string } }>(
        `mutation ($input: TaskCreateInput!) { createTask(input: $input) { id } }`,
        { input: { name, deal: recordId } },
      )
    ).createTask.id;
  const moved = await newTask('Moves to another deal');
  const kept = await newTask('Stays');
  const { createNote } = await owner.client.data<{ createNote: { id: string } }>(
    `mutation ($input: NoteCreateInput!) { createNote(input: $input) { id } }`,
    { input: { name: 'Deleted later', body: 'Gone before anyone listened.', deal: recordId } },
  );
  const { changeCursor } = await owner.client.data<{ changeCursor: string }>(`{ changeCursor }`);
  // After the cursor and before the subscription: nothing is listening yet, and the linked
  // records as they are now no longer show what the cursor's reader held.
  await owner.client.data(
    `mutation ($id: ID!, $input: TaskUpdateInput!) { updateTask(id: $id, input: $input) { id } }`,
    { id: moved, input: { deal: dealId } },
  );
  await owner.client.data(`mutation ($id: ID!) { deleteNote(id: $id) { id } }`, { id: createNote.id });
  const added = await newTask('Added after the read');

  const { client } = newSocketClient(server, { cookie: owner.client.cookie, workspaceId: owner.workspaceId });
  const events = collect<{ timelineChanged: { item: Item; removed: boolean } }>(
    client,
    `subscription ($recordId: ID!, $after: String) {
      timelineChanged(object: "deal", recordId: $recordId, after: $after) { item { id } removed }
    }`,
    { recordId, after: changeCursor },
  );
  const got = () => events.results.map((r) => r.data?.timelineChanged);
  try {
    await eventually(() => got().length >= 3);
    expect(events.error()).toBeUndefined();
    expect(got()).toEqual([
      { item: { id: `task:${moved}` }, removed: true },
      { item: { id: `note:${createNote.id}` }, removed: true },
      { item: { id: `task:${added}` }, removed: false },
    ]);
    expect(got().map((e) => e!.item.id)).not.toContain(`task:${kept}`);
  } finally {
    events.stop();
    await client.dispose();
  }
});

it('refuses the subscription to a non-member: the socket is closed with 4403', async () => {
  const stranger = await newUser(server);
  const { client, closed } = newSocketClient(server, {
    cookie: stranger.client.cookie,
    workspaceId: owner.workspaceId,
  });
  const events = collect(
    client,
    `subscription ($recordId: ID!) { timelineChanged(object: "deal", recordId: $recordId) { removed } }`,
    { recordId: dealId },
  );
  try {
    expect((await closed).code).toBe(4403);
    expect(events.results.some((r) => r.data)).toBe(false);
  } finally {
    events.stop();
    await client.dispose();
  }
});

it('refuses a subscription with bad arguments with coded errors', async () => {
  const { client } = newSocketClient(server, { cookie: owner.client.cookie, workspaceId: owner.workspaceId });
  const events = collect(
    client,
    `subscription ($object: String!, $recordId: ID!, $after: String) { timelineChanged(object: $object, recordId: $recordId, after: $after) { removed } }`,
    { object: 'deal', recordId: dealId, after: 'not a cursor' },
  );
  try {
    await eventually(() => events.results.length > 0 || events.error() !== undefined);
    const errors =
      events.results[0]?.errors ?? (events.error() as { extensions?: Record<string, unknown> }[]);
    expect(errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['after'] });
  } finally {
    events.stop();
    await client.dispose();
  }
});

describe('comments', () => {
  const addComment = `mutation ($recordId: ID!, $body: String!) { addComment(object: "deal", recordId: $recordId, body: $body) { id } }`;
  const comment = async (recordId: string, body: string) =>
    (await owner.client.data<{ addComment: { id: string } }>(addComment, { recordId, body })).addComment.id;
  const newDeal = async (name: string) =>
    (
      await owner.client.data<{ createDeal: { id: string } }>(
        `mutation ($name: String!) { createDeal(input: { name: $name }) { id } }`,
        { name },
      )
    ).createDeal.id;
  const readDeal = async (recordId: string, variables: Record<string, unknown>) =>
    (await owner.client.data<{ timeline: Page }>(timeline, { object: 'deal', recordId, ...variables }))
      .timeline;

  it('merges a record’s comments in time order, filtered by COMMENT and paged', async () => {
    const recordId = await newDeal('Talked about');
    const first = await comment(recordId, `Ask <@${owner.userId}> about the survey`);
    await owner.client.data(
      `mutation ($id: ID!) { updateDeal(id: $id, input: { name: "Talked over" }) { id } }`,
      {
        id: recordId,
      },
    );
    const second = await comment(recordId, 'Survey booked');
    await comment(dealId, 'On another deal');

    const { nodes } = await readDeal(recordId, { first: 50 });
    expect(nodes.map((n) => n.kind)).toEqual([
      'COMMENT',
      'FIELD_CHANGE',
      'COMMENT',
      'FIELD_CHANGE',
      'STAGE_MOVE',
    ]);
    expect(nodes[2]).toEqual({
      id: `comment:${first}`,
      kind: 'COMMENT',
      at: expect.any(String),
      actorId: owner.userId,
      object: 'deal',
      recordId,
      data: {
        commentId: first,
        authorName: expect.any(String),
        body: `Ask <@${owner.userId}> about the survey`,
        mentions: [{ userId: owner.userId, name: expect.any(String) }],
        editedAt: null,
      },
    });
    expect(nodes[0]!.id).toBe(`comment:${second}`);

    const comments: string[] = [];
    let after: string | null = null;
    do {
      const page: Page = await readDeal(recordId, { kinds: ['COMMENT'], first: 1, after });
      comments.push(...page.nodes.map((n) => n.id));
      after = page.hasNextPage ? page.endCursor : null;
    } while (after);
    expect(comments).toEqual([`comment:${second}`, `comment:${first}`]);
    const { timelineKinds } = await owner.client.data<{ timelineKinds: string[] }>(`{ timelineKinds }`);
    expect(timelineKinds).toContain('COMMENT');
  });

  it('pushes comments added, edited and deleted over timelineChanged', async () => {
    const recordId = await newDeal('Live talk');
    const member = await newMember(server, owner, 'MEMBER');
    const { client } = newSocketClient(server, {
      cookie: member.client.cookie,
      workspaceId: owner.workspaceId,
    });
    const events = collect<{
      timelineChanged: { item: Item & { data: Record<string, unknown> }; removed: boolean };
    }>(
      client,
      `subscription ($recordId: ID!) {
        timelineChanged(object: "deal", recordId: $recordId) { item { id kind at actorId object recordId data } removed }
      }`,
      { recordId },
    );
    const got = () => events.results.map((r) => r.data!.timelineChanged);
    try {
      // Live once a warm-up comment is heard (one is written until it is).
      const warmUps: string[] = [];
      await eventually(async () => {
        if (got().length > 0) return true;
        warmUps.push(await comment(recordId, 'warm-up'));
        return false;
      });
      const id = await comment(recordId, 'Offer at 1,200?');
      const mine = () => got().filter((e) => e.item.id === `comment:${id}`);
      // Each push reads the comment as it is then (the event carries no body), so each change
      // is heard before the next: a push read after the delete would rightly say "removed".
      await eventually(() => mine().length >= 1);
      await owner.client.data(
        `mutation ($id: ID!) { editComment(id: $id, body: "Offer at 1,250?") { id } }`,
        { id },
      );
      await eventually(() => mine().length >= 2);
      await owner.client.data(`mutation ($id: ID!) { deleteComment(id: $id) }`, { id });
      await eventually(() => mine().length >= 3);
      expect(events.error()).toBeUndefined();
      const [added, edited, deleted] = mine();
      expect(added).toEqual({
        item: expect.objectContaining({
          kind: 'COMMENT',
          actorId: owner.userId,
          object: 'deal',
          recordId,
          data: expect.objectContaining({ commentId: id, body: 'Offer at 1,200?', editedAt: null }),
        }),
        removed: false,
      });
      expect(edited!.item.data).toMatchObject({ body: 'Offer at 1,250?', editedAt: expect.any(String) });
      expect(edited!.item.at).toBe(added!.item.at);
      expect(deleted).toMatchObject({ item: { id: `comment:${id}` }, removed: true });
      // A read holds the warm-ups under the same ids the pushes used, and not the deleted one.
      const read = await readDeal(recordId, { kinds: ['COMMENT'], first: 50 });
      expect(read.nodes.map((n) => n.id)).toEqual([...warmUps].reverse().map((w) => `comment:${w}`));
      expect(got()[0]!.item.id).toBe(`comment:${warmUps.at(-1)}`);
    } finally {
      events.stop();
      await client.dispose();
    }
  });

  it('brings, from a changeCursor, the comments written, edited and deleted before the subscription began', async () => {
    const recordId = await newDeal('Quiet talk');
    const older = await comment(recordId, 'Before the read');
    const untouched = await comment(recordId, 'Left as it was');
    const { changeCursor } = await owner.client.data<{ changeCursor: string }>(`{ changeCursor }`);
    // Between the page's read and the subscription: nothing is listening yet.
    const added = await comment(recordId, 'After the read');
    await owner.client.data(
      `mutation ($id: ID!) { editComment(id: $id, body: "Edited after the read") { id } }`,
      {
        id: older,
      },
    );
    const gone = await comment(recordId, 'Written and deleted');
    await owner.client.data(`mutation ($id: ID!) { deleteComment(id: $id) }`, { id: gone });
    await comment(dealId, 'On another deal, after the read');

    const { client } = newSocketClient(server, {
      cookie: owner.client.cookie,
      workspaceId: owner.workspaceId,
    });
    const events = collect<{
      timelineChanged: { item: Item & { data: Record<string, unknown> }; removed: boolean };
    }>(
      client,
      `subscription ($recordId: ID!, $after: String) {
        timelineChanged(object: "deal", recordId: $recordId, after: $after) { item { id kind data } removed }
      }`,
      { recordId, after: changeCursor },
    );
    const got = () => events.results.map((r) => r.data!.timelineChanged);
    try {
      await eventually(() => got().length >= 3);
      expect(events.error()).toBeUndefined();
      const comments = got().filter((e) => e.item.kind === 'COMMENT');
      expect(comments.map((e) => [e.item.id, e.removed, e.item.data.body])).toEqual([
        [`comment:${older}`, false, 'Edited after the read'],
        [`comment:${added}`, false, 'After the read'],
        [`comment:${gone}`, true, undefined],
      ]);
      expect(got().map((e) => e.item.id)).not.toContain(`comment:${untouched}`);
      // Then live as before.
      const later = await comment(recordId, 'Live again');
      await eventually(() => got().some((e) => e.item.id === `comment:${later}`));
    } finally {
      events.stop();
      await client.dispose();
    }
  });
});
