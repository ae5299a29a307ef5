import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import { useServer } from '../support/server.js';
import { copyShippedTemplate, idOf, installTemplateAs, publishUntranslated } from '../support/templates.js';
import { eventually } from '../support/ws.js';

// Real-estate version 9 (issue 22): the property (the building, permanent) is its own object,
// `estate`, and the listing (`property`, each time it is on the market) links to it and gains its
// mandate. An install of version 8 (the fixture) upgrades keeping every record and an admin's
// change: each listing gets a property made from its facts, once, in the upgrade's transaction.

const shipped = fileURLToPath(new URL('../../templates/real-estate/template.yaml', import.meta.url));
const version8 = fileURLToPath(new URL('../fixtures/templates/real-estate-v8.yaml', import.meta.url));
let templatesDir: string;

/** Serves the shipped template (with its translations) or the published version 8 (without). */
const publish = async (file: string) =>
  file === shipped
    ? copyShippedTemplate('real-estate', templatesDir)
    : publishUntranslated(templatesDir, 'real-estate', await readFile(file, 'utf8'));

beforeAll(async () => {
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'crm-real-estate-property-'));
  await copyShippedTemplate('real-estate', templatesDir);
});
afterAll(() => rm(templatesDir, { recursive: true, force: true }));
const server = useServer(() => ({ TEMPLATES_DIR: templatesDir }));

interface Listing {
  id: string;
  name: string;
  address: string;
  area: string | null;
  bedrooms: number | null;
  features: string[];
  estateId: string | null;
}
interface Estate {
  id: string;
  name: string;
  address: string;
  area: string | null;
  propertyType: string | null;
  bedrooms: number | null;
  bathrooms: number | null;
  livingArea: number | null;
  features: string[];
}

/** Every record the sample data and the test made, by object: what an upgrade must keep. */
async function everything(user: SignedUpUser) {
  return user.client.data<{
    properties: { nodes: Listing[] };
    estates: { nodes: Estate[] };
    viewings: { nodes: { name: string; propertyId: string }[] };
    deals: { nodes: { name: string; propertyId: string | null }[] };
    people: { nodes: { name: string }[] };
  }>(`{
    properties(first: 100) { nodes { id name address area bedrooms features estateId } }
    estates(first: 100) { nodes { id name address area propertyType bedrooms bathrooms livingArea features } }
    viewings(first: 100) { nodes { name propertyId } }
    deals(first: 100) { nodes { name propertyId } }
    people(first: 100) { nodes { name } }
  }`);
}

const sorted = <T>(list: T[], by: (t: T) => string) => [...list].sort((a, b) => by(a).localeCompare(by(b)));

describe('real-estate version 9: the property separated from its listings', () => {
  it('upgrades from version 8: a property per listing, linked, records and an admin change kept', async () => {
    await publish(version8);
    const agency = await newUser(server);
    expect(await installTemplateAs(agency, 'real-estate', true)).toMatchObject({ toVersion: 8 });
    // The admin's change: their own label on the listing's area.
    const { object } = await agency.client.data<{ object: { fields: { id: string; key: string }[] } }>(
      `{ object(key: "property") { fields { id key } } }`,
    );
    await agency.client.data(
      `mutation ($id: ID!) { updateField(id: $id, input: { label: "Neighbourhood" }) { id } }`,
      { id: object.fields.find((f) => f.key === 'area')!.id },
    );
    // A listing of their own, and one deleted (which stays deleted, with no property).
    await agency.client.data(
      `mutation { createProperty(input: { name: "Canal flat", address: "7 Lock Street", area: "Docks",
        propertyType: "apartment", bedrooms: 2, features: ["balcony"], price: { amount: 330000, currency: "USD" } }) { id } }`,
    );
    const { createProperty: gone } = await agency.client.data<{ createProperty: { id: string } }>(
      `mutation { createProperty(input: { name: "Gone", address: "1 Nowhere" }) { id } }`,
    );
    await agency.client.data(`mutation ($id: ID!) { deleteProperty(id: $id) { id } }`, { id: gone.id });
    const before = await agency.client.data<{
      properties: { nodes: Omit<Listing, 'estateId'>[] };
      viewings: { nodes: { name: string; propertyId: string }[] };
      deals: { nodes: { name: string; propertyId: string | null }[] };
      people: { nodes: { name: string }[] };
    }>(`{
      properties(first: 100) { nodes { id name address area bedrooms features } }
      viewings(first: 100) { nodes { name propertyId } }
      deals(first: 100) { nodes { name propertyId } }
      people(first: 100) { nodes { name } }
    }`);
    expect(before.properties.nodes).toHaveLength(5);

    await publish(shipped);
    const plan = await installTemplateAs(agency, 'real-estate', false);
    expect(plan).toMatchObject({ fromVersion: 8, toVersion: 10 });
    const steps = plan.steps.map((s) => `${s.action} ${s.target}`);
    expect(steps).toEqual(
      expect.arrayContaining([
        'CREATE_OBJECT estate',
        'ADD_FIELD property.estate',
        'ADD_FIELD property.mandateType',
        'CREATE_RELATED_RECORDS property.estate',
        'UPDATE_OBJECT property',
      ]),
    );
    // Records kept, every listing linked to a property of its own holding its facts.
    const after = await everything(agency);
    expect(sorted(after.viewings.nodes, (v) => v.name)).toEqual(sorted(before.viewings.nodes, (v) => v.name));
    expect(sorted(after.deals.nodes, (d) => d.name)).toEqual(sorted(before.deals.nodes, (d) => d.name));
    expect(after.people.nodes).toHaveLength(before.people.nodes.length);
    expect(sorted(after.properties.nodes, (l) => l.id).map(({ estateId: _, ...l }) => l)).toEqual(
      sorted(before.properties.nodes, (l) => l.id),
    );
    expect(after.estates.nodes).toHaveLength(5);
    const estates = new Map(after.estates.nodes.map((e) => [e.id, e]));
    for (const listing of after.properties.nodes) {
      const estate = estates.get(listing.estateId!)!;
      expect(estate).toMatchObject({
        name: listing.name,
        address: listing.address,
        area: listing.area,
        bedrooms: listing.bedrooms,
        features: listing.features,
      });
    }
    expect(new Set(after.properties.nodes.map((l) => l.estateId)).size).toBe(5);
    const river = after.estates.nodes.find((e) => e.name === 'Family house by the river')!;
    expect(river).toMatchObject({ propertyType: 'house', bathrooms: 2.5, livingArea: 168 });

    // The template's relabelling went through; the admin's label stayed.
    const labels = await agency.client.data<{
      object: { labelSingular: string; fields: { key: string; label: string }[] };
      viewing: { fields: { key: string; label: string }[] };
    }>(`{ object(key: "property") { labelSingular fields { key label } }
          viewing: object(key: "viewing") { fields { key label } } }`);
    expect(labels.object.labelSingular).toBe('Listing');
    expect(labels.object.fields.find((f) => f.key === 'area')?.label).toBe('Neighbourhood');
    expect(labels.viewing.fields.find((f) => f.key === 'property')?.label).toBe('Listing');

    // Again: up to date, nothing made twice.
    const again = await installTemplateAs(agency, 'real-estate', false);
    expect(again.steps).toEqual([]);
    expect((await everything(agency)).estates.nodes).toHaveLength(5);

    // Buyers still match the listings (their advertised facts), as in version 8.
    const priya = await idOf(agency, 'people', 'Priya Nair');
    const { matchesForSeeker } = await agency.client.data<{
      matchesForSeeker: { label: string; score: number }[];
    }>(`query ($id: ID!) { matchesForSeeker(object: "person", id: $id) { label score } }`, { id: priya });
    expect(matchesForSeeker).toEqual([
      { label: 'Family house by the river', score: 100 },
      { label: 'Old Town loft', score: 70 }, // two bedrooms, an apartment: she wants three, a house
    ]);
  }, 180_000);

  it('a new install has properties with their listings, and a price change leaves a dated entry', async () => {
    await publish(shipped);
    const agency = await newUser(server);
    expect(await installTemplateAs(agency, 'real-estate', true)).toMatchObject({ toVersion: 10 });
    const { estates } = await agency.client.data<{
      estates: { nodes: { name: string; listings: { name: string; mandateType: string | null }[] }[] };
    }>(`{ estates(first: 20) { nodes { name listings { name mandateType } } } }`);
    expect(sorted(estates.nodes, (e) => e.name)).toEqual([
      {
        name: 'Bright studio near the station',
        listings: [{ name: 'Bright studio near the station', mandateType: 'open' }],
      },
      {
        name: 'Building plot with sea view',
        listings: [{ name: 'Building plot with sea view', mandateType: null }],
      },
      {
        name: 'Family house by the river',
        listings: [{ name: 'Family house by the river', mandateType: 'sole' }],
      },
      { name: 'Old Town loft', listings: [{ name: 'Old Town loft', mandateType: 'joint' }] },
    ]);

    // The loft is let later: a new listing for the same property takes its facts by itself.
    const { estates: loftEstate } = await agency.client.data<{ estates: { nodes: { id: string }[] } }>(
      `{ estates(filter: { name: { eq: "Old Town loft" } }) { nodes { id } } }`,
    );
    const { createProperty: relisted } = await agency.client.data<{ createProperty: { id: string } }>(
      `mutation ($estate: ID!) { createProperty(input: { name: "Old Town loft to let", address: "-",
        listingType: "rent", estate: $estate }) { id } }`,
      { estate: loftEstate.nodes[0]!.id },
    );
    const facts = async () =>
      (
        await agency.client.data<{
          properties: {
            nodes: { address: string; area: string | null; bedrooms: number | null; features: string[] }[];
          };
        }>(
          `query ($id: ID!) { properties(filter: { id: { eq: $id } }) { nodes { address area bedrooms features } } }`,
          {
            id: relisted.id,
          },
        )
      ).properties.nodes[0];
    await eventually(async () => (await facts())?.address === '3 Market Street, apt 5', 60_000);
    expect(await facts()).toEqual({
      address: '3 Market Street, apt 5',
      area: 'Old Town',
      bedrooms: 2,
      features: ['elevator', 'balcony'],
    });
    const { estates: withListings } = await agency.client.data<{
      estates: { nodes: { listings: { name: string }[] }[] };
    }>(`query ($id: ID!) { estates(filter: { id: { eq: $id } }) { nodes { listings { name } } } }`, {
      id: loftEstate.nodes[0]!.id,
    });
    expect(withListings.nodes[0]!.listings.map((l) => l.name).sort()).toEqual([
      'Old Town loft',
      'Old Town loft to let',
    ]);

    // The asking price drops: the listing's history has the old and new price, dated.
    const loft = await idOf(agency, 'properties', 'Old Town loft');
    await agency.client.data(
      `mutation ($id: ID!) { updateProperty(id: $id, input: { price: { amount: 395000, currency: "USD" } }) { id } }`,
      { id: loft },
    );
    const { recordHistory } = await agency.client.data<{
      recordHistory: {
        at: string;
        changedFields: string[];
        previous: Record<string, unknown>;
        values: Record<string, unknown>;
      }[];
    }>(
      `query ($id: ID!) { recordHistory(object: "property", id: $id) { at changedFields previous values } }`,
      {
        id: loft,
      },
    );
    const change = recordHistory.find((c) => c.changedFields.includes('price'))!;
    expect(change.previous.price).toMatchObject({ amount: 410000 });
    expect(change.values.price).toMatchObject({ amount: 395000 });
    expect(Math.abs(Date.parse(change.at) - Date.now())).toBeLessThan(120_000);
  }, 180_000);
});
