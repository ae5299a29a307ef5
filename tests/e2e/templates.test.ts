import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, TestClient, uniqueEmail, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { addFields, errorOf, expectCode } from '../support/records.js';
import { newServer, type TestServer } from '../support/server.js';

// Templates through GraphQL: the three vertical templates install into empty workspaces and
// work through the records API, installs are idempotent, upgrades apply a three-way diff and
// keep records and the admin's own fields, broken files are refused with file and line, an
// export installs elsewhere with the same metadata, only admins install, sample data goes.

const repoTemplates = fileURLToPath(new URL('../../templates/', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/templates/', import.meta.url));

let server: TestServer;
let templatesDir: string;

/** Puts a fixture file in the server's templates folder as `<key>/template.yaml`. */
async function useFixture(key: string, fixture: string): Promise<void> {
  await mkdir(path.join(templatesDir, key), { recursive: true });
  await cp(path.join(fixtures, fixture), path.join(templatesDir, key, 'template.yaml'));
}

beforeAll(async () => {
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'crm-templates-'));
  for (const key of await readdir(repoTemplates)) await cp(path.join(repoTemplates, key), path.join(templatesDir, key), { recursive: true });
  await useFixture('upgrade-test', 'upgrade-v1.yaml');
  await useFixture('broken-syntax', 'broken-syntax.yaml');
  await useFixture('broken-schema', 'broken-schema.yaml');
  server = await newServer({ TEMPLATES_DIR: templatesDir });
});
afterAll(async () => {
  await server?.close();
  await rm(templatesDir, { recursive: true, force: true });
});

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
  return (await user.client.data<{ installTemplate: Plan }>(install, { key, withSampleData })).installTemplate;
}

async function metadataVersion(workspaceId: string): Promise<number> {
  const [row] = await query<{ v: number }>(server.databaseUrl, 'select metadata_version as v from workspace where id = $1', [workspaceId]);
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
    .map((o) => ({ ...o, fields: o.fields.filter((f) => !f.system).sort((a, b) => a.key.localeCompare(b.key)) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

describe('the three templates', () => {
  it('boat-dealer installs with sample data; boats work and Sea Trial needs a booked sea trial', async () => {
    const owner = await newUser(server);
    const plan = await installTemplate(owner, 'boat-dealer', true);
    expect(plan).toMatchObject({ key: 'boat-dealer', fromVersion: null, toVersion: 1, upToDate: false });
    expect(plan.steps.map((s) => s.action)).toEqual(
      expect.arrayContaining(['CREATE_OBJECT', 'ADD_FIELD', 'ADD_PIPELINE', 'REMOVE_PIPELINE', 'ADD_VIEW', 'ADD_SAMPLE_RECORDS']),
    );

    const { createBoat } = await owner.client.data(
      `mutation { createBoat(input: { name: "Test boat", hin: "TST12345B626", price: { amount: 50000 }, status: "available" }) { id name price { amount currency } } }`,
    );
    expect(createBoat.price).toEqual({ amount: 50000, currency: 'USD' });
    const { boats } = await owner.client.data(`query { boats(first: 50) { totalCount nodes { name hin } } }`);
    expect(boats.totalCount).toBe(5);

    const duplicate = await owner.client.request(`mutation { createBoat(input: { name: "Again", hin: "TST12345B626" }) { id } }`);
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
    await owner.client.data(`mutation($id: ID!, $trial: ID!) { updateDeal(id: $id, input: { seaTrial: $trial }) { id } }`, {
      id: createDeal.id,
      trial: createSeaTrial.id,
    });
    const { moveRecord } = await owner.client.data(
      `mutation($id: ID!) { moveRecord(input: { object: "deal", id: $id, stage: "seaTrial" }) { stage } }`,
      { id: createDeal.id },
    );
    expect(moveRecord.stage).toBe('seaTrial');

    const { board } = await owner.client.data(`query { board(object: "deal", pipeline: "boatSales") { pipeline { key stages { key label kind } } } }`);
    expect(board.pipeline.stages.map((s: { key: string }) => s.key)).toEqual(['underOffer', 'underContract', 'seaTrial', 'sold', 'lost']);
    const { views } = await owner.client.data(`query { views(object: "deal") { name type groupByField shared } }`);
    expect(views).toContainEqual({ name: 'Boat sales', type: 'BOARD', groupByField: 'stage', shared: true });
  });
});
