import { beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { addFields, expectBadInput } from '../support/records.js';
import { useServer } from '../support/server.js';
import { eventually } from '../support/ws.js';

// Relative values in filters: `isMe` on member fields and `within` on dates, in the records
// API's filter argument and in saved views, read for each reader at read time in their time zone.

const server = useServer();
let ada: SignedUpUser;
let bob: SignedUpUser;

const tasks = /* GraphQL */ `
  query ($filter: TaskFilter) {
    tasks(filter: $filter, sort: [{ field: name, direction: ASC }]) {
      nodes {
        name
      }
    }
  }
`;

const createTask = /* GraphQL */ `
  mutation ($input: TaskCreateInput!) {
    createTask(input: $input) {
      id
    }
  }
`;

const setTimeZone = /* GraphQL */ `
  mutation ($timeZone: String!) {
    setTimeZone(timeZone: $timeZone)
  }
`;

const hour = 3_600_000;
const day = 24 * hour;
/** The calendar date in `timeZone` now, as the test's own clock reads it. */
const dateIn = (timeZone: string, offsetDays = 0) =>
  new Date(Date.now() + offsetDays * day).toLocaleDateString('en-CA', { timeZone });

// 25 hours apart: their calendar dates always differ, whatever the hour.
const east = 'Pacific/Kiritimati';
const west = 'Pacific/Pago_Pago';

async function names(user: SignedUpUser, filter: unknown): Promise<string[]> {
  const data = await user.client.data(tasks, { filter });
  return (data.tasks.nodes as { name: string }[]).map((n) => n.name);
}

beforeAll(async () => {
  ada = await newUser(server, { name: 'Ada' });
  bob = await newMember(server, ada, 'MEMBER');
  await addFields(ada.client, 'task', [{ key: 'dueOn', type: 'DATE', label: 'Due on' }]);
  const now = Date.now();
  const rows = [
    { name: 'ada late', assignee: ada.userId, dueAt: new Date(now - 2 * hour) },
    { name: 'ada soon', assignee: ada.userId, dueAt: new Date(now + 2 * day) },
    { name: 'ada later', assignee: ada.userId, dueAt: new Date(now + 10 * day) },
    { name: 'bob late', assignee: bob.userId, dueAt: new Date(now - 2 * hour) },
    { name: 'east today', dueOn: dateIn(east) },
    { name: 'nobody' },
  ];
  for (const input of rows) await ada.client.data(createTask, { input });
});

describe('isMe on member fields', () => {
  it('is each reader’s own user; false keeps the others and the unassigned', async () => {
    expect(await names(ada, { assignee: { isMe: true } })).toEqual(['ada late', 'ada later', 'ada soon']);
    expect(await names(bob, { assignee: { isMe: true } })).toEqual(['bob late']);
    expect(await names(bob, { assignee: { isMe: false }, name: { startsWith: 'ada' } })).toHaveLength(3);
    expect(await names(ada, { assignee: { isMe: false } })).toEqual(['bob late', 'east today', 'nobody']);
    // System member fields take it too: Ada created every task.
    expect(await names(bob, { createdBy: { isMe: true } })).toEqual([]);
  });

  it('is offered as an operator of member fields by the metadata API', async () => {
    const { object } = await ada.client.data(`{ object(key: "task") { fields { key operators } } }`);
    const operators = (key: string) =>
      (object.fields as { key: string; operators: string[] }[]).find((f) => f.key === key)!.operators;
    expect(operators('assignee')).toContain('isMe');
    expect(operators('dueAt')).toContain('within');
    expect(operators('dueOn')).toContain('within');
    expect(operators('name')).not.toContain('within');
  });
});

describe('within on dates', () => {
  it('reads overdue as before now and next N days from today', async () => {
    const mine = { assignee: { isMe: true } };
    expect(await names(ada, { ...mine, dueAt: { within: { period: 'OVERDUE' } } })).toEqual(['ada late']);
    // Today and the next three days: the late one is in when it is still today.
    const soon = await names(ada, { ...mine, dueAt: { within: { nextDays: 3 } } });
    expect(soon).toContain('ada soon');
    expect(soon).not.toContain('ada later');
    expect(await names(ada, { ...mine, dueAt: { within: { nextDays: 30 } } })).toEqual(
      expect.arrayContaining(['ada later', 'ada soon']),
    );
    expect(
      await names(bob, {
        or: [{ dueAt: { within: { period: 'OVERDUE' } } }, { dueAt: { within: { period: 'TODAY' } } }],
      }),
    ).toEqual(expect.arrayContaining(['ada late', 'bob late']));
  });

  it('reads today in the reader’s time zone, which the reader sets', async () => {
    const today = { dueOn: { within: { period: 'TODAY' } } };
    // Dated again here: Kiritimati's midnight (10:00 UTC) may have passed since beforeAll.
    const { tasks: dated } = await ada.client.data(
      `{ tasks(filter: { name: { eq: "east today" } }) { nodes { id } } }`,
    );
    await ada.client.data(
      `mutation ($id: ID!, $input: TaskUpdateInput!) { updateTask(id: $id, input: $input) { id } }`,
      { id: dated.nodes[0].id, input: { dueOn: dateIn(east) } },
    );
    const { me: before } = await ada.client.data(`{ me { timeZone } }`);
    expect(before.timeZone).toBeNull();
    expect((await ada.client.data(setTimeZone, { timeZone: east })).setTimeZone).toBe(east);
    expect(await names(ada, today)).toEqual(['east today']);
    await ada.client.data(setTimeZone, { timeZone: west });
    expect(await names(ada, today)).toEqual([]);
    expect(await names(ada, { dueOn: { within: { nextDays: 2 } } })).toEqual(['east today']);
    expect(await names(ada, { dueOn: { within: { period: 'YESTERDAY' } } })).toEqual([]);
    const { me } = await ada.client.data(`{ me { timeZone } }`);
    expect(me.timeZone).toBe(west);
    // Another reader at the same moment, in another zone, sees another day.
    await bob.client.data(setTimeZone, { timeZone: east });
    expect(await names(bob, today)).toEqual(['east today']);
  });

  it('stores the canonical zone name and refuses names Intl does not know', async () => {
    expect((await bob.client.data(setTimeZone, { timeZone: 'europe/paris' })).setTimeZone).toBe(
      'Europe/Paris',
    );
    expectBadInput(await bob.client.request(setTimeZone, { timeZone: 'Mars/Olympus_Mons' }), ['timeZone']);
    expectBadInput(await bob.client.request(setTimeZone, { timeZone: '' }), ['timeZone']);
    const [row] = await query<{ time_zone: string }>(
      server.databaseUrl,
      'select time_zone from app_user where id = $1',
      [bob.userId],
    );
    expect(row?.time_zone).toBe('Europe/Paris');
  });

  it('refuses a range that is not exactly one period or day count, at its path', async () => {
    const bad = (within: unknown) => ada.client.request(tasks, { filter: { dueAt: { within } } });
    expectBadInput(await bad({ period: 'TODAY', nextDays: 3 }), ['filter', 'dueAt', 'within']);
    expectBadInput(await bad({}), ['filter', 'dueAt', 'within']);
    expectBadInput(await bad({ nextDays: 0 }), ['filter', 'dueAt', 'within', 'nextDays']);
    expectBadInput(await bad({ nextDays: 1000 }), ['filter', 'dueAt', 'within', 'nextDays']);
    const wrongType = await ada.client.request(tasks, { filter: { assignee: { isMe: 'yes' } } });
    expect(wrongType.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('reminders on a date', () => {
  it('are scheduled at the time of day in the recipient’s time zone, and move with a new recipient', async () => {
    // The time-zone test above left Ada in Pago Pago (UTC−11) and Bob in Paris.
    await ada.client.data(setTimeZone, { timeZone: 'Europe/Paris' });
    const { setReminderRules } = await ada.client.data(
      `mutation ($rules: [ReminderRuleInput!]!) {
         setReminderRules(object: "task", field: "dueOn", rules: $rules) { id } }`,
      { rules: [{ timeOfDay: '09:00', recipients: ['assignee'] }] },
    );
    const ruleId = (setReminderRules as { id: string }[])[0]!.id;
    const runAt = async (recordId: string) => {
      const rows = await query<{ run_at: Date }>(
        server.databaseUrl,
        'select run_at from graphile_worker.jobs where starts_with(key, $1) order by run_at',
        [`reminder:${ruleId}:${recordId}:`],
      );
      return rows.map((row) => row.run_at.toISOString());
    };
    const created = async (input: Record<string, unknown>) =>
      ((await ada.client.data(createTask, { input })).createTask as { id: string }).id;
    // 9:00 in Paris: summer time (UTC+2) in July, winter time (UTC+1) in January.
    const summer = await created({ name: 'summer', assignee: ada.userId, dueOn: '2030-07-15' });
    expect(await runAt(summer)).toEqual(['2030-07-15T07:00:00.000Z']);
    const winter = await created({ name: 'winter', assignee: ada.userId, dueOn: '2030-01-15' });
    expect(await runAt(winter)).toEqual(['2030-01-15T08:00:00.000Z']);
    // Nobody to remind: no job.
    const unassigned = await created({ name: 'unassigned', dueOn: '2030-07-15' });
    expect(await runAt(unassigned)).toEqual([]);
    // Bob's zone now: the reminder moves to Kiritimati's 9:00 (UTC+14), the day before in UTC.
    await bob.client.data(setTimeZone, { timeZone: east });
    await ada.client.data(
      `mutation ($id: ID!, $input: TaskUpdateInput!) { updateTask(id: $id, input: $input) { id } }`,
      { id: summer, input: { assignee: bob.userId } },
    );
    expect(await runAt(summer)).toEqual(['2030-07-14T19:00:00.000Z']);
  });

  it('remind each recipient once at their own time of day, and follow a new time zone', async () => {
    await ada.client.data(setTimeZone, { timeZone: 'UTC' });
    // Zones without summer time, so the offsets hold whatever the date: UTC−5 and UTC+0 all year.
    await bob.client.data(setTimeZone, { timeZone: 'America/Bogota' });
    // The next whole minute at least a few seconds ahead: 9:00-like, but soon, in UTC.
    const at = new Date(Math.ceil((Date.now() + 5_000) / 60_000) * 60_000);
    const { setReminderRules } = await ada.client.data(
      `mutation ($rules: [ReminderRuleInput!]!) {
         setReminderRules(object: "task", field: "dueOn", rules: $rules) { id } }`,
      { rules: [{ timeOfDay: at.toISOString().slice(11, 16), recipients: ['assignee', 'owner'] }] },
    );
    const ruleId = (setReminderRules as { id: string }[])[0]!.id;
    const { createTask: task } = await ada.client.data<{ createTask: { id: string } }>(createTask, {
      input: {
        name: 'two zones',
        owner: ada.userId,
        assignee: bob.userId,
        dueOn: at.toISOString().slice(0, 10),
      },
    });
    const jobOf = async (user: SignedUpUser) =>
      (
        await query<{ run_at: Date }>(
          server.databaseUrl,
          'select run_at from graphile_worker.jobs where key = $1',
          [`reminder:${ruleId}:${task.id}:${user.userId}`],
        )
      ).map((row) => row.run_at.toISOString());
    // One job each: Ada's at the time in UTC, Bob's five hours later (Bogotá).
    expect(await jobOf(ada)).toEqual([at.toISOString()]);
    expect(await jobOf(bob)).toEqual([new Date(at.getTime() + 5 * hour).toISOString()]);
    // Bob moves to Reykjavik (UTC): his reminder moves to the same moment as Ada's.
    await bob.client.data(setTimeZone, { timeZone: 'Atlantic/Reykjavik' });
    expect(await jobOf(bob)).toEqual([at.toISOString()]);

    const remindersOf = async (user: SignedUpUser) => {
      const { notifications } = await user.client.data<{
        notifications: { nodes: { kind: string; recordId: string; dueAt: string }[] };
      }>(`{ notifications(first: 100) { nodes { kind recordId dueAt } } }`);
      return notifications.nodes.filter((n) => n.kind === 'REMINDER' && n.recordId === task.id);
    };
    await eventually(
      async () => (await remindersOf(ada)).length > 0 && (await remindersOf(bob)).length > 0,
      120_000,
    );
    // Exactly once each, when the jobs are done (none of the record's left).
    await eventually(
      async () =>
        (
          await query(server.databaseUrl, 'select 1 from graphile_worker.jobs where starts_with(key, $1)', [
            `reminder:${ruleId}:${task.id}:`,
          ])
        ).length === 0,
    );
    for (const user of [ada, bob]) {
      const reminders = await remindersOf(user);
      expect(reminders.map((n) => n.dueAt)).toEqual([at.toISOString()]);
    }
  }, 180_000);
});

describe('boards', () => {
  it('read relative values for the reader too', async () => {
    const deal = `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`;
    await ada.client.data(deal, { input: { name: 'Ada’s deal' } });
    await bob.client.data(deal, { input: { name: 'Bob’s deal' } });
    const board = `query ($filter: JSON) { board(object: "deal", filter: $filter) { columns { count records } } }`;
    const cards = async (user: SignedUpUser) => {
      const data = await user.client.data(board, { filter: { owner: { isMe: true } } });
      return (data.board.columns as { records: { name: string }[] }[]).flatMap((c) =>
        c.records.map((r) => r.name),
      );
    };
    expect(await cards(ada)).toEqual(['Ada’s deal']);
    expect(await cards(bob)).toEqual(['Bob’s deal']);
  });
});

describe('saved views', () => {
  const createView = /* GraphQL */ `
    mutation ($input: CreateViewInput!) {
      createView(input: $input) {
        id
        filter
        problems
      }
    }
  `;

  it('keep relative values as written, and each reader’s list reads them for that reader', async () => {
    const filter = { assignee: { isMe: true }, dueAt: { within: { period: 'OVERDUE' } } };
    const { createView: view } = await ada.client.data(createView, {
      input: { object: 'task', name: 'My overdue', type: 'TABLE', shared: true, filter },
    });
    expect(view.filter).toEqual(filter);
    expect(view.problems).toEqual([]);
    const [row] = await query<{ filter: unknown }>(
      server.databaseUrl,
      'select filter from view where id = $1',
      [view.id],
    );
    expect(row?.filter).toEqual(filter);
    const { views } = await bob.client.data(`{ views(object: "task") { id filter } }`);
    const shared = (views as { id: string; filter: unknown }[]).find((v) => v.id === view.id)!;
    expect(await names(ada, shared.filter)).toEqual(['ada late']);
    expect(await names(bob, shared.filter)).toEqual(['bob late']);
  });

  it('refuse bad relative values with the path inside the view’s filter', async () => {
    const response = await ada.client.request(createView, {
      input: { object: 'task', name: 'Bad', type: 'TABLE', filter: { dueAt: { within: { nextDays: -1 } } } },
    });
    expectBadInput(response, ['input', 'filter', 'dueAt', 'within', 'nextDays']);
    const unknownPeriod = await ada.client.request(createView, {
      input: {
        object: 'task',
        name: 'Bad',
        type: 'TABLE',
        filter: { dueAt: { within: { period: 'SOMEDAY' } } },
      },
    });
    expectBadInput(unknownPeriod, ['input', 'filter', 'dueAt', 'within', 'period']);
    const notOnText = await ada.client.request(createView, {
      input: { object: 'task', name: 'Bad', type: 'TABLE', filter: { name: { isMe: true } } },
    });
    expectBadInput(notOnText, ['input', 'filter', 'name', 'isMe']);
  });
});
