import { describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { useServer } from '../support/server.js';
import { eventually } from '../support/ws.js';

// Issue 15's acceptance test for templates that ship automations: the car-dealer template
// installed, leads created over the API go round-robin to the salespeople (the members of
// role MEMBER) in turn, and a lead left untouched for the escalation time (shortened by
// editing the rule over the API, as an admin would) notifies the sales manager once.

const server = useServer();
/** A run waits for real (30 s) and the machine is busy: a generous budget. */
const slow = 240_000;

interface Rule {
  id: string;
  key: string | null;
  name: string;
  description: string;
  objectKey: string;
  enabled: boolean;
  version: number;
  trigger: unknown;
  condition: unknown;
  actions: { type: string; minutes?: number }[];
}

const ruleFields = 'id key name description objectKey enabled version trigger condition actions';

async function rulesByKey(user: SignedUpUser): Promise<Map<string | null, Rule>> {
  const { automationRules } = await user.client.data<{ automationRules: Rule[] }>(
    `query { automationRules(objectKey: "deal") { ${ruleFields} } }`,
  );
  return new Map(automationRules.map((r) => [r.key, r]));
}

/** The escalation's wait, shortened from the template's 15 minutes as an admin edits it. */
async function setEscalationWait(admin: SignedUpUser, rule: Rule, minutes: number): Promise<void> {
  const actions = rule.actions.map((a) => (a.type === 'WAIT' ? { ...a, minutes } : a));
  await admin.client.data(
    `mutation ($id: ID!, $input: AutomationRuleInput!, $expectedVersion: Int) {
      updateAutomationRule(id: $id, input: $input, expectedVersion: $expectedVersion) { id version }
    }`,
    {
      id: rule.id,
      expectedVersion: rule.version,
      input: {
        name: rule.name,
        description: rule.description,
        objectKey: rule.objectKey,
        enabled: rule.enabled,
        trigger: rule.trigger,
        condition: rule.condition,
        actions,
      },
    },
  );
}

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

async function automationNotices(user: SignedUpUser): Promise<{ recordId: string }[]> {
  const { notifications } = await user.client.data<{
    notifications: { nodes: { kind: string; recordId: string }[] };
  }>(`query { notifications(first: 100) { nodes { kind recordId } } }`);
  return notifications.nodes.filter((n) => n.kind === 'AUTOMATION');
}

async function runsOf(user: SignedUpUser, ruleId: string): Promise<{ recordId: string; status: string }[]> {
  const { automationRuns } = await user.client.data<{
    automationRuns: { nodes: { recordId: string; status: string }[] };
  }>(`query ($ruleId: ID!) { automationRuns(ruleId: $ruleId, first: 50) { nodes { recordId status } } }`, {
    ruleId,
  });
  return automationRuns.nodes;
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

      const rules = await rulesByKey(owner);
      expect(rules.get('newLeadRoundRobin')?.enabled).toBe(true);
      const escalation = rules.get('leadEscalation')!;
      expect(escalation.actions.find((a) => a.type === 'WAIT')?.minutes).toBe(15);
      await setEscalationWait(manager, escalation, 0.5);

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
      await eventually(async () => (await automationNotices(manager)).length > 0, 120_000);
      // Every escalation run over (the touched ones took the branch's other way): no more to come.
      await eventually(async () => {
        const runs = await runsOf(owner, escalation.id);
        return leads.every((id) => runs.some((r) => r.recordId === id && r.status === 'SUCCEEDED'));
      }, 120_000);
      expect(await automationNotices(manager)).toEqual([expect.objectContaining({ recordId: untouched })]);
      for (const salesperson of salespeople) expect(await automationNotices(salesperson)).toEqual([]);
    },
    slow,
  );
});
