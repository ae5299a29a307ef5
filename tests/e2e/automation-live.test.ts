import { afterAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import { createRule, finishedRuns, runFields, type Run } from '../support/automation.js';
import { newMember, newUser } from '../support/client.js';
import { useServer } from '../support/server.js';
import { collect, eventually, subscriptionError, newSocketClient } from '../support/ws.js';

// Runs are pushed as they move on: a rule's watchers (admins) and a record's (members) get
// the run with its steps in the event, so the builder and the record page read nothing again.

const server = useServer();
const sockets: Client[] = [];
afterAll(async () => Promise.all(sockets.map((socket) => socket.dispose())));

const watchRuns = `subscription ($ruleId: ID, $recordId: ID, $latest: Int) {
  automationRunChanged(ruleId: $ruleId, recordId: $recordId, latest: $latest) { ${runFields} }
}`;

describe('automationRunChanged', () => {
  it("pushes a rule's runs to admins and a record's runs to members, steps included", async () => {
    const admin = await newUser(server);
    const member = await newMember(server, admin, 'MEMBER');
    const rule = await createRule(admin.client, {
      name: 'Tag new companies',
      objectKey: 'company',
      trigger: { kind: 'RECORD_CREATED' },
      // The wait leaves the member time to subscribe to the new record before the run ends.
      actions: [
        { type: 'WAIT', minutes: 0.25 },
        { type: 'UPDATE_RECORD', values: { industry: { value: 'Boats' } } },
      ],
    });
    const adminSocket = newSocketClient(server, {
      cookie: admin.client.cookie,
      workspaceId: admin.workspaceId,
    });
    const memberSocket = newSocketClient(server, {
      cookie: member.client.cookie,
      workspaceId: admin.workspaceId,
    });
    sockets.push(adminSocket.client, memberSocket.client);
    const byRule = collect<{ automationRunChanged: Run }>(adminSocket.client, watchRuns, { ruleId: rule.id });

    const { createCompany } = await member.client.data<{ createCompany: { id: string } }>(
      `mutation { createCompany(input: { name: "Harbour" }) { id } }`,
    );
    const byRecord = collect<{ automationRunChanged: Run }>(memberSocket.client, watchRuns, {
      recordId: createCompany.id,
    });
    const finished = (events: typeof byRule.results) =>
      events.find((e) => e.data?.automationRunChanged.status === 'SUCCEEDED')?.data?.automationRunChanged;

    await eventually(() => Boolean(finished(byRule.results)), 90_000);
    const run = finished(byRule.results)!;
    expect(run.ruleId).toBe(rule.id);
    expect(run.recordId).toBe(createCompany.id);
    expect(run.steps.map((s) => [s.path, s.type, s.status])).toEqual([
      ['0', 'WAIT', 'SUCCEEDED'],
      ['1', 'UPDATE_RECORD', 'SUCCEEDED'],
    ]);
    await eventually(() => Boolean(finished(byRecord.results)), 90_000);
    expect(finished(byRecord.results)!.id).toBe(run.id);
    expect(byRule.results.every((e) => !e.errors)).toBe(true);
  });

  it('pushes a run the loop guard stopped at its start', async () => {
    const admin = await newUser(server);
    const rule = await createRule(admin.client, {
      name: 'Echo',
      objectKey: 'company',
      trigger: { kind: 'RECORD_UPDATED', fields: ['name'] },
      actions: [{ type: 'UPDATE_RECORD', values: { address: { value: 'seen' } } }],
    });
    const socket = newSocketClient(server, { cookie: admin.client.cookie, workspaceId: admin.workspaceId });
    sockets.push(socket.client);
    const byRule = collect<{ automationRunChanged: Run }>(socket.client, watchRuns, { ruleId: rule.id });
    const { createCompany } = await admin.client.data<{ createCompany: { id: string } }>(
      `mutation { createCompany(input: { name: "Echo 0" }) { id } }`,
    );
    const rename = `mutation ($id: ID!, $name: String!) { updateCompany(id: $id, input: { name: $name }) { id } }`;
    for (let i = 1; i <= 11; i++)
      await admin.client.data(rename, { id: createCompany.id, name: `Echo ${i}` });
    const stopped = () =>
      byRule.results.find((e) => e.data?.automationRunChanged.status === 'LOOP_STOPPED')?.data
        ?.automationRunChanged;
    await eventually(() => Boolean(stopped()), 90_000);
    expect(stopped()!.error).toMatch(/ran 10 times on this record/);
  });

  it('opens with the newest runs as they are once it listens, with latest', async () => {
    // A screen reads its list and subscribes at about the same time; a run that finished in
    // between would otherwise stay as read (the automation-builder flake: QUEUED for good).
    const admin = await newUser(server);
    const rule = await createRule(admin.client, {
      name: 'Tag',
      objectKey: 'company',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [{ type: 'UPDATE_RECORD', values: { industry: { value: 'Boats' } } }],
    });
    for (const name of ['One', 'Two', 'Three'])
      await admin.client.data(`mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`, {
        name,
      });
    const done = await finishedRuns(admin.client, rule.id, 3);
    const socket = newSocketClient(server, { cookie: admin.client.cookie, workspaceId: admin.workspaceId });
    sockets.push(socket.client);
    const byRule = collect<{ automationRunChanged: Run }>(socket.client, watchRuns, {
      ruleId: rule.id,
      latest: 2,
    });
    const runs = () => byRule.results.map((e) => e.data!.automationRunChanged);
    await eventually(() => byRule.results.length >= 2);
    // The two newest, oldest of them first (a list putting each new one first ends in order).
    expect(runs().map((r) => [r.id, r.status])).toEqual([
      [done[1]!.id, 'SUCCEEDED'],
      [done[0]!.id, 'SUCCEEDED'],
    ]);
    await admin.client.data(`mutation { createCompany(input: { name: "Four" }) { id } }`);
    await eventually(() => runs().some((r) => r.status === 'SUCCEEDED' && !done.some((d) => d.id === r.id)));
    expect(byRule.results.every((e) => !e.errors)).toBe(true);

    const tooMany = collect(socket.client, watchRuns, { ruleId: rule.id, latest: 201 });
    const error = await subscriptionError(tooMany);
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['latest'] });
  });

  it("refuses a member watching a rule's runs, and a watch of neither a rule nor a record", async () => {
    const admin = await newUser(server);
    const member = await newMember(server, admin, 'MEMBER');
    const rule = await createRule(admin.client, {
      name: 'Anything',
      objectKey: 'company',
      trigger: { kind: 'MANUAL' },
      actions: [{ type: 'UPDATE_RECORD', values: { industry: { value: 'Boats' } } }],
    });
    const socket = newSocketClient(server, { cookie: member.client.cookie, workspaceId: admin.workspaceId });
    sockets.push(socket.client);
    const forbidden = collect(socket.client, watchRuns, { ruleId: rule.id });
    const neither = collect(socket.client, watchRuns, {});
    await eventually(() => forbidden.results.length > 0 || Boolean(forbidden.error()));
    await eventually(() => neither.results.length > 0 || Boolean(neither.error()));
    const codeOf = (c: typeof forbidden) =>
      c.results[0]?.errors?.[0]?.extensions?.code ??
      (c.error() as { extensions?: { code?: string } }[] | undefined)?.[0]?.extensions?.code;
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
    expect(codeOf(neither)).toBe('BAD_USER_INPUT');
  });
});
