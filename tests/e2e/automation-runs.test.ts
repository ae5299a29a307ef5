import { describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { createRule, finishedRuns, ruleFields, runFields, runsOf, type Run } from '../support/automation.js';
import { errorOf } from '../support/records.js';
import { useServer } from '../support/server.js';
import { eventually } from '../support/ws.js';

// Rule runs: update triggers with fields and values, waits, branches, dry runs, reruns,
// manual runs, the loop guard, rules broken by a metadata change, and runs in the timeline.

const server = useServer();
const deadlineMs = 90_000;

async function createCompany(user: SignedUpUser, input: Record<string, unknown>): Promise<string> {
  const { createCompany } = await user.client.data<{ createCompany: { id: string } }>(
    `mutation ($input: CompanyCreateInput!) { createCompany(input: $input) { id } }`,
    { input },
  );
  return createCompany.id;
}

async function createCompanies(user: SignedUpUser, inputs: Record<string, unknown>[]): Promise<string[]> {
  const { createCompanies } = await user.client.data<{ createCompanies: { id: string }[] }>(
    `mutation ($inputs: [CompanyCreateInput!]!) { createCompanies(inputs: $inputs) { id } }`,
    { inputs },
  );
  return createCompanies.map((c) => c.id);
}

async function updateCompany(user: SignedUpUser, id: string, input: Record<string, unknown>): Promise<void> {
  await user.client.data(
    `mutation ($id: ID!, $input: CompanyUpdateInput!) { updateCompany(id: $id, input: $input) { id } }`,
    {
      id,
      input,
    },
  );
}

async function companyOf(
  user: SignedUpUser,
  id: string,
): Promise<{ name: string; industry: string | null; phone: string | null }> {
  const { company } = await user.client.data(
    `query ($id: ID!) { company(id: $id) { name industry phone } }`,
    { id },
  );
  return company;
}

const setIndustry = (value: string) => ({ type: 'UPDATE_RECORD', values: { industry: { value } } });

describe('rule runs', () => {
  it('fire on updates of the given fields only, and only when the field changes to the given value', async () => {
    const admin = await newUser(server);
    const anyIndustry = await createRule(admin.client, {
      name: 'Industry changed',
      objectKey: 'company',
      trigger: { kind: 'RECORD_UPDATED', fields: ['industry'] },
      actions: [{ type: 'UPDATE_RECORD', values: { address: { template: 'was {{ record.industry }}' } } }],
    });
    const toBoats = await createRule(admin.client, {
      name: 'Now boats',
      objectKey: 'company',
      trigger: { kind: 'RECORD_UPDATED', fields: ['industry'], toValue: 'Boats' },
      actions: [{ type: 'UPDATE_RECORD', values: { phone: { value: '+14155550100' } } }],
    });
    const id = await createCompany(admin, { name: 'Harbour' });
    await updateCompany(admin, id, { name: 'Harbour Ltd' });
    await updateCompany(admin, id, { industry: 'Cars' });
    await updateCompany(admin, id, { industry: 'Boats' });
    const any = await finishedRuns(admin.client, anyIndustry.id, 2, deadlineMs);
    const boats = await finishedRuns(admin.client, toBoats.id, 1, deadlineMs);
    expect(any.map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(boats).toHaveLength(1);
    expect(boats[0]!.status).toBe('SUCCEEDED');
    expect((await companyOf(admin, id)).phone).toBe('+14155550100');
  });

  it('wait, then continue with the next step', async () => {
    const admin = await newUser(server);
    const rule = await createRule(admin.client, {
      name: 'Wait then tag',
      objectKey: 'company',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [{ type: 'WAIT', minutes: 0.03 }, setIndustry('Waited')],
    });
    const id = await createCompany(admin, { name: 'Patient' });
    await eventually(
      async () => (await runsOf(admin.client, { ruleId: rule.id }))[0]?.status === 'WAITING',
      deadlineMs,
    );
    expect((await companyOf(admin, id)).industry).toBeNull();
    const [run] = await finishedRuns(admin.client, rule.id, 1, deadlineMs);
    expect(run!.status).toBe('SUCCEEDED');
    expect(run!.steps.map((s) => [s.path, s.type, s.status])).toEqual([
      ['0', 'WAIT', 'SUCCEEDED'],
      ['1', 'UPDATE_RECORD', 'SUCCEEDED'],
    ]);
    expect((await companyOf(admin, id)).industry).toBe('Waited');
  });

  it('branch on a condition read again at that step', async () => {
    const admin = await newUser(server);
    const rule = await createRule(admin.client, {
      name: 'Size them',
      objectKey: 'company',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [
        {
          type: 'BRANCH',
          condition: { employees: { gte: 100 } },
          then: [setIndustry('Enterprise')],
          else: [setIndustry('Small business')],
        },
        { type: 'UPDATE_RECORD', values: { address: { template: '{{ record.industry }} sized' } } },
      ],
    });
    const big = await createCompany(admin, { name: 'Big', employees: 500 });
    const small = await createCompany(admin, { name: 'Small', employees: 5 });
    const runs = await finishedRuns(admin.client, rule.id, 2, deadlineMs);
    const bigRun = runs.find((r) => r.recordId === big)!;
    expect(bigRun.steps.map((s) => s.path)).toEqual(['0', '0.then.0', '1']);
    expect(runs.find((r) => r.recordId === small)!.steps.map((s) => s.path)).toEqual(['0', '0.else.0', '1']);
    expect(await companyOf(admin, big)).toMatchObject({ industry: 'Enterprise' });
    expect(await companyOf(admin, small)).toMatchObject({ industry: 'Small business' });
    const { company } = await admin.client.data(`query ($id: ID!) { company(id: $id) { address } }`, {
      id: big,
    });
    expect(company.address).toBe('Enterprise sized');
  });

  it('dry-run on a chosen record without writing, the steps saying what they would do', async () => {
    const admin = await newUser(server);
    const rule = await createRule(admin.client, {
      name: 'Dry',
      objectKey: 'company',
      enabled: false,
      trigger: { kind: 'RECORD_UPDATED' },
      actions: [
        { type: 'WAIT', minutes: 60 },
        setIndustry('Wet'),
        { type: 'CREATE_RECORD', object: 'task', values: { name: { template: 'Call {{ record.name }}' } } },
      ],
    });
    const id = await createCompany(admin, { name: 'Desert' });
    const { dryRunAutomation } = await admin.client.data<{ dryRunAutomation: Run }>(
      `mutation ($rule: ID!, $record: ID!) { dryRunAutomation(ruleId: $rule, recordId: $record) { ${runFields} } }`,
      { rule: rule.id, record: id },
    );
    expect(dryRunAutomation).toMatchObject({ status: 'SUCCEEDED', dryRun: true });
    expect(dryRunAutomation.steps.map((s) => s.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    expect(dryRunAutomation.steps[1]!.output).toMatchObject({
      wouldUpdate: 'company',
      values: { industry: 'Wet' },
    });
    expect(dryRunAutomation.steps[2]!.output).toMatchObject({
      wouldCreate: 'task',
      values: { name: 'Call Desert' },
    });
    expect((await companyOf(admin, id)).industry).toBeNull();
    const { tasks } = await admin.client.data(`{ tasks(first: 10) { nodes { id } } }`);
    expect(tasks.nodes).toEqual([]);
  });

  it('rerun a failed run as a new run', async () => {
    const admin = await newUser(server);
    const rule = await createRule(admin.client, {
      name: 'Task from industry',
      objectKey: 'company',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [{ type: 'CREATE_RECORD', object: 'task', values: { name: { fromField: 'industry' } } }],
    });
    const id = await createCompany(admin, { name: 'No industry yet' });
    const [failed] = await finishedRuns(admin.client, rule.id, 1, deadlineMs);
    expect(failed!.status).toBe('FAILED');
    expect(failed!.error).toMatch(/Step 1 \(CREATE_RECORD\) failed/);
    expect(failed!.steps[0]).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/name/) });
    await updateCompany(admin, id, { industry: 'Shipping' });
    const { rerunAutomationRun } = await admin.client.data(
      `mutation ($id: ID!) { rerunAutomationRun(id: $id) { id status } }`,
      {
        id: failed!.id,
      },
    );
    expect(rerunAutomationRun.id).not.toBe(failed!.id);
    const runs = await finishedRuns(admin.client, rule.id, 2, deadlineMs);
    expect(runs.find((r) => r.id === rerunAutomationRun.id)!.status).toBe('SUCCEEDED');
    const { tasks } = await admin.client.data(`{ tasks(first: 10) { nodes { name } } }`);
    expect(tasks.nodes).toEqual([{ name: 'Shipping' }]);
    const again = await admin.client.request(`mutation ($id: ID!) { rerunAutomationRun(id: $id) { id } }`, {
      id: rerunAutomationRun.id,
    });
    expect(errorOf(again).code).toBe('BAD_USER_INPUT');
  });

  // One bulk create makes one batch of runs, stepped together: their creates and updates are
  // one set-based write each; one refused write rolls that write back and each run steps alone.
  it('runs started together: a refused create fails its run alone, the others write each once', async () => {
    const admin = await newUser(server);
    const rule = await createRule(admin.client, {
      name: 'Task, then mark',
      objectKey: 'company',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [
        {
          type: 'CREATE_RECORD',
          object: 'task',
          values: { name: { fromField: 'industry' }, company: { fromField: 'id' } },
        },
        { type: 'UPDATE_RECORD', values: { address: { template: 'Task for {{ record.industry }}' } } },
      ],
    });
    const industries = ['Boats', 'Cars', null, 'Planes', 'Trains'];
    const ids = await createCompanies(
      admin,
      industries.map((industry, i) => ({ name: `Batch ${i}`, industry })),
    );
    const runs = await finishedRuns(admin.client, rule.id, industries.length, deadlineMs);
    expect(runs).toHaveLength(industries.length);
    const bad = ids[2]!;
    for (const run of runs) {
      if (run.recordId === bad) {
        expect(run.status).toBe('FAILED');
        expect(run.error).toMatch(/Step 1 \(CREATE_RECORD\) failed: name: is required/);
        expect(run.steps.map((s) => [s.path, s.status, s.attempts])).toEqual([['0', 'FAILED', 1]]);
      } else {
        expect(run.status).toBe('SUCCEEDED');
        expect(run.steps.map((s) => [s.path, s.status, s.attempts])).toEqual([
          ['0', 'SUCCEEDED', 1],
          ['1', 'SUCCEEDED', 1],
        ]);
      }
    }
    const { tasks } = await admin.client.data<{
      tasks: { nodes: { id: string; name: string; company: { id: string } }[] };
    }>(`{ tasks(first: 50) { nodes { id name company { id } } } }`);
    expect(tasks.nodes.map((t) => [t.company.id, t.name]).sort()).toEqual(
      ids.flatMap((id, i) => (industries[i] ? [[id, industries[i]]] : [])).sort(),
    );
    for (const run of runs.filter((r) => r.status === 'SUCCEEDED'))
      expect(tasks.nodes.map((t) => t.id)).toContain(run.steps[0]!.output!.recordId);
    for (const [i, id] of ids.entries()) {
      const { company } = await admin.client.data(`query ($id: ID!) { company(id: $id) { address } }`, {
        id,
      });
      expect(company.address).toBe(industries[i] ? `Task for ${industries[i]}` : null);
    }
  });

  it('runs started together: a refused update fails its run alone, the others update once', async () => {
    const admin = await newUser(server);
    const rule = await createRule(admin.client, {
      name: 'Task, then rename to industry',
      objectKey: 'company',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [
        {
          type: 'CREATE_RECORD',
          object: 'task',
          values: { name: { template: 'Call {{ record.name }}' }, company: { fromField: 'id' } },
        },
        { type: 'UPDATE_RECORD', values: { name: { fromField: 'industry' } } },
      ],
    });
    const industries = ['Boats', null, 'Cars', 'Planes'];
    const ids = await createCompanies(
      admin,
      industries.map((industry, i) => ({ name: `Unnamed ${i}`, industry })),
    );
    const runs = await finishedRuns(admin.client, rule.id, industries.length, deadlineMs);
    const { tasks } = await admin.client.data<{
      tasks: { nodes: { name: string; company: { id: string } }[] };
    }>(`{ tasks(first: 50) { nodes { name company { id } } } }`);
    expect(tasks.nodes.map((t) => [t.company.id, t.name]).sort()).toEqual(
      ids.map((id, i) => [id, `Call Unnamed ${i}`]).sort(),
    );
    for (const [i, id] of ids.entries()) {
      const run = runs.find((r) => r.recordId === id)!;
      expect(run.steps.map((s) => [s.path, s.status, s.attempts])).toEqual([
        ['0', 'SUCCEEDED', 1],
        ['1', industries[i] ? 'SUCCEEDED' : 'FAILED', 1],
      ]);
      if (industries[i]) expect(run.status).toBe('SUCCEEDED');
      else expect(run.error).toMatch(/Step 2 \(UPDATE_RECORD\) failed: name: is required/);
      expect((await companyOf(admin, id)).name).toBe(industries[i] ?? `Unnamed ${i}`);
    }
  });

  it('A chain A → B → A stops at the loop guard and says so in the run history', async () => {
    const admin = await newUser(server);
    const a = await createRule(admin.client, {
      name: 'A: name → industry',
      objectKey: 'company',
      trigger: { kind: 'RECORD_UPDATED', fields: ['name'] },
      actions: [{ type: 'UPDATE_RECORD', values: { industry: { template: '{{ record.industry }}a' } } }],
    });
    const b = await createRule(admin.client, {
      name: 'B: industry → name',
      objectKey: 'company',
      trigger: { kind: 'RECORD_UPDATED', fields: ['industry'] },
      actions: [{ type: 'UPDATE_RECORD', values: { name: { template: '{{ record.name }}b' } } }],
    });
    const id = await createCompany(admin, { name: 'Loop' });
    await updateCompany(admin, id, { name: 'Loop!' });
    let runs: Run[] = [];
    await eventually(async () => {
      runs = [
        ...(await runsOf(admin.client, { ruleId: a.id })),
        ...(await runsOf(admin.client, { ruleId: b.id })),
      ];
      return runs.some((r) => r.status === 'LOOP_STOPPED');
    }, deadlineMs);
    const stopped = runs.filter((r) => r.status === 'LOOP_STOPPED');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]!.error).toMatch(/loop guard/);
    expect(stopped[0]!.depth).toBe(6);
    expect(stopped[0]!.steps).toEqual([]);
    const byDepth = runs
      .filter((r) => r.status === 'SUCCEEDED')
      .map((r) => r.depth)
      .sort();
    expect(byDepth).toEqual([1, 2, 3, 4, 5]);
    // The record's history names the rules as the writers.
    const { timeline } = await admin.client.data(
      `query ($id: ID!) { timeline(object: "company", recordId: $id, first: 50) { nodes { kind actorName data } } }`,
      { id },
    );
    const names = timeline.nodes.map((n: { actorName: string | null }) => n.actorName);
    expect(names).toContain('Automation: A: name → industry');
    expect(names).toContain('Automation: B: industry → name');
    expect(timeline.nodes.filter((n: { kind: string }) => n.kind === 'AUTOMATION_RUN')).toHaveLength(6);
    expect((await companyOf(admin, id)).name).toBe('Loop!bb');
  });

  it('stop a rule running more than 10 times a minute on one record', async () => {
    const admin = await newUser(server);
    const rule = await createRule(admin.client, {
      name: 'Busy',
      objectKey: 'company',
      trigger: { kind: 'RECORD_UPDATED', fields: ['name'] },
      actions: [{ type: 'UPDATE_RECORD', values: { address: { template: 'renamed to {{ record.name }}' } } }],
    });
    const id = await createCompany(admin, { name: 'Busy 0' });
    for (let i = 1; i <= 11; i++) await updateCompany(admin, id, { name: `Busy ${i}` });
    const runs = await finishedRuns(admin.client, rule.id, 11, deadlineMs);
    expect(runs.filter((r) => r.status === 'SUCCEEDED')).toHaveLength(10);
    const stopped = runs.filter((r) => r.status === 'LOOP_STOPPED');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]!.error).toMatch(/ran 10 times on this record in the last minute/);
  });

  it('run a MANUAL rule for members who may write, not for viewers', async () => {
    const admin = await newUser(server);
    const rule = await createRule(admin.client, {
      name: 'Mark as partner',
      objectKey: 'company',
      trigger: { kind: 'MANUAL' },
      actions: [setIndustry('Partner')],
    });
    const id = await createCompany(admin, { name: 'Friend' });
    const member = await newMember(server, admin, 'MEMBER');
    const viewer = await newMember(server, admin, 'VIEWER');
    const { manualAutomations } = await member.client.data(
      `{ manualAutomations(objectKey: "company") { id name } }`,
    );
    expect(manualAutomations).toEqual([{ id: rule.id, name: 'Mark as partner' }]);
    const run = `mutation ($rule: ID!, $record: ID!) { runAutomation(ruleId: $rule, recordId: $record) { id status trigger } }`;
    expect(errorOf(await viewer.client.request(run, { rule: rule.id, record: id })).code).toBe('FORBIDDEN');
    const { runAutomation } = await member.client.data(run, { rule: rule.id, record: id });
    expect(runAutomation.trigger).toBe('MANUAL');
    await eventually(async () => (await companyOf(admin, id)).industry === 'Partner', deadlineMs);
    const memberView = await runsOf(member.client, { recordId: id });
    expect(memberView.map((r) => r.status)).toEqual(['SUCCEEDED']);
  });

  it('turn off with a visible reason when a field they use is archived', async () => {
    const admin = await newUser(server);
    const { createField } = await admin.client.data(
      `mutation { createField(input: { object: "company", key: "tier", label: "Tier", type: TEXT }) { id } }`,
    );
    const rule = await createRule(admin.client, {
      name: 'Gold tier',
      objectKey: 'company',
      trigger: { kind: 'RECORD_CREATED' },
      condition: { tier: { eq: 'gold' } },
      actions: [setIndustry('Gold')],
    });
    await admin.client.data(`mutation ($id: ID!) { archiveField(id: $id) { id } }`, { id: createField.id });
    const { automationRule } = await admin.client.data(
      `query ($id: ID!) { automationRule(id: $id) { ${ruleFields} } }`,
      { id: rule.id },
    );
    expect(automationRule.disabledReason).toMatch(/condition\.tier/);
    const id = await createCompany(admin, { name: 'Not gold' });
    // A rule that is still on runs for this change, the broken one does not.
    const witness = await createRule(admin.client, {
      name: 'Witness',
      objectKey: 'company',
      trigger: { kind: 'RECORD_UPDATED' },
      actions: [setIndustry('Seen')],
    });
    await updateCompany(admin, id, { name: 'Still not gold' });
    await finishedRuns(admin.client, witness.id, 1, deadlineMs);
    expect(await runsOf(admin.client, { ruleId: rule.id })).toEqual([]);
  });
});
