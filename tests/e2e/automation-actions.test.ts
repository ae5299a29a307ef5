import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { useServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Automation actions and time triggers through GraphQL: round-robin assignment skipping an away
// member, inbox notifications, comments written as the rule, e-mail queued in the outbox,
// date-relative triggers that follow their record, and a cron schedule whose due job runs once.

const createRule = /* GraphQL */ `
  mutation ($input: AutomationRuleInput!) {
    createAutomationRule(input: $input) {
      id
      name
    }
  }
`;
const runsOf = /* GraphQL */ `
  query ($ruleId: ID, $recordId: ID) {
    automationRuns(ruleId: $ruleId, recordId: $recordId) {
      nodes {
        id
        recordId
        status
        error
        steps {
          type
          status
          output
          error
        }
      }
    }
  }
`;
const setAway = /* GraphQL */ `
  mutation ($userId: ID!, $away: Boolean!) {
    setMemberAway(userId: $userId, away: $away) {
      away
    }
  }
`;

interface Run {
  id: string;
  recordId: string | null;
  status: string;
  error: string | null;
  steps: { type: string; status: string; output: Record<string, unknown> | null; error: string | null }[];
}

describe('automation actions and time triggers', () => {
  const server = useServer();
  let admin: SignedUpUser;
  let ann: SignedUpUser;
  let bob: SignedUpUser;
  let cat: SignedUpUser;
  let socket: Client;
  /** Ann's bell, live from the start. */
  let annLive: ReturnType<
    typeof collect<{ notificationAdded: { kind: string; recordId: string; excerpt: string } }>
  >;

  beforeAll(async () => {
    admin = await newUser(server, { name: 'Ada Admin' });
    ann = await newMember(server, admin, 'MEMBER');
    bob = await newMember(server, admin, 'MEMBER');
    cat = await newMember(server, admin, 'MEMBER');
    socket = newSocketClient(server, { cookie: ann.client.cookie, workspaceId: ann.workspaceId }).client;
    annLive = collect<{ notificationAdded: { kind: string; recordId: string; excerpt: string } }>(
      socket,
      `subscription { notificationAdded { kind recordId excerpt } }`,
    );
  });
  afterAll(async () => {
    annLive.stop();
    await socket.dispose();
  });

  async function rule(input: Record<string, unknown>): Promise<string> {
    const { createAutomationRule } = await admin.client.data<{ createAutomationRule: { id: string } }>(
      createRule,
      {
        input: { enabled: true, ...input },
      },
    );
    return createAutomationRule.id;
  }

  async function runs(variables: { ruleId?: string; recordId?: string }): Promise<Run[]> {
    return (await admin.client.data<{ automationRuns: { nodes: Run[] } }>(runsOf, variables)).automationRuns
      .nodes;
  }

  /** The rule's finished runs on the record, once there are `count` of them. */
  async function finishedRuns(ruleId: string, recordId: string, count = 1): Promise<Run[]> {
    let found: Run[] = [];
    await eventually(async () => {
      found = (await runs({ ruleId, recordId })).filter(
        (r) => !['QUEUED', 'RUNNING', 'WAITING'].includes(r.status),
      );
      return found.length >= count;
    }, 60_000);
    return found;
  }

  async function create(object: 'task' | 'person', input: Record<string, unknown>): Promise<string> {
    const mutation = object === 'task' ? 'createTask' : 'createPerson';
    const type = object === 'task' ? 'TaskCreateInput' : 'PersonCreateInput';
    const data = await admin.client.data<Record<string, { id: string }>>(
      `mutation ($input: ${type}!) { ${mutation}(input: $input) { id } }`,
      { input },
    );
    return data[mutation]!.id;
  }

  async function assigneeOf(taskId: string): Promise<string | null> {
    const { task } = await admin.client.data<{ task: { assignee: { id: string } | null } }>(
      `query ($id: ID!) { task(id: $id) { assignee { id } } }`,
      { id: taskId },
    );
    return task.assignee?.id ?? null;
  }

  it('assigns round-robin in turn, passing over an away member', async () => {
    const ruleId = await rule({
      name: 'Share out tasks',
      objectKey: 'task',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [
        {
          type: 'ASSIGN',
          field: 'assignee',
          mode: 'ROUND_ROBIN',
          userIds: [ann.userId, bob.userId, cat.userId],
        },
      ],
    });
    await bob.client.data(setAway, { userId: bob.userId, away: true });
    const assigned: (string | null)[] = [];
    for (const name of ['one', 'two', 'three']) {
      const id = await create('task', { name });
      const [run] = await finishedRuns(ruleId, id);
      expect(run!.status).toBe('SUCCEEDED');
      assigned.push(await assigneeOf(id));
    }
    expect(assigned).toEqual([ann.userId, cat.userId, ann.userId]);
    await bob.client.data(setAway, { userId: bob.userId, away: false });
    const back = await create('task', { name: 'four' });
    await finishedRuns(ruleId, back);
    expect(await assigneeOf(back)).toBe(bob.userId);

    // Six at once: the rotation's row is locked per step, so each member gets exactly two.
    const { createTasks } = await admin.client.data<{ createTasks: { id: string }[] }>(
      `mutation ($inputs: [TaskCreateInput!]!) { createTasks(inputs: $inputs) { id } }`,
      { inputs: Array.from({ length: 6 }, (_, i) => ({ name: `batch ${i}` })) },
    );
    const counts = new Map<string | null, number>();
    for (const { id } of createTasks) {
      await finishedRuns(ruleId, id);
      const who = await assigneeOf(id);
      counts.set(who, (counts.get(who) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({ [ann.userId]: 2, [bob.userId]: 2, [cat.userId]: 2 });
  });

  it('notifies once in the inbox, comments as the rule and queues an e-mail', async () => {
    const ruleId = await rule({
      name: 'Welcome people',
      objectKey: 'person',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [
        { type: 'NOTIFY', recipients: { userIds: [ann.userId] }, message: 'New person: {{ record.name }}' },
        { type: 'ADD_COMMENT', body: 'Say hello to {{ record.name }}' },
        { type: 'SEND_EMAIL', to: { field: 'email' }, subject: 'Welcome, {{ record.name }}', body: 'Hello!' },
      ],
    });
    const personId = await create('person', { name: 'Grace Hopper', email: 'grace@example.com' });
    const [run] = await finishedRuns(ruleId, personId);
    expect(run!.status, JSON.stringify(run)).toBe('SUCCEEDED');
    expect(run!.steps.map((s) => s.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);

    const { notifications } = await ann.client.data<{
      notifications: { nodes: { kind: string; recordId: string; excerpt: string; label: string }[] };
    }>(`query { notifications(first: 50) { nodes { kind recordId excerpt label } } }`);
    expect(notifications.nodes.filter((n) => n.recordId === personId)).toEqual([
      { kind: 'AUTOMATION', recordId: personId, excerpt: 'New person: Grace Hopper', label: 'Grace Hopper' },
    ]);

    // Her bell heard it too, once the step committed.
    await eventually(() => annLive.results.some((r) => r.data?.notificationAdded.recordId === personId));
    expect(
      annLive.results.filter((r) => r.data?.notificationAdded.recordId === personId).map((r) => r.data),
    ).toEqual([
      { notificationAdded: { kind: 'AUTOMATION', recordId: personId, excerpt: 'New person: Grace Hopper' } },
    ]);

    const { comments } = await admin.client.data<{
      comments: { nodes: { body: string; authorId: string | null; authorName: string }[] };
    }>(
      `query ($recordId: ID!) { comments(object: "person", recordId: $recordId) { nodes { body authorId authorName } } }`,
      {
        recordId: personId,
      },
    );
    expect(comments.nodes).toEqual([
      { body: 'Say hello to Grace Hopper', authorId: null, authorName: 'Automation: Welcome people' },
    ]);

    const mail = await query<{ to_address: string; subject: string; status: string; status_reason: string }>(
      server.databaseUrl,
      'select to_address, subject, status, status_reason from mail_message where source_rule_id = $1',
      [ruleId],
    );
    expect(mail).toEqual([
      {
        to_address: 'grace@example.com',
        subject: 'Welcome, Grace Hopper',
        status: 'QUEUED',
        status_reason: 'not sent: no mail server configured',
      },
    ]);
    expect(run!.steps[2]!.output).toMatchObject({ queued: true, status: 'QUEUED' });
  });

  it('refuses a date trigger on a field that is not a date, a cron that does not parse, a non-member', async () => {
    const bad = async (trigger: Record<string, unknown>) => {
      const { body } = await admin.client.request(createRule, {
        input: { name: 'Bad', objectKey: 'task', enabled: true, trigger, actions: [] },
      });
      return body.errors?.[0]?.extensions;
    };
    expect(await bad({ kind: 'DATE_RELATIVE', dateField: 'name' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['input', 'trigger', 'dateField'],
    });
    expect(await bad({ kind: 'SCHEDULE', cron: 'every day' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['input', 'trigger', 'cron'],
    });

    const stranger = await newUser(server);
    const { body } = await admin.client.request(createRule, {
      input: {
        name: 'Assign a stranger',
        objectKey: 'task',
        enabled: true,
        trigger: { kind: 'RECORD_CREATED' },
        actions: [
          { type: 'ASSIGN', field: 'assignee', mode: 'ROUND_ROBIN', userIds: [ann.userId, stranger.userId] },
        ],
      },
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['input', 'actions', '0', 'userIds', '1'],
    });
    expect(body.errors?.[0]?.message).toMatch(/not a member/);
  });

  async function jobOf(key: string): Promise<{ run_at: Date } | undefined> {
    const [job] = await query<{ run_at: Date }>(
      server.databaseUrl,
      'select run_at from graphile_worker._private_jobs where key = $1',
      [key],
    );
    return job;
  }

  it('fires a date-relative rule when the date comes, and moves its job with the date', async () => {
    const ruleId = await rule({
      name: 'Due soon',
      objectKey: 'task',
      trigger: { kind: 'DATE_RELATIVE', dateField: 'dueAt', offsetMinutes: -60 },
      actions: [{ type: 'ADD_COMMENT', body: 'Due in an hour: {{ record.name }}' }],
    });
    const later = new Date(Date.now() + 5 * 3_600_000);
    const taskId = await create('task', { name: 'Later', dueAt: later.toISOString() });
    const key = `automation:date:${ruleId}:${taskId}`;
    await eventually(async () => (await jobOf(key))?.run_at.getTime() === later.getTime() - 3_600_000);

    const moved = new Date(later.getTime() + 3_600_000);
    await admin.client.data(
      `mutation ($id: ID!, $input: TaskUpdateInput!) { updateTask(id: $id, input: $input) { id } }`,
      {
        id: taskId,
        input: { dueAt: moved.toISOString() },
      },
    );
    await eventually(async () => (await jobOf(key))?.run_at.getTime() === moved.getTime() - 3_600_000);

    // An hour and a few seconds ahead: due in a few seconds.
    const soon = new Date(Date.now() + 3_600_000 + 3_000);
    await admin.client.data(
      `mutation ($id: ID!, $input: TaskUpdateInput!) { updateTask(id: $id, input: $input) { id } }`,
      {
        id: taskId,
        input: { dueAt: soon.toISOString() },
      },
    );
    const [run] = await finishedRuns(ruleId, taskId);
    expect(run!.status).toBe('SUCCEEDED');
    await eventually(async () => (await jobOf(key)) === undefined);
    expect(await runs({ ruleId, recordId: taskId })).toHaveLength(1);
  });

  it('schedules a rule already there for existing records, and cancels the job when the record is deleted', async () => {
    const dueAt = new Date(Date.now() + 2 * 3_600_000);
    const taskId = await create('task', { name: 'Existing', dueAt: dueAt.toISOString() });
    const ruleId = await rule({
      name: 'At the due time',
      objectKey: 'task',
      trigger: { kind: 'DATE_RELATIVE', dateField: 'dueAt' },
      actions: [{ type: 'ADD_COMMENT', body: 'Now due' }],
    });
    const key = `automation:date:${ruleId}:${taskId}`;
    await eventually(async () => (await jobOf(key))?.run_at.getTime() === dueAt.getTime());
    await admin.client.data(`mutation ($id: ID!) { deleteTask(id: $id) { id } }`, { id: taskId });
    await eventually(async () => (await jobOf(key)) === undefined);

    // Turning the rule off cancels the jobs of its other records; back on, they return.
    const otherId = await create('task', { name: 'Other', dueAt: dueAt.toISOString() });
    const otherKey = `automation:date:${ruleId}:${otherId}`;
    await eventually(async () => (await jobOf(otherKey)) !== undefined);
    const enable = `mutation ($id: ID!, $enabled: Boolean!) { setAutomationRuleEnabled(id: $id, enabled: $enabled) { id } }`;
    await admin.client.data(enable, { id: ruleId, enabled: false });
    expect(await jobOf(otherKey)).toBeUndefined();
    await admin.client.data(enable, { id: ruleId, enabled: true });
    await eventually(async () => (await jobOf(otherKey))?.run_at.getTime() === dueAt.getTime());
  });

  it('places a DATE trigger at its time of day in the owner’s zone, and moves it when that zone changes', async () => {
    const ruleId = await rule({
      name: 'Closing day',
      objectKey: 'deal',
      trigger: { kind: 'DATE_RELATIVE', dateField: 'closeDate', timeOfDay: '09:00' },
      actions: [{ type: 'ADD_COMMENT', body: 'Closing today' }],
    });
    const { createDeal } = await admin.client.data<{ createDeal: { id: string } }>(
      `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`,
      { input: { name: 'Big one', closeDate: '2030-06-03', owner: admin.userId } },
    );
    const key = `automation:date:${ruleId}:${createDeal.id}`;
    await eventually(async () => (await jobOf(key))?.run_at.toISOString() === '2030-06-03T09:00:00.000Z');
    await admin.client.data(`mutation { setTimeZone(timeZone: "Asia/Tokyo") }`);
    expect((await jobOf(key))?.run_at.toISOString()).toBe('2030-06-03T00:00:00.000Z');
  });

  it('fires a yearly date once per occurrence and schedules the next year’s', async () => {
    const ruleId = await rule({
      name: 'Anniversary',
      objectKey: 'deal',
      trigger: { kind: 'DATE_RELATIVE', dateField: 'closeDate', yearly: true },
      actions: [
        { type: 'NOTIFY', recipients: { fields: ['owner'] }, message: 'Anniversary of {{ record.name }}' },
      ],
    });
    const { createDeal } = await admin.client.data<{ createDeal: { id: string } }>(
      `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`,
      { input: { name: 'Leap deal', closeDate: '2000-02-29', owner: ann.userId } },
    );
    // Feb 29 in leap years, Feb 28 otherwise, at 09:00 in the owner's zone (UTC: none set).
    const occurrence = (year: number) => {
      const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
      return Date.UTC(year, 1, leap ? 29 : 28, 9);
    };
    let year = new Date().getUTCFullYear();
    while (occurrence(year) <= Date.now()) year++;
    const key = `automation:date:${ruleId}:${createDeal.id}`;
    await eventually(async () => (await jobOf(key))?.run_at.getTime() === occurrence(year));
    // Due now instead: the run starts, and the job moves to the following year.
    await query(
      server.databaseUrl,
      'update graphile_worker._private_jobs set run_at = now() where key = $1',
      [key],
    );
    const [run] = await finishedRuns(ruleId, createDeal.id);
    expect(run!.status).toBe('SUCCEEDED');
    await eventually(async () => (await jobOf(key))?.run_at.getTime() === occurrence(year + 1));
    expect(await runs({ ruleId })).toHaveLength(1);
  });

  it('schedules a cron rule and starts one run when its job comes due, then the next occurrence', async () => {
    const ruleId = await rule({
      name: 'Every minute',
      objectKey: 'person',
      trigger: { kind: 'SCHEDULE', cron: '* * * * *', timeZone: 'Europe/Paris' },
      actions: [{ type: 'NOTIFY', recipients: { userIds: [cat.userId] }, message: 'tick' }],
    });
    const key = `automation:schedule:${ruleId}`;
    const first = await jobOf(key);
    expect(first).toBeDefined();
    expect(first!.run_at.getTime()).toBeGreaterThan(Date.now() - 1_000);
    expect(first!.run_at.getTime() % 60_000).toBe(0);
    // Due now instead of at the next minute.
    await query(
      server.databaseUrl,
      'update graphile_worker._private_jobs set run_at = now() where key = $1',
      [key],
    );
    await eventually(async () => (await runs({ ruleId })).length === 1, 60_000);
    await eventually(async () => (await jobOf(key))?.run_at.getTime() === first!.run_at.getTime() + 60_000);
    const [run] = await runs({ ruleId });
    expect(run!.recordId).toBeNull();
  });

  it('runs a scheduled rule once per record its filter matches', async () => {
    const tag = `Tick ${Date.now()}`;
    const matching = [
      await create('person', { name: `${tag} a` }),
      await create('person', { name: `${tag} b` }),
    ];
    await create('person', { name: 'Someone else' });
    const ruleId = await rule({
      name: 'Every minute, per person',
      objectKey: 'person',
      trigger: { kind: 'SCHEDULE', cron: '* * * * *', scheduleFilter: { name: { startsWith: tag } } },
      actions: [{ type: 'ADD_COMMENT', body: 'Weekly check on {{ record.name }}' }],
    });
    const key = `automation:schedule:${ruleId}`;
    await query(
      server.databaseUrl,
      'update graphile_worker._private_jobs set run_at = now() where key = $1',
      [key],
    );
    await eventually(
      async () => (await runs({ ruleId })).filter((r) => r.status === 'SUCCEEDED').length === 2,
      60_000,
    );
    expect((await runs({ ruleId })).map((r) => r.recordId).sort()).toEqual([...matching].sort());
  });
});
