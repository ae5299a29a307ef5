import { describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { createRule, finishedRuns, ruleFields, runsOf } from '../support/automation.js';
import { changeLog, errorOf } from '../support/records.js';
import { useServer } from '../support/server.js';

// Automation rules over the API: written and checked, fired once per matching change from the
// change log, their actions (create, update, move stage, wait, branch) and their run history.

const server = useServer();
const deadlineMs = 90_000;

const followUp = {
  type: 'CREATE_RECORD',
  object: 'task',
  values: {
    name: { template: 'Follow up {{ record.name }} for {{ record.company.name }} ({{ rule.name }})' },
    deal: { fromField: 'id' },
    dueAt: { relativeDate: { days: 1 } },
    priority: { value: 'high' },
  },
};

async function createDeal(user: SignedUpUser, input: Record<string, unknown>): Promise<string> {
  const { createDeal } = await user.client.data<{ createDeal: { id: string } }>(
    `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`,
    { input },
  );
  return createDeal.id;
}

async function updateDeal(user: SignedUpUser, id: string, patch: Record<string, unknown>): Promise<void> {
  await user.client.data(
    `mutation ($id: ID!, $patch: DealUpdateInput!) { updateDeal(id: $id, input: $patch) { id } }`,
    {
      id,
      patch,
    },
  );
}

interface Task {
  id: string;
  name: string;
  priority: string;
  dueAt: string;
  deal: { id: string } | null;
}

async function tasksOf(user: SignedUpUser, dealId: string): Promise<Task[]> {
  const { tasks } = await user.client.data<{ tasks: { nodes: Task[] } }>(
    `query ($id: ID!) { tasks(filter: { deal: { eq: $id } }, first: 100) { nodes { id name priority dueAt deal { id } } } }`,
    { id: dealId },
  );
  return tasks.nodes;
}

async function dealOf(user: SignedUpUser, id: string) {
  const { deal } = await user.client.data<{
    deal: { stage: string; name: string; probability: number | null };
  }>(`query ($id: ID!) { deal(id: $id) { name stage probability } }`, { id });
  return deal;
}

describe('automation rules', () => {
  it('are created, listed, updated at a version, disabled and deleted by admins', async () => {
    const admin = await newUser(server);
    const rule = await createRule(admin.client, {
      name: 'Follow up new deals',
      objectKey: 'deal',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [followUp],
    });
    expect(rule.version).toBe(1);
    const { automationRules } = await admin.client.data(
      `{ automationRules(objectKey: "deal") { ${ruleFields} } }`,
    );
    expect(automationRules).toEqual([
      expect.objectContaining({
        id: rule.id,
        name: 'Follow up new deals',
        enabled: true,
        disabledReason: null,
      }),
    ]);
    const update = `mutation ($id: ID!, $input: AutomationRuleInput!, $v: Int) { updateAutomationRule(id: $id, input: $input, expectedVersion: $v) { version name } }`;
    const input = {
      name: 'Renamed',
      objectKey: 'deal',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [followUp],
    };
    expect((await admin.client.data(update, { id: rule.id, input, v: 1 })).updateAutomationRule).toEqual({
      version: 2,
      name: 'Renamed',
    });
    expect(errorOf(await admin.client.request(update, { id: rule.id, input, v: 1 })).code).toBe('CONFLICT');
    const { setAutomationRuleEnabled } = await admin.client.data(
      `mutation ($id: ID!) { setAutomationRuleEnabled(id: $id, enabled: false) { enabled version } }`,
      { id: rule.id },
    );
    expect(setAutomationRuleEnabled).toEqual({ enabled: false, version: 3 });
    const member = await newMember(server, admin, 'MEMBER');
    expect(errorOf(await member.client.request(`{ automationRules { id } }`)).code).toBe('FORBIDDEN');
    const { deleteAutomationRule } = await admin.client.data(
      `mutation ($id: ID!) { deleteAutomationRule(id: $id) }`,
      { id: rule.id },
    );
    expect(deleteAutomationRule).toBe(true);
    expect((await admin.client.data(`{ automationRules { id } }`)).automationRules).toEqual([]);
  });

  it('refuse bad input naming the part: a missing field, an incompatible value, an archived field, an unknown trigger', async () => {
    const admin = await newUser(server);
    const create = `mutation ($input: AutomationRuleInput!) { createAutomationRule(input: $input) { id } }`;
    const base = { name: 'Bad', objectKey: 'deal', trigger: { kind: 'RECORD_CREATED' }, actions: [followUp] };
    const cases: [Record<string, unknown>, string[]][] = [
      [
        {
          ...base,
          actions: [
            { type: 'CREATE_RECORD', object: 'task', values: { name: { value: 'x' }, nope: { value: 1 } } },
          ],
        },
        ['input', 'actions', '0', 'values', 'nope'],
      ],
      [
        {
          ...base,
          actions: [
            {
              type: 'CREATE_RECORD',
              object: 'task',
              values: { name: { value: 'x' }, priority: { value: 'extreme' } },
            },
          ],
        },
        ['input', 'actions', '0', 'values', 'priority', 'value'],
      ],
      [
        { ...base, actions: [{ type: 'UPDATE_RECORD', values: { amount: { fromField: 'name' } } }] },
        ['input', 'actions', '0', 'values', 'amount', 'fromField'],
      ],
      [
        { ...base, trigger: { kind: 'RECORD_UPDATED', fields: ['stage'], toValue: 'nowhere' } },
        ['input', 'trigger', 'toValue'],
      ],
      [{ ...base, trigger: { kind: 'STAGE_ENTERED', stage: 'nowhere' } }, ['input', 'trigger', 'stage']],
      [{ ...base, trigger: { kind: 'WHENEVER' } }, ['input', 'trigger', 'kind']],
      [{ ...base, objectKey: 'unicorn' }, ['input', 'objectKey']],
      [{ ...base, actions: [] }, ['input', 'actions']],
      [{ ...base, actions: [{ type: 'WAIT', minutes: -1 }] }, ['input', 'actions', '0', 'minutes']],
      [
        { ...base, actions: [{ type: 'BRANCH', condition: { name: { eq: 'x' } }, then: [{ type: 'FLY' }] }] },
        ['input', 'actions', '0', 'then', '0', 'type'],
      ],
      [
        {
          ...base,
          actions: [
            { type: 'CREATE_RECORD', object: 'task', values: { name: { template: '{{ record.name' } } },
          ],
        },
        ['input', 'actions', '0', 'values', 'name', 'template'],
      ],
    ];
    for (const [input, path] of cases) {
      const response = await admin.client.request(create, { input });
      expect(response.body.errors?.[0]?.extensions, JSON.stringify(path)).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentPath: path,
      });
    }
    const { createField } = await admin.client.data(
      `mutation { createField(input: { object: "deal", key: "source", label: "Source", type: TEXT }) { id } }`,
    );
    await admin.client.data(`mutation ($id: ID!) { archiveField(id: $id) { id } }`, { id: createField.id });
    const archived = await admin.client.request(create, {
      input: { ...base, condition: { source: { eq: 'web' } } },
    });
    const error = errorOf(archived);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect((error.argumentPath as string[]).slice(0, 3)).toEqual(['input', 'condition', 'source']);
  });

  it('fire once per created record, creating a task with merge fields, a relative date and the rule as its author', async () => {
    const admin = await newUser(server);
    const rule = await createRule(admin.client, {
      name: 'Follow up new deals',
      objectKey: 'deal',
      trigger: { kind: 'RECORD_CREATED' },
      condition: { name: { startsWith: 'Big' } },
      actions: [followUp],
    });
    const { createCompany } = await admin.client.data(
      `mutation { createCompany(input: { name: "Acme" }) { id } }`,
    );
    const before = Date.now();
    const big = await createDeal(admin, { name: 'Big boat', company: createCompany.id });
    const small = await createDeal(admin, { name: 'Small boat' });
    const [run] = await finishedRuns(admin.client, rule.id, 1, deadlineMs);
    expect(run!.error).toBeNull();
    expect(run).toMatchObject({ status: 'SUCCEEDED', recordId: big, trigger: 'RECORD_CREATED', depth: 1 });
    expect(run!.steps).toEqual([
      expect.objectContaining({ path: '0', type: 'CREATE_RECORD', status: 'SUCCEEDED' }),
    ]);
    const tasks = await tasksOf(admin, big);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      name: 'Follow up Big boat for Acme (Follow up new deals)',
      priority: 'high',
      deal: { id: big },
    });
    const [logged] = await changeLog(server.databaseUrl, admin.workspaceId, tasks[0]!.id);
    expect(logged).toMatchObject({ kind: 'create', actor_id: rule.id });
    const due = Date.parse(tasks[0]!.dueAt) - before;
    expect(due).toBeGreaterThan(23 * 3600_000);
    expect(due).toBeLessThan(25 * 3600_000);
    expect(await tasksOf(admin, small)).toEqual([]);
    // Another change later: still one run for the first.
    await createDeal(admin, { name: 'Big ship' });
    const runs = await finishedRuns(admin.client, rule.id, 2, deadlineMs);
    expect(runs.filter((r) => r.recordId === big)).toHaveLength(1);
  });

  it('fire on stage moves and deletions, and read isMe as the member whose write caused the run', async () => {
    const admin = await newUser(server);
    const member = await newMember(server, admin, 'MEMBER');
    const qualify = await createRule(admin.client, {
      name: 'Qualify my deals',
      objectKey: 'deal',
      trigger: { kind: 'RECORD_CREATED' },
      condition: { owner: { isMe: true } },
      actions: [{ type: 'MOVE_STAGE', stage: 'qualified' }],
    });
    const entered = await createRule(admin.client, {
      name: 'Entered qualified',
      objectKey: 'deal',
      trigger: { kind: 'STAGE_ENTERED', stage: 'qualified' },
      actions: [
        {
          type: 'CREATE_RECORD',
          object: 'task',
          values: { name: { template: 'Qualified {{ record.name }}' }, deal: { fromField: 'id' } },
        },
      ],
    });
    const deleted = await createRule(admin.client, {
      name: 'Deleted',
      objectKey: 'deal',
      trigger: { kind: 'RECORD_DELETED' },
      actions: [
        { type: 'CREATE_RECORD', object: 'task', values: { name: { template: 'Gone: {{ record.name }}' } } },
      ],
    });
    const mine = await createDeal(admin, { name: 'Mine' });
    const theirs = await createDeal(admin, { name: 'Theirs', owner: member.userId });
    const qualified = await finishedRuns(admin.client, qualify.id, 1, deadlineMs);
    expect(qualified.map((r) => [r.recordId, r.status])).toEqual([[mine, 'SUCCEEDED']]);
    expect((await dealOf(admin, mine)).stage).toBe('qualified');
    expect((await dealOf(admin, theirs)).stage).toBe('lead');
    const [enteredRun] = await finishedRuns(admin.client, entered.id, 1, deadlineMs);
    expect(enteredRun).toMatchObject({ recordId: mine, depth: 2, status: 'SUCCEEDED' });
    expect((await tasksOf(admin, mine)).map((t) => t.name)).toEqual(['Qualified Mine']);
    await updateDeal(admin, theirs, { stage: 'proposal' });
    await admin.client.data(`mutation ($id: ID!) { deleteDeal(id: $id) { id } }`, { id: theirs });
    const [deletedRun] = await finishedRuns(admin.client, deleted.id, 1, deadlineMs);
    expect(deletedRun).toMatchObject({ recordId: theirs, trigger: 'RECORD_DELETED', status: 'SUCCEEDED' });
    const { tasks } = await admin.client.data(
      `{ tasks(filter: { name: { startsWith: "Gone" } }) { nodes { name } } }`,
    );
    expect(tasks.nodes).toEqual([{ name: 'Gone: Theirs' }]);
    expect(await runsOf(admin.client, { ruleId: entered.id })).toHaveLength(1);
  });

  it('start with the changes after they turn active, though the dispatcher reads older ones late', async () => {
    const admin = await newUser(server);
    // A rule on companies keeps the dispatcher on; deal changes do not wake it, so its cursor
    // stays behind them until something else does.
    await createRule(admin.client, {
      name: 'Welcome companies',
      objectKey: 'company',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [{ type: 'ADD_COMMENT', body: 'Welcome {{ record.name }}' }],
    });
    const early = await createDeal(admin, { name: 'Early' });
    const comment = { type: 'ADD_COMMENT', body: 'New {{ record.name }}' };
    const rule = await createRule(admin.client, {
      name: 'Comment on new deals',
      objectKey: 'deal',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [comment],
    });
    const late = await createDeal(admin, { name: 'Late' });
    // One batch reads both creations: a run for Early would finish with Late's.
    const runs = await finishedRuns(admin.client, rule.id, 1, deadlineMs);
    expect(runs.map((r) => r.recordId)).toEqual([late]);
    // Switched off and on again: what was written meanwhile is not its either.
    const toggle = `mutation ($id: ID!, $on: Boolean!) { setAutomationRuleEnabled(id: $id, enabled: $on) { id } }`;
    await admin.client.data(toggle, { id: rule.id, on: false });
    const whileOff = await createDeal(admin, { name: 'While off' });
    await admin.client.data(toggle, { id: rule.id, on: true });
    const after = await createDeal(admin, { name: 'After' });
    const again = await finishedRuns(admin.client, rule.id, 2, deadlineMs);
    expect(again.map((r) => r.recordId).sort()).toEqual([late, after].sort());
    expect(again.map((r) => r.recordId)).not.toContain(whileOff);
    expect(again.map((r) => r.recordId)).not.toContain(early);
  });
});
