import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import { useServer } from '../support/server.js';
import {
  asEarlierVersion,
  copyShippedTemplate,
  idOf,
  installTemplateAs,
  shippedTemplateVersion,
} from '../support/templates.js';
import { eventually } from '../support/ws.js';

// Real-estate version 7 adds buyer ↔ listing matching (issue 22): the `matching:` section and the
// buyer's wanted property types and features. An install of version 6 upgrades keeping its
// records and the admin's changes; matches among the records already there are found at once
// and nobody is notified of them, while a listing added afterwards that fits is told once.

const published = fileURLToPath(new URL('../../templates/real-estate/template.yaml', import.meta.url));
let templatesDir: string;
let current: string;

/** Version 6: no matching section, no version-7 buyer fields (nor their sample values). */
function version6(text: string): string {
  return asEarlierVersion(text, 6)
    .replace(/\n# Buyers and listings matched both ways[\s\S]*?\n(?=# Hot\/warm\/cold buyers)/, '\n')
    .replace(/ {6}# Version 7: the rest of a buyer's search[\s\S]*?(?= {6}- \{ key: moveInDate)/, '')
    .replace(/^ {8}(wantedPropertyTypes|wantedFeatures): .*\n/gm, '');
}

async function publish(text: string): Promise<void> {
  await writeFile(path.join(templatesDir, 'real-estate', 'template.yaml'), text);
}

beforeAll(async () => {
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'crm-template-matching-'));
  await copyShippedTemplate('real-estate', templatesDir);
  current = await readFile(published, 'utf8');
  const v6 = version6(current);
  expect(v6).not.toMatch(/matching:|wantedPropertyTypes|wantedFeatures/);
  await publish(v6);
});
afterAll(() => rm(templatesDir, { recursive: true, force: true }));
const server = useServer(() => ({ TEMPLATES_DIR: templatesDir }));

const install = (user: SignedUpUser, withSampleData: boolean) =>
  installTemplateAs(user, 'real-estate', withSampleData);

async function matchNotifications(user: SignedUpUser): Promise<{ recordId: string; excerpt: string }[]> {
  const { notifications } = await user.client.data<{
    notifications: { nodes: { kind: string; recordId: string; excerpt: string }[] };
  }>(`{ notifications(first: 50) { nodes { kind recordId excerpt } } }`);
  return notifications.nodes
    .filter((n) => n.kind === 'MATCH')
    .map(({ recordId, excerpt }) => ({ recordId, excerpt }));
}

describe('upgrading real-estate to matching', () => {
  it('keeps records and admin changes, matches the records there without notifying, and tells of a new match once', async () => {
    const owner = await newUser(server);
    expect(await install(owner, true)).toMatchObject({ toVersion: 6 });
    const { object } = await owner.client.data<{ object: { fields: { id: string; key: string }[] } }>(
      `query { object(key: "person") { fields { id key } } }`,
    );
    const areas = object.fields.find((f) => f.key === 'preferredAreas')!;
    await owner.client.data(
      `mutation($id: ID!) { updateField(id: $id, input: { label: "Areas of interest" }) { id } }`,
      {
        id: areas.id,
      },
    );
    const priya = await idOf(owner, 'people', 'Priya Nair');

    await publish(current);
    const plan = await install(owner, false);
    expect(plan).toMatchObject({ fromVersion: 6, toVersion: shippedTemplateVersion('real-estate') });
    expect(plan.steps.map((s) => `${s.action} ${s.target}`)).toEqual(
      expect.arrayContaining([
        'ADD_FIELD person.wantedPropertyTypes',
        'ADD_FIELD person.wantedFeatures',
        'ADD_MATCH_DEFINITION matching.buyersListings',
      ]),
    );
    const after = await owner.client.data<{ object: { fields: { key: string; label: string }[] } }>(
      `query { object(key: "person") { fields { key label } } }`,
    );
    expect(after.object.fields.find((f) => f.key === 'preferredAreas')?.label).toBe('Areas of interest');

    // Priya's search (v6 data) already fits the riverside house and nearly the loft: found, not announced.
    const { matchesForSeeker } = await owner.client.data<{
      matchesForSeeker: { label: string; score: number }[];
    }>(`query ($id: ID!) { matchesForSeeker(object: "person", id: $id) { label score } }`, { id: priya });
    expect(matchesForSeeker).toEqual([
      { label: 'Family house by the river', score: 100 },
      { label: 'Old Town loft', score: 80 }, // two bedrooms where she wants three
    ]);

    // A listing added now that fits her is new: her owner (the installer) hears of that one only.
    await owner.client.data(
      `mutation ($input: PropertyCreateInput!) { createProperty(input: $input) { id } }`,
      {
        input: {
          name: 'Old Town villa',
          address: '9 Castle Hill',
          area: 'Old Town',
          propertyType: 'house',
          price: { amount: 640000, currency: 'USD' },
          bedrooms: 3,
          listingStage: 'listed',
        },
      },
    );
    await eventually(async () => (await matchNotifications(owner)).length > 0, 60_000);
    expect(await matchNotifications(owner)).toEqual([{ recordId: priya, excerpt: 'Old Town villa (100%)' }]);

    // An export carries the definition as stored.
    const { exportWorkspaceTemplate: yaml } = await owner.client.data<{ exportWorkspaceTemplate: string }>(
      `query { exportWorkspaceTemplate }`,
    );
    expect(yaml).toMatch(/^matching:\n {2}- key: buyersListings\n/m);

    // Installing the same version again changes nothing.
    const again = await install(owner, false);
    expect(again.steps.filter((s) => s.action.includes('MATCH'))).toEqual([]);
  }, 180_000);
});
