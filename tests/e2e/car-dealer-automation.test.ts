import { describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { automationNotifications, listRules, runsOf, updateRule } from '../support/automation.js';
import { useServer } from '../support/server.js';
import { eventually } from '../support/ws.js';

// Issue 15's acceptance test for templates that ship automations: the car-dealer template
// installed, leads created over the API go round-robin to the salespeople (the members of
// role MEMBER) in turn, and a lead left untouched for the escalation time (shortened by
// editing the rule over the API, as an admin would) notifies the sales manager once.

const server = useServer();
/** A run waits for real (30 s) and the machine is busy: a generous budget. */
const slow = 240_000;

async function createLead(user: SignedUpUser, name: string): Promise<string> {
  const { createDeal } = await user.client.data<{ createDeal: { id: string } }>(
    `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`,
    { input: { name, stage: 'lead' } },
  );
  return createDeal.id;
}

async function ownerOf(user: SignedUpUser, id: string): Promise<string | null> {
  const { deal } = await user.client.data<{ deal: { ownerId: string | null } }>(
    `query ($id: ID!) { deal(id: $id) { ownerId } }`,
    { id },
  );
  return deal.ownerId;
}

describe('the car-dealer template’s automations', () => {
  it(
    'assign new leads round-robin across the salespeople and escalate an untouched one to the manager once',
    async () => {
      const owner = await newUser(server, { workspaceName: 'Speedy Motors' });
      await owner.client.data(`mutation { installTemplate(key: "car-dealer") { toVersion } }`);
      const salespeople: SignedUpUser[] = [];
      for (let i = 0; i < 3; i++) salespeople.push(await newMember(server, owner, 'MEMBER'));
      const manager = await newMember(server, owner, 'ADMIN');
      const salespeopleIds = new Set(salespeople.map((s) => s.userId));

      const rules = new Map((await listRules(owner.client, 'deal')).map((r) => [r.key, r]));
      expect(rules.get('newLeadRoundRobin')?.enabled).toBe(true);
      const escalation = rules.get('leadEscalation')!;
      const wait = escalation.actions.find((a) => a.type === 'WAIT');
      expect(wait).toEqual({ type: 'WAIT', minutes: 15 });
      // The manager, an admin, shortens the wait as the rule's builder would.
      await updateRule(manager.client, escalation, {
        actions: escalation.actions.map((a) => (a === wait ? { ...a, minutes: 0.5 } : a)),
      });

      // Each lead goes to the next salesperson; those touched (moved on) are not escalated.
      const owners: string[] = [];
      const leads: string[] = [];
      for (let i = 1; i <= 4; i++) {
        const id = await createLead(owner, `Lead ${i}`);
        leads.push(id);
        let assigned: string | null = null;
        await eventually(async () => {
          assigned = await ownerOf(owner, id);
          return assigned !== null && salespeopleIds.has(assigned);
        }, 60_000);
        owners.push(assigned!);
        if (i < 4)
          await owner.client.data(
            `mutation ($id: ID!) { updateDeal(id: $id, input: { stage: "contacted" }) { id } }`,
            { id },
          );
      }
      expect(new Set(owners.slice(0, 3))).toEqual(salespeopleIds);
      expect(owners[3]).toBe(owners[0]);

      const untouched = leads[3]!;
      await eventually(async () => (await automationNotifications(manager.client)).length > 0, 120_000);
      // Every escalation run over (the touched ones took the branch's other way): no more to come.
      await eventually(async () => {
        const runs = await runsOf(owner.client, { ruleId: escalation.id });
        return leads.every((id) => runs.some((r) => r.recordId === id && r.status === 'SUCCEEDED'));
      }, 120_000);
      expect(await automationNotifications(manager.client)).toEqual([{ recordId: untouched }]);
      for (const salesperson of salespeople)
        expect(await automationNotifications(salesperson.client)).toEqual([]);
    },
    slow,
  );
});
