import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { muteNotifications, newMember, newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { newServer, type TestServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Reminders on a task's remindAt, sent as durable jobs to the assignee's inbox.

const setRules = /* GraphQL */ `
  mutation ($object: String!, $field: String!, $rules: [ReminderRuleInput!]!) {
    setReminderRules(object: $object, field: $field, rules: $rules) {
      id
      object
      field
      minutesBefore
      recipients
      doneField
      doneValues
    }
  }
`;

const inbox = /* GraphQL */ `
  query ($first: Int, $after: String, $unreadOnly: Boolean) {
    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      nodes {
        id
        kind
        object
        recordId
        label
        dueAt
        late
        createdAt
        readAt
      }
      hasNextPage
      endCursor
      unreadCount
    }
  }
`;

interface Notification {
  id: string;
  kind: string;
  object: string;
  recordId: string;
  label: string;
  dueAt: string;
  late: boolean;
  createdAt: string;
  readAt: string | null;
}

type Subscriber = ReturnType<typeof collect<{ notificationAdded: Notification }>>;

interface InboxPage {
  notifications: {
    nodes: Notification[];
    hasNextPage: boolean;
    endCursor: string | null;
    unreadCount: number;
  };
}

const notificationAdded = /* GraphQL */ `
  subscription {
    notificationAdded {
      id
      kind
      object
      recordId
      label
      dueAt
      late
    }
  }
`;

/** A reminder this far ahead fires within the test, yet after the writes that set it up. */
const leadMs = 3_000;
/** Jobs run on a busy 2-core machine: generous, and only a ceiling (polls end early). */
const fireDeadlineMs = 60_000;

describe('reminders and the notification inbox', { timeout: 180_000 }, () => {
  let server: TestServer;
  let admin: SignedUpUser;
  let assignee: SignedUpUser;
  let colleague: SignedUpUser;
  let outsider: SignedUpUser;
  const sockets: Client[] = [];
  /** Opened before any reminder is set, so they are live well before the first one fires. */
  let live: { assignee: Subscriber; colleague: Subscriber; outsider: Subscriber };

  beforeAll(async () => {
    server = await newServer();
    admin = await newUser(server);
    assignee = await newMember(server, admin, 'MEMBER');
    // Each task below is assigned to them: this file counts reminders only.
    await muteNotifications(assignee, ['ASSIGNMENT']);
    colleague = await newMember(server, admin, 'MEMBER');
    outsider = await newUser(server);
    live = { assignee: listen(assignee), colleague: listen(colleague), outsider: listen(outsider) };
  }, 120_000);

  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await server?.close();
  });

  function listen(user: SignedUpUser): Subscriber {
    const { client } = newSocketClient(server, { cookie: user.client.cookie, workspaceId: user.workspaceId });
    sockets.push(client);
    return collect<{ notificationAdded: Notification }>(client, notificationAdded);
  }

  async function inboxOf(user: SignedUpUser, variables: Record<string, unknown> = { first: 100 }) {
    return (await user.client.data<InboxPage>(inbox, variables)).notifications;
  }

  async function remindersFor(user: SignedUpUser, recordId: string) {
    return (await inboxOf(user)).nodes.filter((n) => n.recordId === recordId);
  }

  async function createTask(name: string, remindAt: Date, extra: Record<string, unknown> = {}) {
    const { createTask } = await admin.client.data<{ createTask: { id: string } }>(
      `mutation ($input: TaskCreateInput!) { createTask(input: $input) { id } }`,
      { input: { name, remindAt: remindAt.toISOString(), assignee: assignee.userId, ...extra } },
    );
    return createTask.id;
  }

  function updateTask(id: string, input: Record<string, unknown>) {
    return admin.client.data(
      `mutation ($id: ID!, $input: TaskUpdateInput!) { updateTask(id: $id, input: $input) { id } }`,
      {
        id,
        input,
      },
    );
  }

  async function ruleCount(): Promise<number> {
    const rows = await query<{ n: string }>(
      server.databaseUrl,
      'select count(*) as n from reminder_rule where workspace_id = $1',
      [admin.workspaceId],
    );
    return Number(rows[0]!.n);
  }

  it('refuses bad rules with coded errors and the argument path, writing nothing', async () => {
    const cases: [Record<string, unknown>, string[], string][] = [
      [{ object: 'task', field: 'name', rules: [{ recipients: ['assignee'] }] }, ['field'], 'BAD_USER_INPUT'],
      [{ object: 'nope', field: 'remindAt', rules: [] }, ['object'], 'BAD_USER_INPUT'],
      [
        { object: 'task', field: 'remindAt', rules: [{ recipients: ['assignee', 'nobody'] }] },
        ['rules', '0', 'recipients', '1'],
        'BAD_USER_INPUT',
      ],
      [
        { object: 'task', field: 'remindAt', rules: [{ recipients: ['name'] }] },
        ['rules', '0', 'recipients', '0'],
        'BAD_USER_INPUT',
      ],
      [
        { object: 'task', field: 'remindAt', rules: [{ recipients: ['assignee'], timeOfDay: '9 am' }] },
        ['rules', '0', 'timeOfDay'],
        'BAD_USER_INPUT',
      ],
      [
        { object: 'task', field: 'remindAt', rules: [{ recipients: ['assignee'], minutesBefore: -5 }] },
        ['rules', '0', 'minutesBefore'],
        'BAD_USER_INPUT',
      ],
      [
        {
          object: 'task',
          field: 'remindAt',
          rules: [{ recipients: ['assignee'], doneField: 'status', doneValues: ['finished'] }],
        },
        ['rules', '0', 'doneValues', '0'],
        'BAD_USER_INPUT',
      ],
    ];
    for (const [variables, path, code] of cases) {
      const { body } = await admin.client.request(setRules, variables);
      expect(body.errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({
        code,
        argumentPath: path,
      });
    }
    // Only admins set reminders.
    const { body } = await assignee.client.request(setRules, {
      object: 'task',
      field: 'remindAt',
      rules: [{ recipients: ['assignee'] }],
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await ruleCount()).toBe(0);
  });

  it('sets the task reminder: at remindAt, to the assignee, unless done or cancelled', async () => {
    const { setReminderRules } = await admin.client.data(setRules, {
      object: 'task',
      field: 'remindAt',
      rules: [{ recipients: ['assignee'], doneField: 'status', doneValues: ['done', 'cancelled'] }],
    });
    expect(setReminderRules).toEqual([
      expect.objectContaining({
        object: 'task',
        field: 'remindAt',
        minutesBefore: 0,
        recipients: ['assignee'],
        doneField: 'status',
        doneValues: ['done', 'cancelled'],
      }),
    ]);
    const { reminderRules } = await colleague.client.data(
      `{ reminderRules(object: "task") { field recipients } }`,
    );
    expect(reminderRules).toEqual([{ field: 'remindAt', recipients: ['assignee'] }]);
    expect(await ruleCount()).toBe(1);
  });

  it('sends one notification to the assignee, live and in the inbox; nobody else gets it', async () => {
    const remindAt = new Date(Date.now() + leadMs);
    const id = await createTask('Call the Hendersons', remindAt);

    await eventually(() => live.assignee.results.length > 0, fireDeadlineMs);
    const event = live.assignee.results[0]!.data!.notificationAdded;
    expect(event).toMatchObject({
      kind: 'REMINDER',
      object: 'task',
      recordId: id,
      label: 'Call the Hendersons',
      late: false,
    });
    expect(new Date(event.dueAt).getTime()).toBe(remindAt.getTime());

    const page = await inboxOf(assignee);
    expect(page.unreadCount).toBe(1);
    expect(page.nodes).toEqual([expect.objectContaining({ id: event.id, recordId: id, readAt: null })]);
    expect(new Date(page.nodes[0]!.createdAt).getTime()).toBeGreaterThanOrEqual(remindAt.getTime() - 1000);

    // Nobody else: not the admin who wrote it, not a colleague, not another workspace.
    for (const other of [admin, colleague, outsider]) expect((await inboxOf(other)).nodes).toEqual([]);
    expect(live.colleague.results).toEqual([]);
    expect(live.outsider.results).toEqual([]);
    // Another member cannot mark it read; its owner can.
    expect(
      (
        await colleague.client.data(`mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) }`, {
          ids: [event.id],
        })
      ).markNotificationsRead,
    ).toBe(0);
    expect((await inboxOf(assignee)).unreadCount).toBe(1);
    expect(
      (
        await assignee.client.data(`mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) }`, {
          ids: [event.id],
        })
      ).markNotificationsRead,
    ).toBe(1);
    const after = await inboxOf(assignee);
    expect(after.unreadCount).toBe(0);
    expect(after.nodes[0]!.readAt).not.toBeNull();
    expect((await inboxOf(assignee, { first: 10, unreadOnly: true })).nodes).toEqual([]);
    // Exactly once: the job is done, and no second notification for the record appears.
    await eventually(async () => {
      const jobs = await query(server.databaseUrl, `select 1 from graphile_worker.jobs where key like $1`, [
        `%:${id}:%`,
      ]);
      return jobs.length === 0;
    }, fireDeadlineMs);
    expect(await remindersFor(assignee, id)).toHaveLength(1);
    expect(live.assignee.results).toHaveLength(1);
  });

  it('moves the reminder with the date; deleting or completing the task cancels it', async () => {
    const heardBefore = live.assignee.results.length;
    const start = Date.now();
    const moved = await createTask('Moved', new Date(start + leadMs));
    const later = new Date(start + 3 * leadMs);
    await updateTask(moved, { remindAt: later.toISOString() });
    const deleted = await createTask('Deleted', new Date(start + leadMs));
    await admin.client.data(`mutation ($id: ID!) { deleteTask(id: $id) { id } }`, { id: deleted });
    const completed = await createTask('Completed', new Date(start + leadMs));
    await updateTask(completed, { status: 'done' });
    const alreadyDone = await createTask('Born done', new Date(start + leadMs), { status: 'cancelled' });
    // Every cancelled reminder was due well before this one.
    await eventually(async () => (await remindersFor(assignee, moved)).length > 0, fireDeadlineMs);

    const [reminder] = await remindersFor(assignee, moved);
    expect(new Date(reminder!.dueAt).getTime()).toBe(later.getTime());
    expect(new Date(reminder!.createdAt).getTime()).toBeGreaterThanOrEqual(later.getTime() - 1000);
    for (const id of [deleted, completed, alreadyDone]) expect(await remindersFor(assignee, id)).toEqual([]);
    // The inbox can show it a moment before the push arrives.
    await eventually(() => live.assignee.results.length > heardBefore, fireDeadlineMs);
    const heard = live.assignee.results.slice(heardBefore);
    expect(heard.map((r) => r.data!.notificationAdded.recordId)).toEqual([moved]);
  });

  it('reminds on a DATE field at a time of day, and schedules records dated before the rule', async () => {
    await admin.client.data(
      `mutation { createField(input: { object: "task", key: "followUpOn", label: "Follow up", type: DATE }) { id } }`,
    );
    const early = await createTask('Dated before the rule', new Date(Date.now() + 3_600_000), {
      followUpOn: '2030-01-15',
    });
    const { setReminderRules } = await admin.client.data(setRules, {
      object: 'task',
      field: 'followUpOn',
      rules: [{ timeOfDay: '09:00', minutesBefore: 60, recipients: ['assignee', 'owner'] }],
    });
    const ruleId = (setReminderRules as { id: string }[])[0]!.id;
    const runAt = async (recordId: string) => {
      const rows = await query<{ run_at: Date }>(
        server.databaseUrl,
        // One job per recipient (assignee, owner), all at the same time without time zones.
        'select distinct run_at from graphile_worker.jobs where starts_with(key, $1)',
        [`reminder:${ruleId}:${recordId}:`],
      );
      return rows.map((row) => row.run_at.toISOString());
    };
    // 09:00 UTC on the day, an hour before.
    expect(await runAt(early)).toEqual(['2030-01-15T08:00:00.000Z']);
    const later = await createTask('Dated after the rule', new Date(Date.now() + 3_600_000), {
      followUpOn: '2030-02-01',
    });
    expect(await runAt(later)).toEqual(['2030-02-01T08:00:00.000Z']);
    await updateTask(later, { followUpOn: null });
    expect(await runAt(later)).toEqual([]);
    // A bulk write schedules each record's reminder.
    const { createTasks } = await admin.client.data<{ createTasks: { id: string }[] }>(
      `mutation ($inputs: [TaskCreateInput!]!) { createTasks(inputs: $inputs) { id } }`,
      { inputs: ['03', '04', '05'].map((day) => ({ name: `Bulk ${day}`, followUpOn: `2030-03-${day}` })) },
    );
    for (const [i, { id }] of createTasks.entries())
      expect(await runAt(id)).toEqual([`2030-03-0${i + 3}T08:00:00.000Z`]);
    // Without a time of day a DATE reminder is refused.
    const { body } = await admin.client.request(setRules, {
      object: 'task',
      field: 'followUpOn',
      rules: [{ recipients: ['assignee'] }],
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['rules', '0', 'timeOfDay'],
    });
    expect(await runAt(early)).toEqual(['2030-01-15T08:00:00.000Z']);

    // On a DATETIME a time of day means that time on the moment's day: 9:00 on the day it is due.
    const { setReminderRules: onDueAt } = await admin.client.data(setRules, {
      object: 'task',
      field: 'dueAt',
      rules: [{ timeOfDay: '09:00', recipients: ['assignee'] }],
    });
    const dueRuleId = (onDueAt as { id: string; timeOfDay: string | null }[])[0]!.id;
    const dueTask = await createTask('Due in the afternoon', new Date(Date.now() + 3_600_000), {
      dueAt: '2030-04-10T15:30:00Z',
    });
    const dueJobs = await query<{ run_at: Date }>(
      server.databaseUrl,
      'select run_at from graphile_worker.jobs where starts_with(key, $1)',
      [`reminder:${dueRuleId}:${dueTask}:`],
    );
    expect(dueJobs.map((row) => row.run_at.toISOString())).toEqual(['2030-04-10T09:00:00.000Z']);
  });

  it('refuses bad inbox arguments with coded errors', async () => {
    const first = await assignee.client.request(inbox, { first: 0 });
    expect(first.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['first'],
    });
    const after = await assignee.client.request(inbox, { first: 5, after: 'not-a-cursor' });
    expect(after.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['after'],
    });
    const neither = await assignee.client.request(`mutation { markNotificationsRead }`);
    expect(neither.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['ids'],
    });
    const badId = await assignee.client.request(`mutation { markNotificationsRead(ids: ["x"]) }`);
    expect(badId.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['ids', '0'],
    });
  });

  it('pages the inbox newest first', async () => {
    const all = await inboxOf(assignee);
    expect(all.nodes.length).toBeGreaterThanOrEqual(2);
    const firstPage = await inboxOf(assignee, { first: 1 });
    expect(firstPage.hasNextPage).toBe(true);
    const second = await inboxOf(assignee, { first: 1, after: firstPage.endCursor });
    expect([firstPage.nodes[0]!.id, second.nodes[0]!.id]).toEqual(all.nodes.slice(0, 2).map((n) => n.id));
  });
});
