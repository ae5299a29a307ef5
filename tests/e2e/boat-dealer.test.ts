import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { errorOf } from '../support/records.js';
import { useServer } from '../support/server.js';
import { copyShippedTemplate, publishUntranslated, shippedTemplateVersion } from '../support/templates.js';
import { postForm } from '../support/web-forms.js';

// The boat dealer's version 7 (issue 22) over GraphQL: Sold waits for the sea-trial and survey
// contingencies (stage entry conditions, by moveRecord and by update), the stage's conditions
// through the admin API, units (boat, engines, trailer) and service work orders that keep each
// engine's hours, boat-show leads with their batch follow-up, and the upgrade from the published
// version 6 keeping an admin's edit.

const v6 = fileURLToPath(new URL('../fixtures/templates/boat-dealer-v6.yaml', import.meta.url));
let templatesDir: string;

/** Serves the boat dealer as shipped, or as the published version 6 (its sample photos beside it). */
async function publish(version: 'shipped' | 'v6'): Promise<void> {
  await copyShippedTemplate('boat-dealer', templatesDir);
  if (version === 'v6') await publishUntranslated(templatesDir, 'boat-dealer', await readFile(v6, 'utf8'));
}

beforeAll(async () => {
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'crm-boat-dealer-'));
  await publish('shipped');
});
afterAll(() => rm(templatesDir, { recursive: true, force: true }));
const server = useServer(() => ({ TEMPLATES_DIR: templatesDir }));
/** Installs and upgrades with sample data: time for a busy machine. */
const slow = 180_000;

interface Plan {
  fromVersion: number | null;
  toVersion: number;
  steps: { action: string; target: string }[];
}

const install = async (user: SignedUpUser, withSampleData = false): Promise<Plan> =>
  (
    await user.client.data<{ installTemplate: Plan }>(
      `mutation ($withSampleData: Boolean!) {
        installTemplate(key: "boat-dealer", withSampleData: $withSampleData) { fromVersion toVersion steps { action target } }
      }`,
      { withSampleData },
    )
  ).installTemplate;

const moveToSold = (user: SignedUpUser, id: string) =>
  user.client.request(
    `mutation ($id: ID!) { moveRecord(input: { object: "deal", id: $id, stage: "sold" }) { stage version } }`,
    { id },
  );
const updateDeal = (user: SignedUpUser, id: string, input: Record<string, unknown>) =>
  user.client.request(
    `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { stage version } }`,
    { id, input },
  );
const dealById = async (user: SignedUpUser, id: string) =>
  (
    await user.client.data(
      `query ($id: ID!) { deal(id: $id) { stage version seaTrialOutcome surveyOutcome } }`,
      { id },
    )
  ).deal;

const seaTrialCondition = {
  label: 'Sea trial passed or waived',
  filter: { seaTrialOutcome: { in: ['passed', 'waived'] } },
  deadlineField: 'seaTrialDeadline',
};
const surveyCondition = {
  label: 'Survey passed or waived',
  filter: { surveyOutcome: { in: ['passed', 'waived'] } },
  deadlineField: 'surveyDeadline',
};

const soldStage = async (user: SignedUpUser) => {
  const { board } = await user.client.data(
    `query { board(object: "deal", pipeline: "boatSales") { pipeline { stages { key label requires { label filter deadlineField } } } } }`,
  );
  return board.pipeline.stages.find((s: { key: string }) => s.key === 'sold');
};

async function dealUnderContract(user: SignedUpUser): Promise<string> {
  const { createDeal } = await user.client.data(
    `mutation { createDeal(input: {
      name: "Ann – Sea Ray", stage: "underContract",
      seaTrialDeadline: "2026-12-09", surveyDeadline: "2026-12-16"
    }) { id seaTrialOutcome surveyOutcome } }`,
  );
  expect(createDeal).toMatchObject({ seaTrialOutcome: 'pending', surveyOutcome: 'pending' });
  return createDeal.id;
}

describe('Sold waits for the sea trial and survey contingencies', () => {
  it(
    'refuses the move while either is open, naming both with their deadlines, and allows it once closed',
    async () => {
      const owner = await newUser(server);
      await install(owner);
      const id = await dealUnderContract(owner);
      const before = await dealById(owner, id);

      for (const attempt of [moveToSold(owner, id), updateDeal(owner, id, { stage: 'sold' })]) {
        const error = errorOf(await attempt);
        expect(error.code).toBe('BAD_USER_INPUT');
        expect(error.message).toBe(
          'To move to “Sold”, first: Sea trial passed or waived (deadline 2026-12-09); ' +
            'Survey passed or waived (deadline 2026-12-16).',
        );
        expect(error.extensions).toMatchObject({
          stage: 'sold',
          unmetConditions: [
            { ...seaTrialCondition, deadline: '2026-12-09' },
            { ...surveyCondition, deadline: '2026-12-16' },
          ],
        });
      }
      // Nothing was written.
      expect(await dealById(owner, id)).toEqual(before);

      // A failed sea trial keeps it open; a passed one closes it, and only the survey is named.
      await updateDeal(owner, id, { seaTrialOutcome: 'failed' });
      expect(errorOf(await moveToSold(owner, id)).extensions.unmetConditions).toHaveLength(2);
      await updateDeal(owner, id, { seaTrialOutcome: 'passed' });
      const surveyOpen = errorOf(await moveToSold(owner, id));
      expect(surveyOpen.message).toBe(
        'To move to “Sold”, first: Survey passed or waived (deadline 2026-12-16).',
      );
      expect(surveyOpen.extensions.unmetConditions).toEqual([{ ...surveyCondition, deadline: '2026-12-16' }]);

      // Closing the survey in the same update that moves the deal is enough.
      const moved = await updateDeal(owner, id, { surveyOutcome: 'waived', stage: 'sold' });
      expect(moved.body.errors).toBeUndefined();
      expect(await dealById(owner, id)).toMatchObject({
        stage: 'sold',
        seaTrialOutcome: 'passed',
        surveyOutcome: 'waived',
      });
    },
    slow,
  );

  it(
    'the same by moveRecord once both are closed, and the sample deals show both sides',
    async () => {
      const owner = await newUser(server);
      await install(owner, true);
      const { deals } = await owner.client.data(
        `query { deals(sort: [{ field: name, direction: ASC }]) { nodes { id name stage seaTrialOutcome surveyOutcome } } }`,
      );
      const olivia = deals.nodes.find((d: { name: string }) => d.name.startsWith('Olivia'));
      expect(olivia).toMatchObject({ stage: 'seaTrial', seaTrialOutcome: 'pending' });
      expect(deals.nodes.find((d: { name: string }) => d.name.startsWith('Inès'))).toMatchObject({
        stage: 'sold',
        seaTrialOutcome: 'passed',
        surveyOutcome: 'waived',
      });
      expect(errorOf(await moveToSold(owner, olivia.id)).code).toBe('BAD_USER_INPUT');
      await updateDeal(owner, olivia.id, { seaTrialOutcome: 'waived', surveyOutcome: 'passed' });
      const moved = await moveToSold(owner, olivia.id);
      expect(moved.body.errors).toBeUndefined();
      expect(moved.body.data).toMatchObject({ moveRecord: { stage: 'sold' } });
    },
    slow,
  );
});

describe('stage entry conditions through the admin API', () => {
  it(
    'reads, replaces and removes a stage’s conditions, checked against the object’s fields',
    async () => {
      const owner = await newUser(server);
      await install(owner);
      expect((await soldStage(owner)).requires).toEqual([seaTrialCondition, surveyCondition]);

      const updateStage = (input: Record<string, unknown>) =>
        owner.client.request(
          `mutation ($input: UpdateStageInput!) { updateStage(object: "deal", stage: "sold", input: $input) { key } }`,
          { input },
        );
      const unknownField = errorOf(
        await updateStage({ requires: [{ label: 'Paid', filter: { paidInFull: { eq: true } } }] }),
      );
      expect(unknownField.code).toBe('BAD_USER_INPUT');
      expect(unknownField.message).toContain('paidInFull');
      const notADate = errorOf(
        await updateStage({
          requires: [
            { label: 'Deposit', filter: { deposit: { isEmpty: false } }, deadlineField: 'surveyor' },
          ],
        }),
      );
      expect(notADate).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentPath: ['input', '0', 'requires', '0', 'deadlineField'],
      });
      expect((await soldStage(owner)).requires).toHaveLength(2);

      // Only the deposit now: a deal with one enters Sold whatever its contingencies say.
      const deposit = {
        label: 'Deposit received',
        filter: { deposit: { isEmpty: false } },
        deadlineField: null,
      };
      expect((await updateStage({ requires: [deposit] })).body.errors).toBeUndefined();
      expect((await soldStage(owner)).requires).toEqual([deposit]);
      const id = await dealUnderContract(owner);
      expect(errorOf(await moveToSold(owner, id)).extensions.unmetConditions).toEqual([
        { ...deposit, deadline: null },
      ]);
      await updateDeal(owner, id, { deposit: { amount: 5000 } });
      expect((await moveToSold(owner, id)).body.errors).toBeUndefined();

      expect((await updateStage({ requires: [] })).body.errors).toBeUndefined();
      expect((await soldStage(owner)).requires).toEqual([]);
    },
    slow,
  );
});

describe('upgrading from version 6', () => {
  it(
    'adds the conditions and the Waived outcome and keeps the admin’s stage label',
    async () => {
      await publish('v6');
      try {
        const owner = await newUser(server);
        expect(await install(owner, true)).toMatchObject({ fromVersion: null, toVersion: 6 });
        expect((await soldStage(owner)).requires).toEqual([]);
        await owner.client.data(
          `mutation { updateStage(object: "deal", stage: "sold", input: { label: "Closed" }) { key } }`,
        );
        await publish('shipped');
        const plan = await install(owner);
        expect(plan).toMatchObject({ fromVersion: 6, toVersion: shippedTemplateVersion('boat-dealer') });
        expect(plan.steps).toContainEqual(
          expect.objectContaining({ action: 'UPDATE_STAGE', target: 'deal.boatSales.sold' }),
        );
        const sold = await soldStage(owner);
        expect(sold).toMatchObject({ label: 'Closed', requires: [seaTrialCondition, surveyCondition] });
        // The new objects and the work-order rule arrive with the upgrade.
        const actions = plan.steps.map((s) => `${s.action} ${s.target}`);
        for (const object of ['engine', 'trailer', 'workOrder', 'workOrderPart'])
          expect(actions).toContain(`CREATE_OBJECT ${object}`);
        expect(
          actions.some((a) => a.startsWith('ADD_AUTOMATION') && a.includes('workOrderEngineHours')),
        ).toBe(true);

        const { deals } = await owner.client.data(
          `query { deals(filter: { stage: { eq: "seaTrial" } }) { nodes { id } } }`,
        );
        const error = errorOf(await moveToSold(owner, deals.nodes[0].id));
        expect(error.message).toContain('To move to “Closed”, first: Sea trial passed or waived');
        // The outcome choices gained “waived”: closing both by waiver lets the deal through.
        await updateDeal(owner, deals.nodes[0].id, { seaTrialOutcome: 'waived', surveyOutcome: 'waived' });
        expect((await moveToSold(owner, deals.nodes[0].id)).body.errors).toBeUndefined();
      } finally {
        await publish('shipped');
      }
    },
    slow,
  );
});

describe('units and service', () => {
  const engineHours = async (user: SignedUpUser) => {
    const { engines } = await user.client.data(
      `query { engines(sort: [{ field: name, direction: ASC }]) { nodes { id name hours boat { name } } } }`,
    );
    return Object.fromEntries(
      engines.nodes.map((e: { name: string; hours: number | null }) => [e.name, e.hours]),
    ) as Record<string, number | null>;
  };
  const completeWorkOrder = (user: SignedUpUser, id: string) =>
    user.client.data(
      `mutation ($id: ID!) { updateWorkOrder(id: $id, input: { status: "completed" }) { id } }`,
      {
        id,
      },
    );

  it(
    'a boat is a unit with its engines and trailer, each priced apart',
    async () => {
      const owner = await newUser(server);
      await install(owner, true);
      const { boats } = await owner.client.data(
        `query { boats(filter: { hin: { eq: "BWCE2801L324" } }) { nodes {
        price { amount }
        engines { name serialNumber horsepower hours price { amount } }
        trailers { name vin price { amount } }
      } } }`,
      );
      const [boston] = boats.nodes;
      expect(boston.price).toEqual({ amount: 289000 });
      expect(boston.engines).toHaveLength(2);
      expect(boston.engines[0]).toMatchObject({ horsepower: 300, hours: 12, price: { amount: 32500 } });
      expect(boston.trailers).toEqual([
        { name: '2024 Karavan tandem axle', vin: '5KTBS2825RF123456', price: { amount: 8900 } },
      ]);
    },
    slow,
  );

  it(
    'a completed work order puts its engine-hours reading on the engine it names, and on no other',
    async () => {
      const owner = await newUser(server);
      await install(owner, true);
      const { engines } = await owner.client.data(
        `query { engines(filter: { serialNumber: { eq: "2B512346" } }) { nodes { id boat { id } } } }`,
      );
      const starboard = engines.nodes[0];
      const { createWorkOrder } = await owner.client.data(
        `mutation ($boat: ID!, $engine: ID!) { createWorkOrder(input: {
        name: "20-hour check – starboard", boat: $boat, engine: $engine, engineHours: 57, labourHours: 1.5
      }) { id status } }`,
        { boat: starboard.boat.id, engine: starboard.id },
      );
      expect(createWorkOrder.status).toBe('open');
      // Still open: the reading waits for the work to be completed.
      expect(await engineHours(owner)).toMatchObject({
        'Mercury Verado 300 (port)': 12,
        'Mercury Verado 300 (starboard)': 12,
      });
      await completeWorkOrder(owner, createWorkOrder.id);
      await expect
        .poll(() => engineHours(owner), { timeout: 60_000 })
        .toMatchObject({ 'Mercury Verado 300 (port)': 12, 'Mercury Verado 300 (starboard)': 57 });

      // The sample service in progress on the Grady-White, with its parts lines: completed, 95 → 104.
      const { workOrders } = await owner.client.data(
        `query { workOrders { nodes { id name status engineHours parts { name quantity } } } }`,
      );
      const grady = workOrders.nodes.find((w: { name: string }) => w.name.startsWith('100-hour'));
      expect(grady).toMatchObject({ status: 'inProgress', engineHours: 104 });
      expect(grady.parts).toHaveLength(2);
      await completeWorkOrder(owner, grady.id);
      await expect.poll(async () => (await engineHours(owner))['Yamaha F300'], { timeout: 60_000 }).toBe(104);
      expect((await engineHours(owner))['Mercury Verado 300 (starboard)']).toBe(57);
    },
    slow,
  );
});

describe('boat-show leads', () => {
  it(
    'the show’s form tags each lead with the show, and the morning after it closes every lead gets a follow-up',
    async () => {
      const owner = await newUser(server);
      await install(owner, true);
      const { webForms } = await owner.client.data(`query { webForms { id name hostedUrl } }`);
      const form = webForms.find((f: { name: string }) => f.name === 'Boat show lead');
      const posted = await postForm(form.hostedUrl, {
        'person.name': 'Rosa Diaz',
        'person.email': 'rosa.diaz@example.com',
        interestedIn: 'A catamaran',
        boatShow: 'Miami International Boat Show',
        _consent: 'true',
        _website: '',
      });
      expect(posted.status).toBe(200);
      const { boatShows } = await owner.client.data(
        `query { boatShows(sort: [{ field: name, direction: ASC }]) { nodes { name leads { name person { email } } } } }`,
      );
      expect(boatShows.nodes[1]).toMatchObject({ name: 'Miami International Boat Show' });
      expect(boatShows.nodes[1].leads.map((l: { name: string }) => l.name).sort()).toEqual([
        'Dana Whitfield',
        'Marcus Lee',
        'Rosa Diaz',
      ]);
      // A lead of the show still to come is left for its own morning after.
      await owner.client.data(
        `mutation ($show: ID!) { createShowLead(input: { name: "Early bird", boatShow: $show }) { id } }`,
        {
          show: (
            await owner.client.data(
              `query { boatShows(filter: { venue: { eq: "Bahia Mar" } }) { nodes { id } } }`,
            )
          ).boatShows.nodes[0].id,
        },
      );

      // The 9:00 run, brought forward: one follow-up task per lead of the show that closed yesterday.
      const { automationRules } = await owner.client.data(
        `query { automationRules(objectKey: "showLead") { id name } }`,
      );
      const rule = automationRules.find(
        (r: { name: string }) => r.name === 'Follow up the leads of a boat show',
      );
      await query(
        server.databaseUrl,
        'update graphile_worker._private_jobs set run_at = now() where key = $1',
        [`automation:schedule:${rule.id}`],
      );
      const followUps = async () =>
        (
          await owner.client.data(
            `query { tasks(filter: { name: { startsWith: "Follow up from" } }) { nodes { name type } } }`,
          )
        ).tasks.nodes
          .map((t: { name: string }) => t.name)
          .sort();
      await expect
        .poll(followUps, { timeout: 90_000, interval: 250 })
        .toEqual([
          'Follow up from Miami International Boat Show: Dana Whitfield',
          'Follow up from Miami International Boat Show: Marcus Lee',
          'Follow up from Miami International Boat Show: Rosa Diaz',
        ]);
    },
    slow,
  );
});
