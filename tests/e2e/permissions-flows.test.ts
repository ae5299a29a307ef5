import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRule, finishedRuns } from '../support/automation.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { addFields, errorOf, expectCode, objectId, tableOf } from '../support/records.js';
import { useServer } from '../support/server.js';
import { eventually } from '../support/ws.js';

// Permission profiles beyond the records API (issue 20): automations' notifications, scheduled
// report e-mails, template export, search over hidden text, and the write check inside the
// write's transaction. Agents reach their own deals only and never see the secret note or the
// commission.

const agentProfile = {
  name: 'Agent',
  objects: [{ objectKey: 'deal', read: 'OWN', create: true, update: 'OWN', delete: 'OWN' }],
  fields: [
    { objectKey: 'deal', fieldKey: 'secretNote', access: 'HIDDEN' },
    { objectKey: 'deal', fieldKey: 'commission', access: 'HIDDEN' },
    { objectKey: 'deal', fieldKey: 'brief', access: 'HIDDEN' },
  ],
};

describe('permission profiles in automations, scheduled reports, export, search and writes', () => {
  const server = useServer();
  let db: pg.Client;
  let admin: SignedUpUser;
  let agentA: SignedUpUser;
  let agentB: SignedUpUser;
  let dealTable: string;

  const createDeal = async (input: Record<string, unknown>): Promise<string> =>
    (
      await admin.client.data<{ createDeal: { id: string } }>(
        `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`,
        { input: { stage: 'viewingBooked', ...input } },
      )
    ).createDeal.id;

  beforeAll(async () => {
    admin = await newUser(server);
    await admin.client.data(
      `mutation { installTemplate(key: "real-estate", withSampleData: false) { __typename } }`,
    );
    await addFields(admin.client, 'deal', [
      { key: 'commission', type: 'NUMBER' },
      { key: 'secretNote', type: 'TEXT' },
      { key: 'brief', type: 'LONG_TEXT' },
      { key: 'followUp', type: 'DATETIME' },
      { key: 'reviewer', type: 'USER' },
    ]);
    [agentA, agentB] = await Promise.all([
      newMember(server, admin, 'MEMBER'),
      newMember(server, admin, 'MEMBER'),
    ]);
    const { savePermissionProfile } = await admin.client.data(
      `mutation ($input: PermissionProfileInput!) { savePermissionProfile(input: $input) { id } }`,
      { input: agentProfile },
    );
    for (const agent of [agentA, agentB])
      await admin.client.data(
        `mutation ($u: ID!, $p: ID) { assignMemberProfile(userId: $u, profileId: $p) }`,
        {
          u: agent.userId,
          p: savePermissionProfile.id,
        },
      );
    dealTable = tableOf(admin.workspaceId, await objectId(admin.client, 'deal'));
    db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
  });

  it('notifies only recipients who can read the record, with hidden fields left empty', async () => {
    const rule = await createRule(admin.client, {
      name: 'Tell about new deals',
      objectKey: 'deal',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [
        {
          type: 'NOTIFY',
          recipients: { userIds: [admin.userId, agentA.userId, agentB.userId] },
          message: 'New {{ record.name }} [{{ record.secretNote }}] {{ record.commission }}.',
        },
      ],
    });
    const dealId = await createDeal({
      name: 'Oak buyer',
      owner: agentA.userId,
      secretNote: 'zebra',
      commission: 7,
    });
    const [run] = await finishedRuns(admin.client, rule.id, 1);
    expect(run!.status, JSON.stringify(run)).toBe('SUCCEEDED');
    expect(run!.steps[0]!.output).toMatchObject({
      recipients: [admin.userId, agentA.userId],
      cannotRead: [agentB.userId],
    });
    const inbox = async (user: SignedUpUser) =>
      (
        await user.client.data<{
          notifications: { nodes: { kind: string; recordId: string; excerpt: string; label: string }[] };
        }>(`{ notifications(first: 50) { nodes { kind recordId excerpt label } } }`)
      ).notifications.nodes
        .filter((n) => n.recordId === dealId && n.kind === 'AUTOMATION')
        .map(({ kind: _kind, ...n }) => n);
    expect(await inbox(admin)).toEqual([
      { recordId: dealId, excerpt: 'New Oak buyer [zebra] 7.', label: 'Oak buyer' },
    ]);
    expect(await inbox(agentA)).toEqual([
      { recordId: dealId, excerpt: 'New Oak buyer [] .', label: 'Oak buyer' },
    ]);
    expect(await inbox(agentB)).toEqual([]);
    // The record's run history: not found for B, without the rendered message for A (whose profile
    // hides fields of deals), whole for the admin.
    const runs = `query ($id: ID!) { automationRuns(recordId: $id) { nodes { id steps { output } } } }`;
    expectCode(await agentB.client.request(runs, { id: dealId }), 'NOT_FOUND');
    const mine = await agentA.client.data<{ automationRuns: { nodes: { steps: { output: unknown }[] }[] } }>(
      runs,
      {
        id: dealId,
      },
    );
    expect(mine.automationRuns.nodes.map((r) => r.steps.map((s) => s.output))).toEqual([[null]]);
    expect(JSON.stringify(mine)).not.toContain('zebra');
    const all = await admin.client.data(runs, { id: dealId });
    expect(JSON.stringify(all)).toContain('zebra');
    await admin.client.data(`mutation ($id: ID!) { deleteAutomationRule(id: $id) }`, { id: rule.id });
  });

  it('reminds only recipients who can read the record', async () => {
    await admin.client.data(
      `mutation ($rules: [ReminderRuleInput!]!) { setReminderRules(object: "deal", field: "followUp", rules: $rules) { id } }`,
      { rules: [{ recipients: ['owner', 'reviewer'] }] },
    );
    // B is the reviewer, but the deal is A's and B's profile reaches their own deals only.
    const dealId = await createDeal({
      name: 'Pine buyer',
      owner: agentA.userId,
      reviewer: agentB.userId,
      followUp: new Date(Date.now() + 2_000).toISOString(),
    });
    const reminders = async (user: SignedUpUser) =>
      (
        await user.client.data<{
          notifications: { nodes: { kind: string; recordId: string; label: string }[] };
        }>(`{ notifications(first: 50) { nodes { kind recordId label } } }`)
      ).notifications.nodes.filter((n) => n.recordId === dealId && n.kind === 'REMINDER');
    await eventually(async () => (await reminders(agentA)).length > 0, 60_000);
    await eventually(async () => {
      const { rows } = await db.query(
        `select 1 from graphile_worker._private_jobs where payload->>'recordId' = $1`,
        [dealId],
      );
      return rows.length === 0;
    }, 60_000);
    expect(await reminders(agentA)).toEqual([{ kind: 'REMINDER', recordId: dealId, label: 'Pine buyer' }]);
    expect(await reminders(agentB)).toEqual([]);
  });

  const notificationsOf = async (user: SignedUpUser, recordId: string, kind: string) =>
    (
      await user.client.data<{
        notifications: { nodes: { kind: string; recordId: string; label: string; excerpt: string }[] };
      }>(`{ notifications(first: 100) { nodes { kind recordId label excerpt } } }`)
    ).notifications.nodes.filter((n) => n.recordId === recordId && n.kind === kind);

  it('tells of an assignment only members who can read the record', async () => {
    // `reviewer` does not grant access: B, named there on A's deal, cannot read it.
    const dealId = await createDeal({ name: 'Fir buyer', owner: agentA.userId, reviewer: agentB.userId });
    expect(await notificationsOf(agentA, dealId, 'ASSIGNMENT')).toEqual([
      { kind: 'ASSIGNMENT', recordId: dealId, label: 'Fir buyer', excerpt: 'Owner' },
    ]);
    expect(await notificationsOf(agentB, dealId, 'ASSIGNMENT')).toEqual([]);
    // Once the deal is B's too (a share), B is told of the next assignment.
    await admin.client.data(`mutation ($input: ShareRecordInput!) { shareRecord(input: $input) { id } }`, {
      input: { objectKey: 'deal', recordId: dealId, userId: agentB.userId, level: 'read' },
    });
    await admin.client.data(
      `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id } }`,
      { id: dealId, input: { reviewer: null } },
    );
    await admin.client.data(
      `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id } }`,
      { id: dealId, input: { reviewer: agentB.userId } },
    );
    expect(await notificationsOf(agentB, dealId, 'ASSIGNMENT')).toEqual([
      { kind: 'ASSIGNMENT', recordId: dealId, label: 'Fir buyer', excerpt: 'reviewer' },
    ]);
  });

  it("tells of an automation's comment only followers who can read the record", async () => {
    const rule = await createRule(admin.client, {
      name: 'Comment on new deals',
      objectKey: 'deal',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [{ type: 'ADD_COMMENT', body: 'Call {{ record.name }} today' }],
    });
    // Both are the deal's people (owner, reviewer); only A may read it.
    const dealId = await createDeal({ name: 'Ash buyer', owner: agentA.userId, reviewer: agentB.userId });
    const [run] = await finishedRuns(admin.client, rule.id, 1);
    expect(run!.status, JSON.stringify(run)).toBe('SUCCEEDED');
    const comments = async (user: SignedUpUser) =>
      (await notificationsOf(user, dealId, 'COMMENT')).map((n) => n.excerpt);
    expect(await comments(agentA)).toEqual(['Call Ash buyer today']);
    expect(await comments(agentB)).toEqual([]);
    await admin.client.data(`mutation ($id: ID!) { deleteAutomationRule(id: $id) }`, { id: rule.id });
  });

  it('mails a scheduled report to each member as their profile reads it', async () => {
    await createDeal({ name: 'Alder buyer', owner: agentA.userId, commission: 100 });
    await createDeal({ name: 'Birch buyer', owner: agentB.userId, commission: 300 });
    const save = async (name: string, definition: Record<string, unknown>) =>
      (
        await admin.client.data<{ createReport: { id: string } }>(
          `mutation ($input: CreateReportInput!) { createReport(input: $input) { id } }`,
          { input: { name, definition, shared: true } },
        )
      ).createReport.id;
    const byName = await save('Buyers by name', {
      object: 'deal',
      groupBy: [{ field: 'name' }],
      measures: [{ kind: 'COUNT' }],
    });
    const commission = await save('Commission by name', {
      object: 'deal',
      groupBy: [{ field: 'name' }],
      measures: [{ kind: 'SUM', field: 'commission' }],
    });
    const outside = `outside-${Date.now()}@example.com`;
    for (const id of [byName, commission]) {
      await admin.client.data(
        `mutation ($id: ID!, $s: ReportScheduleInput) { setReportSchedule(id: $id, schedule: $s) { id } }`,
        { id, s: { frequency: 'DAILY', hour: 7, recipients: [agentA.email, outside] } },
      );
      await db.query(`update graphile_worker._private_jobs set run_at = now() where key = $1`, [
        `report-schedule:${id}`,
      ]);
    }
    const mailTo = async (to: string, subject: string) => {
      const { rows } = await db.query<{ text_body: string | null; attachments: { content: string }[] }>(
        `select text_body, attachments from mail_message where to_address = $1 and subject like $2`,
        [to, `${subject}%`],
      );
      return rows[0];
    };
    const csvOf = (mail: { attachments: { content: string }[] } | undefined) =>
      mail?.attachments.map((a) => Buffer.from(a.content, 'base64').toString('utf8')).join('\n') ?? '';
    let agentMail: Awaited<ReturnType<typeof mailTo>>;
    let outsideMail: Awaited<ReturnType<typeof mailTo>>;
    await eventually(async () => {
      agentMail = await mailTo(agentA.email, 'Buyers by name');
      outsideMail = await mailTo(outside, 'Buyers by name');
      return Boolean(agentMail && outsideMail);
    }, 60_000);
    // The agent's copy holds their own buyers only; an outside address gets what the owner sees.
    expect(csvOf(agentMail)).toContain('Alder buyer');
    expect(csvOf(agentMail)).not.toContain('Birch buyer');
    expect(csvOf(outsideMail)).toContain('Birch buyer');
    // A report over the commission the agent cannot see is not sent to them, only said so.
    let refused: Awaited<ReturnType<typeof mailTo>>;
    await eventually(
      async () => Boolean((refused = await mailTo(agentA.email, 'Commission by name'))),
      60_000,
    );
    expect(refused!.attachments).toEqual([]);
    expect(csvOf(refused)).toBe('');
    expect(refused!.text_body).toMatch(/not sent/);
    expect(csvOf(await mailTo(outside, 'Commission by name'))).toContain('300');
  });

  it('lets only admins export the workspace as a template', async () => {
    await createDeal({ name: 'Export buyer', owner: agentB.userId, secretNote: 'hidden words' });
    const exported = `{ exportWorkspaceTemplate(withData: true) }`;
    expectCode(await agentA.client.request(exported), 'FORBIDDEN');
    const plain = await newMember(server, admin, 'MEMBER');
    expectCode(await plain.client.request(exported), 'FORBIDDEN');
    expect(
      (await admin.client.data<{ exportWorkspaceTemplate: string }>(exported)).exportWorkspaceTemplate,
    ).toContain('hidden words');
  });

  it('never matches a search on words of fields the reader cannot see', async () => {
    const id = await createDeal({
      name: 'Quince buyer',
      owner: agentA.userId,
      secretNote: 'zebra crossing',
      brief: 'wants a quokka garden',
    });
    const search = async (user: SignedUpUser, text: string) =>
      (
        await user.client.data<{ deals: { nodes: { id: string }[]; totalCount: number } }>(
          `query ($s: String) { deals(search: $s, first: 50) { totalCount nodes { id } } }`,
          { s: text },
        )
      ).deals.nodes.some((n) => n.id === id);
    for (const text of ['zebra', 'zeb', 'quokka', 'quince zebra', '"zebra crossing"', 'zebra or quokka'])
      expect(await search(agentA, text), text).toBe(false);
    for (const text of ['quince', 'Quin', 'buyer quince', 'quince -zebra', 'quince or nothing'])
      expect(await search(agentA, text), text).toBe(true);
    // Admins search the whole record, as before.
    for (const text of ['zebra', 'quokka', 'quince zebra'])
      expect(await search(admin, text), text).toBe(true);
    expect(await search(admin, 'quince -zebra')).toBe(false);
  });

  it('checks the write scope on the locked record, inside the write', async () => {
    const update = `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id name } }`;
    // An owner change in flight holds the record; the agent's update waits for it, then is
    // checked against the record as committed: no longer theirs, so not found.
    const moved = await createDeal({ name: 'Moving buyer', owner: agentA.userId });
    const shared = await createDeal({ name: 'Shared buyer', owner: agentA.userId });
    await admin.client.data(`mutation ($input: ShareRecordInput!) { shareRecord(input: $input) { id } }`, {
      input: { objectKey: 'deal', recordId: shared, userId: agentA.userId, level: 'read' },
    });
    for (const [id, code] of [
      [moved, 'NOT_FOUND'],
      [shared, 'FORBIDDEN'],
    ] as const) {
      const other = new pg.Client({ connectionString: server.databaseUrl });
      await other.connect();
      try {
        await other.query('begin');
        await other.query(`update ${dealTable} set owner_id = $1 where id = $2`, [agentB.userId, id]);
        const { rows: holder } = await other.query<{ pid: number }>('select pg_backend_pid() as pid');
        const write = agentA.client.request(update, { id, input: { name: 'Taken' } });
        // Blocked by this transaction (a statement's text is cut at 1 kB in pg_stat_activity, so
        // its `for update` cannot be matched on a wide object).
        await eventually(async () => {
          const { rows } = await db.query(
            `select 1 from pg_stat_activity where wait_event_type = 'Lock' and $1 = any(pg_blocking_pids(pid))`,
            [holder[0]!.pid],
          );
          return rows.length > 0;
        }, 30_000);
        await other.query('commit');
        const response = await write;
        expectCode(response, code);
        expect(errorOf(response).message).not.toContain('Taken');
      } finally {
        await other.end();
      }
      const { deal } = await admin.client.data(`query ($id: ID!) { deal(id: $id) { name } }`, { id });
      expect(deal.name).not.toBe('Taken');
    }
    // In scope, the same write goes through.
    const own = await createDeal({ name: 'Own buyer', owner: agentA.userId });
    expect(
      (await agentA.client.data(update, { id: own, input: { name: 'Own buyer!' } })).updateDeal.name,
    ).toBe('Own buyer!');
  });
});
