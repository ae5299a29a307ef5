import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, TestClient, uniqueEmail, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { addFields, errorOf, expectCode } from '../support/records.js';
import { useServer } from '../support/server.js';
import { shippedTemplateVersion } from '../support/templates.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Templates through GraphQL: the three vertical templates install into empty workspaces and
// work through the records API, installs are idempotent, upgrades apply a three-way diff and
// keep records and the admin's own fields, broken files are refused with file and line, an
// export installs elsewhere with the same metadata, only admins install, sample data goes.

const repoTemplates = fileURLToPath(new URL('../../templates/', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/templates/', import.meta.url));

let templatesDir: string;

/** Puts a fixture file in the server's templates folder as `<key>/template.yaml`. */
async function useFixture(key: string, fixture: string): Promise<void> {
  await mkdir(path.join(templatesDir, key), { recursive: true });
  await cp(path.join(fixtures, fixture), path.join(templatesDir, key, 'template.yaml'));
}

beforeAll(async () => {
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'crm-templates-'));
  for (const key of await readdir(repoTemplates))
    await cp(path.join(repoTemplates, key), path.join(templatesDir, key), { recursive: true });
  await useFixture('upgrade-test', 'upgrade-v1.yaml');
  await useFixture('broken-syntax', 'broken-syntax.yaml');
  await useFixture('broken-schema', 'broken-schema.yaml');
  await useFixture('bad-sample', 'bad-sample.yaml');
});
afterAll(() => rm(templatesDir, { recursive: true, force: true }));
// Started once the folder above is filled; closed before it is removed.
const server = useServer(() => ({ TEMPLATES_DIR: templatesDir }));

const planFields = /* GraphQL */ `
  fragment PlanParts on TemplatePlan {
    key
    fromVersion
    toVersion
    upToDate
    steps {
      action
      target
      description
    }
  }
`;
const install = /* GraphQL */ `
  mutation ($key: String!, $withSampleData: Boolean! = false) {
    installTemplate(key: $key, withSampleData: $withSampleData) {
      ...PlanParts
    }
  }
  ${planFields}
`;
const planQuery = /* GraphQL */ `
  query ($key: String!, $withSampleData: Boolean! = false) {
    templatePlan(key: $key, withSampleData: $withSampleData) {
      ...PlanParts
    }
  }
  ${planFields}
`;

interface Plan {
  key: string;
  fromVersion: number | null;
  toVersion: number;
  upToDate: boolean;
  steps: { action: string; target: string; description: string }[];
}

async function installTemplate(user: SignedUpUser, key: string, withSampleData = false): Promise<Plan> {
  return (await user.client.data<{ installTemplate: Plan }>(install, { key, withSampleData }))
    .installTemplate;
}

async function metadataVersion(workspaceId: string): Promise<number> {
  const [row] = await query<{ v: number }>(
    server.databaseUrl,
    'select metadata_version as v from workspace where id = $1',
    [workspaceId],
  );
  return row!.v;
}

const metadataQuery = /* GraphQL */ `
  query {
    objects {
      key
      pluralKey
      labelSingular
      labelPlural
      fields {
        key
        label
        type
        required
        unique
        system
        settings {
          precision
          grouping
          defaultCurrency
          max
          choices {
            key
            label
          }
          relation {
            targetObjectKey
            kind
            onDelete
            inverseFieldKey
          }
          pipelines {
            key
            label
            stages {
              key
              label
              probability
              kind
              requiredFields
            }
          }
        }
      }
    }
  }
`;

interface ObjectShape {
  key: string;
  fields: { key: string; system: boolean }[];
}

/** The workspace's objects and fields without ids, positions or system fields, sorted by key. */
async function metadataShape(client: TestClient): Promise<unknown> {
  const { objects } = await client.data<{ objects: ObjectShape[] }>(metadataQuery);
  return objects
    .map((o) => ({
      ...o,
      fields: o.fields.filter((f) => !f.system).sort((a, b) => a.key.localeCompare(b.key)),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

describe('the three templates', () => {
  it('boat-dealer installs with sample data; boats work and Sea Trial needs a booked sea trial', async () => {
    const owner = await newUser(server);
    const plan = await installTemplate(owner, 'boat-dealer', true);
    expect(plan).toMatchObject({
      key: 'boat-dealer',
      fromVersion: null,
      toVersion: shippedTemplateVersion('boat-dealer'),
      upToDate: false,
    });
    expect(plan.steps.map((s) => s.action)).toEqual(
      expect.arrayContaining([
        'CREATE_OBJECT',
        'ADD_FIELD',
        'ADD_PIPELINE',
        'REMOVE_PIPELINE',
        'ADD_VIEW',
        'ADD_SAMPLE_RECORDS',
        'SET_REMINDERS',
        'ADD_AUTOMATION',
      ]),
    );

    const { createBoat } = await owner.client.data(
      `mutation { createBoat(input: { name: "Test boat", hin: "TST12345B626", price: { amount: 50000 }, status: "available" }) { id name price { amount currency } } }`,
    );
    expect(createBoat.price).toEqual({ amount: 50000, currency: 'USD' });
    const { boats } = await owner.client.data(`query { boats(first: 50) { totalCount nodes { name hin } } }`);
    expect(boats.totalCount).toBe(5);

    const duplicate = await owner.client.request(
      `mutation { createBoat(input: { name: "Again", hin: "TST12345B626" }) { id } }`,
    );
    expectCode(duplicate, 'BAD_USER_INPUT');

    const { createDeal } = await owner.client.data(
      `mutation($boat: ID!) { createDeal(input: { name: "Boat deal", stage: "underOffer", boat: $boat }) { id stage } }`,
      { boat: createBoat.id },
    );
    const refused = await owner.client.request(
      `mutation($id: ID!) { moveRecord(input: { object: "deal", id: $id, stage: "seaTrial" }) { id stage } }`,
      { id: createDeal.id },
    );
    const error = errorOf(refused);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.missingFields).toEqual(['seaTrial']);

    const { createSeaTrial } = await owner.client.data(
      `mutation($boat: ID!) { createSeaTrial(input: { name: "Trial", boat: $boat, scheduledAt: "2026-12-01T10:00:00Z" }) { id status } }`,
      { boat: createBoat.id },
    );
    expect(createSeaTrial.status).toBe('booked');
    await owner.client.data(
      `mutation($id: ID!, $trial: ID!) { updateDeal(id: $id, input: { seaTrial: $trial }) { id } }`,
      {
        id: createDeal.id,
        trial: createSeaTrial.id,
      },
    );
    const { moveRecord } = await owner.client.data(
      `mutation($id: ID!) { moveRecord(input: { object: "deal", id: $id, stage: "seaTrial" }) { stage } }`,
      { id: createDeal.id },
    );
    expect(moveRecord.stage).toBe('seaTrial');

    const { board } = await owner.client.data(
      `query { board(object: "deal", pipeline: "boatSales") { pipeline { key stages { key label kind } } } }`,
    );
    expect(board.pipeline.stages.map((s: { key: string }) => s.key)).toEqual([
      'underOffer',
      'underContract',
      'seaTrial',
      'sold',
      'lost',
    ]);
    const { views } = await owner.client.data(
      `query { views(object: "deal") { name type groupByField shared } }`,
    );
    expect(views).toContainEqual({ name: 'Boat sales', type: 'BOARD', groupByField: 'stage', shared: true });
  }, 120_000);

  it('car-dealer installs; vehicles, test drives and the car sales pipeline work', async () => {
    const owner = await newUser(server);
    await installTemplate(owner, 'car-dealer', true);
    const { vehicles } = await owner.client.data(`query { vehicles { totalCount nodes { name vin } } }`);
    expect(vehicles.totalCount).toBe(3);
    const { createVehicle } = await owner.client.data(
      `mutation { createVehicle(input: { name: "2020 Mazda CX-5", vin: "JM3KFBCM1L0456789", year: 2020, condition: "used" }) { id status } }`,
    );
    expect(createVehicle.status).toBe('inStock');
    const { testDrives } = await owner.client.data(`query { testDrives { totalCount } }`);
    expect(testDrives.totalCount).toBe(2);
    const { board } = await owner.client.data(
      `query { board(object: "deal", pipeline: "carSales") { columns { stage { key } count } } }`,
    );
    expect(board.columns.map((c: { stage: { key: string } }) => c.stage.key)).toEqual([
      'lead',
      'contacted',
      'testDrive',
      'negotiation',
      'financing',
      'delivered',
      'lost',
    ]);
  });

  it('real-estate installs; properties, viewings, buyer requirements and both pipelines work', async () => {
    const owner = await newUser(server);
    await installTemplate(owner, 'real-estate', true);
    const { properties } = await owner.client.data(
      `query { properties(sort: [{ field: price, direction: DESC }]) { totalCount nodes { name features seller { name } listingStage } } }`,
    );
    expect(properties.totalCount).toBe(4);
    expect(properties.nodes[0]).toMatchObject({
      name: 'Family house by the river',
      seller: { name: 'Helen Brooks' },
      listingStage: 'listed',
    });
    const { people } = await owner.client.data(
      `query { people(filter: { minBedrooms: { gte: 3 } }) { nodes { name budget { amount } } } }`,
    );
    expect(people.nodes).toEqual([{ name: 'Priya Nair', budget: { amount: 650000 } }]);
    const { viewings } = await owner.client.data(
      `query { viewings { totalCount nodes { property { name } interest } } }`,
    );
    expect(viewings.totalCount).toBe(4);
    const { views } = await owner.client.data(
      `query { views(object: "viewing") { name type calendarField } }`,
    );
    expect(views).toEqual([
      { name: 'Viewings', type: 'CALENDAR', calendarField: 'startsAt' },
      { name: 'Viewing feedback', type: 'TABLE', calendarField: null },
    ]);
    const { board } = await owner.client.data(
      `query { board(object: "property", pipeline: "listings") { columns { stage { key } count } } }`,
    );
    expect(board.columns.find((c: { stage: { key: string } }) => c.stage.key === 'listed').count).toBe(3);
  });
});

describe('installing', () => {
  it('a second install changes nothing: the plan is up to date and the metadata version stays', async () => {
    const owner = await newUser(server);
    await installTemplate(owner, 'boat-dealer');
    const version = await metadataVersion(owner.workspaceId);
    const { templatePlan } = await owner.client.data<{ templatePlan: Plan }>(planQuery, {
      key: 'boat-dealer',
    });
    expect(templatePlan).toEqual({
      key: 'boat-dealer',
      fromVersion: shippedTemplateVersion('boat-dealer'),
      toVersion: shippedTemplateVersion('boat-dealer'),
      upToDate: true,
      steps: [],
    });
    expect(await installTemplate(owner, 'boat-dealer')).toEqual(templatePlan);
    expect(await metadataVersion(owner.workspaceId)).toBe(version);
    const { templates } = await owner.client.data(
      `query { templates { key version installedVersion hasSampleData sampleRecordCount } }`,
    );
    expect(templates).toContainEqual({
      key: 'boat-dealer',
      version: shippedTemplateVersion('boat-dealer'),
      installedVersion: shippedTemplateVersion('boat-dealer'),
      hasSampleData: true,
      sampleRecordCount: 0,
    });
    expect(templates).toContainEqual({
      key: 'car-dealer',
      version: shippedTemplateVersion('car-dealer'),
      installedVersion: null,
      hasSampleData: true,
      sampleRecordCount: 0,
    });
  });

  it('members with views open see the installed shared views arrive (viewChanged)', async () => {
    const owner = await newUser(server);
    const member = await newMember(server, owner, 'MEMBER');
    const { client } = newSocketClient(server, {
      cookie: member.client.cookie,
      workspaceId: owner.workspaceId,
    });
    const events = collect<{ viewChanged: { kind: string; view: { name: string; shared: boolean } | null } }>(
      client,
      `subscription { viewChanged { kind view { name shared } } }`,
    );
    try {
      // graphql-ws does not acknowledge a subscribe: shared probe views until one arrives.
      const names = () => events.results.map((r) => r.data?.viewChanged.view?.name ?? '');
      for (let probe = 0; !names().some((n) => n.startsWith('probe')); probe += 1) {
        if (probe === 20) throw new Error('the subscription never went live');
        await owner.client.data(
          `mutation ($name: String!) { createView(input: { object: "company", name: $name, type: TABLE, shared: true }) { id } }`,
          { name: `probe ${probe}` },
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      events.results.length = 0;
      await installTemplate(owner, 'real-estate', false);
      // A probe's event may still arrive late on a busy machine: only the install's count.
      const installed = () =>
        events.results.filter((r) => !r.data?.viewChanged.view?.name.startsWith('probe'));
      await eventually(() => installed().length === 6);
      expect(
        installed()
          .map((r) => r.data?.viewChanged.view?.name)
          .sort(),
      ).toEqual(['All listings', 'Buyers', 'Listings', 'Properties', 'Viewing feedback', 'Viewings']);
      expect(installed().every((r) => r.data?.viewChanged.kind === 'CREATED')).toBe(true);
    } finally {
      events.stop();
      await client.dispose();
    }
  });

  it('the dry run shows the steps the install then takes', async () => {
    const owner = await newUser(server);
    const { templatePlan } = await owner.client.data<{ templatePlan: Plan }>(planQuery, {
      key: 'real-estate',
      withSampleData: true,
    });
    const version = await metadataVersion(owner.workspaceId);
    expect(await installTemplate(owner, 'real-estate', true)).toEqual(templatePlan);
    expect(await metadataVersion(owner.workspaceId)).toBe(version + 1);
  });

  it('an upgrade applies only the difference, keeps records and the admin’s own field and labels', async () => {
    const owner = await newUser(server);
    const relabeller = await newUser(server);
    for (const user of [owner, relabeller]) await installTemplate(user, 'upgrade-test', true);
    await addFields(owner.client, 'gadget', [{ key: 'adminNote', label: 'Admin note', type: 'TEXT' }]);
    await owner.client.data(
      `mutation { createGadget(input: { name: "Widget", weight: 5, colour: "blue", adminNote: "mine", phase: "built" }) { id } }`,
    );
    const { object } = await relabeller.client.data(`query { object(key: "gadget") { fields { id key } } }`);
    const weight = object.fields.find((f: { key: string }) => f.key === 'weight');
    await relabeller.client.data(
      `mutation($id: ID!) { updateField(id: $id, input: { label: "Mass" }) { id } }`,
      { id: weight.id },
    );

    await useFixture('upgrade-test', 'upgrade-v2.yaml');
    try {
      const { templatePlan } = await owner.client.data<{ templatePlan: Plan }>(planQuery, {
        key: 'upgrade-test',
      });
      expect(templatePlan).toMatchObject({ fromVersion: 1, toVersion: 2, upToDate: false });
      expect(templatePlan.steps.map((s) => [s.action, s.target])).toEqual([
        ['ADD_FIELD', 'gadget.serial'],
        ['ADD_STAGE', 'gadget.production.tested'],
        ['UPDATE_FIELD', 'gadget.weight'],
        ['ARCHIVE_FIELD', 'gadget.colour'],
      ]);
      expect(await installTemplate(owner, 'upgrade-test')).toEqual(templatePlan);

      const { gadgets } = await owner.client.data(
        `query { gadgets(sort: [{ field: name, direction: ASC }]) { nodes { name weight adminNote serial phase } } }`,
      );
      expect(gadgets.nodes).toEqual([
        { name: 'Sprocket', weight: 2, adminNote: null, serial: null, phase: 'designed' },
        { name: 'Widget', weight: 5, adminNote: 'mine', serial: null, phase: 'built' },
      ]);
      const { object: gadget } = await owner.client.data(
        `query { object(key: "gadget") { fields { key label settings { pipelines { stages { key } } } } archivedFields { key } } }`,
      );
      const field = (key: string) => gadget.fields.find((f: { key: string }) => f.key === key);
      expect(field('weight').label).toBe('Weight (kg)');
      expect(field('adminNote').label).toBe('Admin note');
      expect(gadget.archivedFields.map((f: { key: string }) => f.key)).toEqual(['colour']);
      expect(field('phase').settings.pipelines[0].stages.map((s: { key: string }) => s.key)).toEqual([
        'designed',
        'built',
        'tested',
        'shipped',
      ]);

      // The other workspace renamed weight: the upgrade leaves its label alone.
      const other = await installTemplate(relabeller, 'upgrade-test');
      expect(other.steps.map((s) => s.action)).toEqual(['ADD_FIELD', 'ADD_STAGE', 'ARCHIVE_FIELD']);
      const { object: kept } = await relabeller.client.data(
        `query { object(key: "gadget") { fields { key label } } }`,
      );
      expect(kept.fields.find((f: { key: string }) => f.key === 'weight').label).toBe('Mass');
      expect((await installTemplate(owner, 'upgrade-test')).upToDate).toBe(true);
    } finally {
      await useFixture('upgrade-test', 'upgrade-v1.yaml');
    }
  });

  it('a changed NUMBER grouping reaches installs of the same version, unless the admin set it', async () => {
    await useFixture('grouping-test', 'grouping-v1.yaml');
    try {
      const owner = await newUser(server);
      const tuner = await newUser(server);
      for (const user of [owner, tuner]) await installTemplate(user, 'grouping-test');
      const settingsOf = async (user: SignedUpUser) => {
        const { object } = await user.client.data(
          `query { object(key: "oldtimer") { fields { id key settings { grouping precision } } } }`,
        );
        return Object.fromEntries(
          object.fields.map((f: { key: string; id: string; settings: object }) => [
            f.key,
            { id: f.id, ...f.settings },
          ]),
        );
      };
      expect((await settingsOf(owner)).year).toMatchObject({ grouping: true, precision: 0 });
      // The tuner's admin turns grouping off on mileage, a field the new file leaves alone.
      await tuner.client.data(
        `mutation($id: ID!) { updateField(id: $id, input: { settings: { grouping: false } }) { id } }`,
        {
          id: (await settingsOf(tuner)).mileage.id,
        },
      );

      await useFixture('grouping-test', 'grouping-v1-year-ungrouped.yaml');
      const { templatePlan } = await owner.client.data<{ templatePlan: Plan }>(planQuery, {
        key: 'grouping-test',
      });
      expect(templatePlan).toMatchObject({ fromVersion: 1, toVersion: 1, upToDate: false });
      expect(templatePlan.steps).toEqual([
        {
          action: 'UPDATE_FIELD',
          target: 'oldtimer.year',
          description: 'Update oldtimer.year: grouping → false',
        },
      ]);
      for (const user of [owner, tuner]) await installTemplate(user, 'grouping-test');
      for (const user of [owner, tuner]) {
        const settings = await settingsOf(user);
        expect(settings.year).toMatchObject({ grouping: false, precision: 0 });
        expect(settings.mileage.grouping).toBe(user === tuner ? false : true);
      }
      expect((await installTemplate(owner, 'grouping-test')).upToDate).toBe(true);
    } finally {
      await rm(path.join(templatesDir, 'grouping-test'), { recursive: true, force: true });
    }
  });

  it.each([
    ['broken-syntax', /YAML syntax/],
    ['broken-schema', /objects\.0\.fields\.1\.type: Invalid option/],
  ])('refuses %s with file, line and reason, and leaves the workspace untouched', async (key, reason) => {
    const owner = await newUser(server);
    const version = await metadataVersion(owner.workspaceId);
    for (const response of [
      await owner.client.request(install, { key }),
      await owner.client.request(planQuery, { key }),
    ]) {
      const error = errorOf(response);
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.file).toMatch(new RegExp(`${key}/template\\.yaml$`));
      expect(error.extensions.line).toBe(10);
      expect(error.extensions.reason).toMatch(reason);
      expect(error.message).toMatch(new RegExp(`${key}/template\\.yaml:10: `));
    }
    expect(await metadataVersion(owner.workspaceId)).toBe(version);
    const { objects } = await owner.client.data(`query { objects(includeArchived: true) { key } }`);
    expect(objects.map((o: { key: string }) => o.key).sort()).toEqual([
      'company',
      'deal',
      'note',
      'person',
      'price',
      'product',
      'task',
    ]);
    const { templates } = await owner.client.data(`query { templates { key } }`);
    expect(templates.map((t: { key: string }) => t.key)).not.toContain(key);
  });

  it('a failing step rolls the whole install back', async () => {
    const owner = await newUser(server);
    await owner.client.data(
      `mutation { createObject(input: { key: "seaTrial", labelSingular: "Mine" }) { id } }`,
    );
    const version = await metadataVersion(owner.workspaceId);
    expectCode(await owner.client.request(install, { key: 'boat-dealer', withSampleData: true }), 'CONFLICT');
    expect(await metadataVersion(owner.workspaceId)).toBe(version);
    const { objects } = await owner.client.data(`query { objects(includeArchived: true) { key } }`);
    expect(objects.map((o: { key: string }) => o.key)).not.toContain('boat');
  });

  it('a step failing late (a bad sample record) leaves no object, field or record behind', async () => {
    const owner = await newUser(server);
    const version = await metadataVersion(owner.workspaceId);
    const error = errorOf(await owner.client.request(install, { key: 'bad-sample', withSampleData: true }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/ADD_SAMPLE_RECORDS .*sampleData\.crate\.1: .*size/);
    expect(await metadataVersion(owner.workspaceId)).toBe(version);
    const { objects } = await owner.client.data(`query { objects(includeArchived: true) { key } }`);
    expect(objects.map((o: { key: string }) => o.key)).not.toContain('crate');
    const installs = await query(
      server.databaseUrl,
      'select 1 from template_install where workspace_id = $1',
      [owner.workspaceId],
    );
    expect(installs).toEqual([]);
    expect((await installTemplate(owner, 'bad-sample')).steps.map((s) => s.action)).toEqual([
      'CREATE_OBJECT',
    ]);
  });

  it('members and viewers cannot install, plan, export or remove sample data', async () => {
    const owner = await newUser(server);
    for (const role of ['MEMBER', 'VIEWER']) {
      const user = await newMember(server, owner, role);
      expectCode(await user.client.request(install, { key: 'boat-dealer' }), 'FORBIDDEN');
      expectCode(await user.client.request(planQuery, { key: 'boat-dealer' }), 'FORBIDDEN');
      expectCode(await user.client.request(`query { exportWorkspaceTemplate }`), 'FORBIDDEN');
      expectCode(
        await user.client.request(`mutation { removeTemplateSampleData(key: "boat-dealer") }`),
        'FORBIDDEN',
      );
      const { templates } = await user.client.data(`query { templates { key } }`);
      expect(templates.length).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('export', () => {
  it('an exported workspace installs into a fresh workspace with the same metadata, records, forms and rating models', async () => {
    const source = await newUser(server);
    await installTemplate(source, 'boat-dealer', true);
    await addFields(source.client, 'boat', [{ key: 'berth', label: 'Berth', type: 'TEXT' }]);
    // The admin's own form (no template key) and model, beside the template's.
    const { createWebForm: newsletter } = await source.client.data(
      `mutation ($input: WebFormInput!) { createWebForm(input: $input) { id } }`,
      {
        input: {
          name: 'Newsletter sign-up',
          objectKey: 'person',
          fields: [
            { path: 'email', required: true },
            { path: 'name', label: 'Your name' },
          ],
          thankYouMessage: 'Welcome aboard.',
          enabled: false,
        },
      },
    );
    // A rule triggered by that form travels with it, the form named by its template key.
    await source.client.data(
      `mutation ($input: AutomationRuleInput!) { createAutomationRule(input: $input) { id } }`,
      {
        input: {
          name: 'Welcome new subscribers',
          objectKey: 'person',
          trigger: { kind: 'FORM_SUBMITTED', formId: newsletter.id },
          actions: [{ type: 'ADD_COMMENT', body: 'Signed up for the newsletter.' }],
        },
      },
    );
    await source.client.data(
      `mutation ($model: JSON!) { saveRatingModel(objectKey: "company", model: $model) { objectKey } }`,
      {
        model: {
          thresholds: { hot: 20, warm: 5 },
          rules: [
            { kind: 'FIELD', field: 'name', operator: 'isNotEmpty', points: 5 },
            { kind: 'EMAILS_ANSWERED', points: 10, max: 30, withinDays: 60 },
          ],
        },
      },
    );
    const { exportWorkspaceTemplate: yaml } = await source.client.data(
      `query { exportWorkspaceTemplate(withData: true, key: "exported-boats", name: "Our boats") }`,
    );
    expect(yaml).toMatch(/^key: exported-boats$/m);
    expect(yaml).not.toContain('Automation left out: “Welcome new subscribers”');
    expect(yaml).toMatch(/kind: FORM_SUBMITTED\n\s+form: newsletterSignUp$/m);
    await mkdir(path.join(templatesDir, 'exported-boats'), { recursive: true });
    await writeFile(path.join(templatesDir, 'exported-boats', 'template.yaml'), yaml);

    const target = await newUser(server);
    const plan = await installTemplate(target, 'exported-boats', true);
    expect(plan.steps.map((s) => s.action)).toContain('ADD_SAMPLE_RECORDS');
    expect(await metadataShape(target.client)).toEqual(await metadataShape(source.client));
    for (const list of ['boats', 'seaTrials', 'deals', 'people']) {
      const count = async (user: SignedUpUser) =>
        (await user.client.data(`query { ${list} { totalCount } }`))[list].totalCount;
      expect(await count(target)).toBe(await count(source));
    }
    const { views } = await target.client.data(`query { views(object: "deal") { name type groupByField } }`);
    expect(views).toEqual([{ name: 'Boat sales', type: 'BOARD', groupByField: 'stage' }]);
    const leadsIn = async (user: SignedUpUser) => {
      const data = await user.client.data(`query {
        webForms { name objectKey enabled thankYouMessage recordName personField updateRepeats
          fields { path label helpText required hidden defaultValue } }
        ratingModels { objectKey model }
      }`);
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      const byObject = (a: { objectKey: string }, b: { objectKey: string }) =>
        a.objectKey.localeCompare(b.objectKey);
      return { forms: data.webForms.sort(byName), models: data.ratingModels.sort(byObject) };
    };
    const exported = await leadsIn(source);
    expect(exported.forms.map((f: { name: string }) => f.name)).toContain('Newsletter sign-up');
    expect(exported.models.map((m: { objectKey: string }) => m.objectKey)).toEqual(['company', 'person']);
    expect(await leadsIn(target)).toEqual(exported);
    // The rule points at the target's own copy of the form.
    const formRule = async (user: SignedUpUser) => {
      const { automationRules, webForms } = await user.client.data(
        `query { automationRules { name objectKey trigger actions } webForms { id name } }`,
      );
      const rule = automationRules.find((r: { name: string }) => r.name === 'Welcome new subscribers');
      const form = webForms.find((f: { id: string }) => f.id === rule?.trigger.formId);
      return { ...rule, trigger: { ...rule?.trigger, formId: undefined }, form: form?.name };
    };
    const sourceRule = await formRule(source);
    expect(sourceRule).toMatchObject({ objectKey: 'person', form: 'Newsletter sign-up' });
    expect(await formRule(target)).toEqual(sourceRule);
    // An upgrade finds the installed rule unchanged (its form compared by key) and updates it.
    await writeFile(
      path.join(templatesDir, 'exported-boats', 'template.yaml'),
      yaml.replace(/^version: 1$/m, 'version: 2').replace('Signed up for the newsletter.', 'Joined.'),
    );
    const { templatePlan } = await target.client.data<{ templatePlan: Plan }>(planQuery, {
      key: 'exported-boats',
    });
    expect(templatePlan.steps.filter((s) => s.target.startsWith('automation.'))).toEqual([
      expect.objectContaining({ action: 'UPDATE_AUTOMATION', target: 'automation.welcomeNewSubscribers' }),
    ]);
  });
});

describe('sample data and one-step start', () => {
  it('removes the sample records nobody changed, and keeps the edited ones', async () => {
    const owner = await newUser(server);
    await installTemplate(owner, 'car-dealer', true);
    const sampleCount = async () => {
      const { templates } = await owner.client.data(`query { templates { key sampleRecordCount } }`);
      return templates.find((t: { key: string }) => t.key === 'car-dealer').sampleRecordCount;
    };
    expect(await sampleCount()).toBe(14);
    const { vehicles } = await owner.client.data(
      `query { vehicles(filter: { stockNumber: { eq: "T1042" } }) { nodes { id } } }`,
    );
    await owner.client.data(
      `mutation($id: ID!) { updateVehicle(id: $id, input: { mileage: 12500 }) { id } }`,
      { id: vehicles.nodes[0].id },
    );
    const { removeTemplateSampleData } = await owner.client.data(
      `mutation { removeTemplateSampleData(key: "car-dealer") }`,
    );
    expect(removeTemplateSampleData).toBe(13);
    const after = await owner.client.data(
      `query { vehicles { nodes { stockNumber } } testDrives { totalCount } deals { totalCount } tradeIns { totalCount } showroomVisits { totalCount } }`,
    );
    expect(after.vehicles.nodes).toEqual([{ stockNumber: 'T1042' }]);
    expect([
      after.testDrives.totalCount,
      after.deals.totalCount,
      after.tradeIns.totalCount,
      after.showroomVisits.totalCount,
    ]).toEqual([0, 0, 0, 0]);
    // The edited vehicle is the workspace's own now: nothing is left to remove.
    expect(await sampleCount()).toBe(0);
    const again = await owner.client.data(`mutation { removeTemplateSampleData(key: "car-dealer") }`);
    expect(again.removeTemplateSampleData).toBe(0);
  });

  it('signUp and createWorkspace install a template with its sample data in the same step', async () => {
    const client = new TestClient(server);
    const { signUp } = await client.data(
      `mutation($input: SignUpInput!) { signUp(input: $input) { workspace { id name } } }`,
      {
        input: {
          email: uniqueEmail(),
          password: 'a long enough password',
          name: 'Agent',
          workspaceName: 'Agency',
          template: 'real-estate',
        },
      },
    );
    client.workspaceId = signUp.workspace.id;
    expect((await client.data(`query { properties { totalCount } }`)).properties.totalCount).toBe(4);

    const { createWorkspace } = await client.data(
      `mutation { createWorkspace(input: { name: "Boats", template: "boat-dealer" }) { id } }`,
    );
    const boats = client.inWorkspace(createWorkspace.id);
    expect((await boats.data(`query { boats { totalCount } }`)).boats.totalCount).toBe(4);
    const { templates } = await boats.data(`query { templates { key installedVersion } }`);
    expect(templates).toContainEqual({
      key: 'boat-dealer',
      installedVersion: shippedTemplateVersion('boat-dealer'),
    });

    const before = await query(server.databaseUrl, 'select count(*)::int as n from workspace');
    const unknown = await client.request(
      `mutation { createWorkspace(input: { name: "X", template: "no-such" }) { id } }`,
    );
    expect(errorOf(unknown).argumentPath).toEqual(['input', 'template']);
    expect(await query(server.databaseUrl, 'select count(*)::int as n from workspace')).toEqual(before);
  }, 120_000);
});
