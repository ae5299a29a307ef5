import { describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { automationNotifications, createRule, finishedRuns } from '../support/automation.js';
import { useServer } from '../support/server.js';
import { eventually } from '../support/ws.js';

// Issue 22, the car dealer's showroom flows as version 8 ships them: a trade-in appraisal
// goes to the used-car manager (the Admin member) who is notified, and moves requested →
// valued → offered → accepted only with the fields each stage requires; a walk-in logged
// without a salesperson goes to the next salesperson up.

const server = useServer();
/** Automation runs after commit, on a busy machine: a generous budget. */
const slow = 240_000;

async function installed(): Promise<{
  owner: SignedUpUser;
  manager: SignedUpUser;
  salesperson: SignedUpUser;
}> {
  const owner = await newUser(server, { workspaceName: 'Trade Motors' });
  await owner.client.data(`mutation { installTemplate(key: "car-dealer") { toVersion } }`);
  const manager = await newMember(server, owner, 'ADMIN');
  const salesperson = await newMember(server, owner, 'MEMBER');
  return { owner, manager, salesperson };
}

const tradeInQuery = `query ($id: ID!) { tradeIn(id: $id) { stage appraiser { id } version } }`;
type TradeIn = { stage: string; appraiser: { id: string } | null; version: number };

async function update(user: SignedUpUser, id: string, input: Record<string, unknown>) {
  return user.client.request<{ updateTradeIn: TradeIn }>(
    `mutation ($id: ID!, $input: TradeInUpdateInput!) { updateTradeIn(id: $id, input: $input) { stage appraiser { id } version } }`,
    { id, input },
  );
}

describe('the car dealer’s trade-in appraisal', () => {
  it(
    'goes to the used-car manager, notified, and each stage asks for its fields',
    async () => {
      const { owner, manager } = await installed();
      const { createTradeIn } = await owner.client.data<{ createTradeIn: { id: string; stage: string } }>(
        `mutation { createTradeIn(input: { name: "2016 Audi A4", vin: "WAUZZZ8K9GA012345", mileage: 88000 }) { id stage year } }`,
      );
      const id = createTradeIn.id;
      // Requested by default; the European VIN gave the year (code G: 2016) in the same write.
      expect(createTradeIn).toMatchObject({ stage: 'requested', year: 2016 });
      await eventually(async () => {
        const { tradeIn } = await owner.client.data<{ tradeIn: TradeIn }>(tradeInQuery, { id });
        return tradeIn.appraiser?.id === manager.userId;
      }, 120_000);
      await eventually(
        async () => (await automationNotifications(manager.client)).some((n) => n.recordId === id),
        120_000,
      );

      // Valued needs the manager's valuation: refused, naming what is missing, nothing moved.
      const early = await update(manager, id, { stage: 'valued' });
      expect(early.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        missingFields: ['appraisedValue', 'appraisedOn'],
      });
      const valued = await update(manager, id, {
        stage: 'valued',
        appraisedValue: { amount: 14500, currency: 'USD' },
        appraisedOn: '2026-12-07',
        condition: 'good',
      });
      expect(valued.body.data?.updateTradeIn.stage).toBe('valued');

      const offeredEarly = await update(owner, id, { stage: 'offered' });
      expect(offeredEarly.body.errors?.[0]?.extensions).toMatchObject({ missingFields: ['offeredValue'] });
      const offered = await update(owner, id, {
        stage: 'offered',
        offeredValue: { amount: 13800, currency: 'USD' },
      });
      expect(offered.body.data?.updateTradeIn.stage).toBe('offered');
      const accepted = await update(owner, id, { stage: 'accepted' });
      expect(accepted.body.data?.updateTradeIn).toMatchObject({
        stage: 'accepted',
        appraiser: { id: manager.userId },
      });
    },
    slow,
  );
});

describe('the car dealer’s showroom up log', () => {
  it(
    'gives a walk-in logged without a salesperson to the next one up, and counts ups by source',
    async () => {
      const { owner, salesperson } = await installed();
      const { createShowroomVisit } = await owner.client.data<{ createShowroomVisit: { id: string } }>(
        `mutation { createShowroomVisit(input: { name: "Couple asking about hybrids", arrivedAt: "2026-12-07T10:30:00Z" }) { id source } }`,
      );
      const id = createShowroomVisit.id;
      await eventually(async () => {
        const { showroomVisit } = await owner.client.data<{
          showroomVisit: { salesperson: { id: string } | null };
        }>(`query ($id: ID!) { showroomVisit(id: $id) { salesperson { id } } }`, { id });
        return showroomVisit.salesperson?.id === salesperson.userId;
      }, 120_000);
      await eventually(
        async () => (await automationNotifications(salesperson.client)).some((n) => n.recordId === id),
        120_000,
      );
      await owner.client.data(
        `mutation ($id: ID!) { updateShowroomVisit(id: $id, input: { outcome: "testDrive" }) { id } }`,
        { id },
      );
      const { reports } = await owner.client.data<{ reports: { id: string; name: string }[] }>(
        `{ reports(object: "showroomVisit") { id name } }`,
      );
      const ups = reports.find((r) => r.name === 'Showroom ups by source and outcome');
      const { reportResult } = await owner.client.data(
        `query ($id: ID!) { reportResult(id: $id) { rows { keys values } } }`,
        { id: ups!.id },
      );
      expect(reportResult.rows).toEqual([{ keys: ['walkIn', 'testDrive'], values: [1] }]);
    },
    slow,
  );
});

describe('the car dealer’s speed to lead', () => {
  it(
    'stamps a lead’s first contact once and reports the minutes from its arrival, per salesperson',
    async () => {
      const { owner, salesperson } = await installed();
      const { createDeal } = await owner.client.data<{ createDeal: { id: string } }>(
        `mutation { createDeal(input: { name: "Web enquiry – Civic", stage: "lead" }) { id } }`,
      );
      const id = createDeal.id;
      // The round-robin gives the lead to the salesperson, who moves it on: the first contact.
      const deal = async () =>
        (
          await owner.client.data<{
            deal: { createdAt: string; firstContactAt: string | null; owner: { id: string } | null };
          }>(`query ($id: ID!) { deal(id: $id) { createdAt firstContactAt owner { id } } }`, { id })
        ).deal;
      await eventually(async () => (await deal()).owner?.id === salesperson.userId, 120_000);
      const move = (stage: string) =>
        salesperson.client.data(
          `mutation ($id: ID!, $s: String) { updateDeal(id: $id, input: { stage: $s }) { id } }`,
          {
            id,
            s: stage,
          },
        );
      const witness = await createRule(owner.client, {
        name: 'Witness',
        objectKey: 'deal',
        trigger: { kind: 'STAGE_LEFT', stage: 'lead' },
        actions: [{ type: 'ADD_COMMENT', body: 'Left the Lead stage' }],
      });
      await move('contacted');
      await eventually(async () => (await deal()).firstContactAt !== null, 120_000);
      const first = await deal();
      // Back to Lead and out again: the first contact stays the first.
      await move('lead');
      await move('testDrive');
      // A rule of the admin's on the same trigger: its second run means the second leave was dispatched.
      await finishedRuns(owner.client, witness.id, 2, 120_000);
      expect((await deal()).firstContactAt).toBe(first.firstContactAt);

      const { reports } = await owner.client.data<{ reports: { id: string; name: string }[] }>(
        `{ reports(object: "deal") { id name } }`,
      );
      const report = reports.find((r) => r.name === 'Speed to lead (minutes to first contact)')!;
      const { reportResult } = await owner.client.data<{
        reportResult: { rows: { keys: (string | null)[]; values: number[] }[] };
      }>(`query ($id: ID!) { reportResult(id: $id) { rows { keys values } } }`, { id: report.id });
      const minutes = (Date.parse(first.firstContactAt!) - Date.parse(first.createdAt)) / 60_000;
      expect(reportResult.rows).toHaveLength(1);
      expect(reportResult.rows[0]!.keys).toEqual([salesperson.userId]);
      expect(reportResult.rows[0]!.values[0]).toBeCloseTo(minutes, 3);
      expect(reportResult.rows[0]!.values[1]).toBe(1);
      expect(minutes).toBeGreaterThan(0);
    },
    slow,
  );
});
