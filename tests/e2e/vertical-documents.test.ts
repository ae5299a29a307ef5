import { mkdtempSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import { download } from '../support/files.js';
import { useServer } from '../support/server.js';
import { copyShippedTemplate, publishUntranslated, shippedTemplateVersion } from '../support/templates.js';

// The documents the vertical templates ship on deals: the real-estate reservation agreement and
// the boat dealer's purchase agreement with its sea-trial and survey contingencies and the deal's
// quote lines. Each is installed fresh and by upgrade from the published version 5 (the
// three-way upgrade keeps the admin's label and document edits), generated for a sample deal
// and read back as PDF text. And the car dealer's vehicle offer, its year printed ungrouped.

const repoTemplates = fileURLToPath(new URL('../../templates/', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/templates/', import.meta.url));
let templatesDir: string;

/** Serves `key` from the repository's folder (`shipped`, with its sample photos) or a published version's fixture. */
async function publish(key: string, from: 'shipped' | 'v5'): Promise<void> {
  if (from === 'shipped') return copyShippedTemplate(key, templatesDir);
  await publishUntranslated(templatesDir, key, await readFile(path.join(fixtures, `${key}-v5.yaml`), 'utf8'));
}

beforeAll(async () => {
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'crm-vertical-documents-'));
  for (const key of await readdir(repoTemplates)) await publish(key, 'shipped');
});
afterAll(() => rm(templatesDir, { recursive: true, force: true }));
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-vertical-documents-data-'));
const server = useServer(() => ({ TEMPLATES_DIR: templatesDir, DATA_DIR: dataDir }));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

interface Plan {
  fromVersion: number | null;
  toVersion: number;
  steps: { action: string; target: string }[];
}

const install = async (user: SignedUpUser, key: string, withSampleData: boolean): Promise<Plan> =>
  (
    await user.client.data<{ installTemplate: Plan }>(
      `mutation ($key: String!, $withSampleData: Boolean!) {
        installTemplate(key: $key, withSampleData: $withSampleData) { fromVersion toVersion steps { action target } }
      }`,
      { key, withSampleData },
    )
  ).installTemplate;

interface DocumentTemplateRow {
  id: string;
  name: string;
  fileField: string;
  templateKey: string | null;
}

const documentTemplates = async (user: SignedUpUser, object: string): Promise<DocumentTemplateRow[]> =>
  (
    await user.client.data<{ documentTemplates: DocumentTemplateRow[] }>(
      `query ($object: String!) { documentTemplates(object: $object) { id name fileField templateKey } }`,
      { object },
    )
  ).documentTemplates;

async function pdfText(data: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(data) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/** Generates the template for the record, downloads the PDF and answers its text, on one line. */
async function generatedText(user: SignedUpUser, templateId: string, recordId: string): Promise<string> {
  const { generateDocument } = await user.client.data(
    `mutation ($templateId: ID!, $recordId: ID!) {
      generateDocument(templateId: $templateId, recordId: $recordId) { field file { url } }
    }`,
    { templateId, recordId },
  );
  expect(generateDocument.field).toBe('documents');
  const pdf = await download(user.client, generateDocument.file.url);
  expect(pdf.status).toBe(200);
  return (await pdfText(pdf.data)).replace(/\s+/g, ' ');
}

/** A DATE value (`2026-12-24`) as documents write it: `24 December 2026`. */
const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

const dealByName = async (user: SignedUpUser, name: string, fields: string) => {
  const { deals } = await user.client.data(
    `query ($name: String!) { deals(filter: { name: { eq: $name } }) { nodes { id ${fields} } } }`,
    { name },
  );
  expect(deals.nodes).toHaveLength(1);
  return deals.nodes[0];
};

const fieldId = async (user: SignedUpUser, object: string, key: string): Promise<string> => {
  const { object: found } = await user.client.data(
    `query ($key: String!) { object(key: $key) { fields { id key } } }`,
    { key: object },
  );
  return found.fields.find((f: { key: string }) => f.key === key).id;
};

const relabel = async (user: SignedUpUser, object: string, key: string, label: string) =>
  user.client.data(
    `mutation ($id: ID!, $label: String!) { updateField(id: $id, input: { label: $label }) { id } }`,
    {
      id: await fieldId(user, object, key),
      label,
    },
  );

const fieldLabel = async (user: SignedUpUser, object: string, key: string): Promise<string> => {
  const { object: found } = await user.client.data(
    `query ($key: String!) { object(key: $key) { fields { key label } } }`,
    { key: object },
  );
  return found.fields.find((f: { key: string }) => f.key === key).label;
};

describe('real estate: the reservation agreement', () => {
  const realEstateDeal = 'Priya – Riverside house';
  const fields = `reservationUntil reservationDeposit { amount currency } seller { id name }`;

  const expectAgreement = (text: string, agency: string, until: string, deposit: string) => {
    expect(text).toContain('Reservation agreement');
    expect(text).toContain('Family house by the river · 12 Riverside Walk');
    expect(text).toContain('Seller: Helen Brooks, helen.brooks@example.com, +44 20 7946 0101');
    expect(text).toContain('Buyer: Priya Nair, priya.nair@example.com');
    expect(text).toContain(`Agent: ${agency}`);
    expect(text).toMatch(/Property: Price \$625,000\.00|Price \$625,000\.00/);
    expect(text).toContain('agreed price of $600,000.00');
    expect(text).toContain(`reservation deposit of ${deposit} on signing`);
    expect(text).toContain(`The reservation runs until ${longDate(until)}`);
    expect(text).toContain('Seller (Helen Brooks): ______');
    expect(text).toContain('Buyer (Priya Nair): ______');
  };

  it('ships with a fresh install and renders for the sample buyer deal', async () => {
    const agent = await newUser(server, { workspaceName: 'Riverside Realty' });
    const plan = await install(agent, 'real-estate', true);
    expect(plan).toMatchObject({ fromVersion: null, toVersion: shippedTemplateVersion('real-estate') });
    const [agreement] = await documentTemplates(agent, 'deal');
    expect(agreement).toMatchObject({
      name: 'Reservation agreement',
      fileField: 'documents',
      templateKey: 'real-estate:reservationAgreement',
    });
    const deal = await dealByName(agent, realEstateDeal, fields);
    expect(deal).toMatchObject({
      reservationDeposit: { amount: 10000, currency: 'USD' },
      seller: { name: 'Helen Brooks' },
    });
    const text = await generatedText(agent, agreement!.id, deal.id);
    expectAgreement(text, 'Riverside Realty', deal.reservationUntil, '$10,000.00');
    expect(text).toContain("Subject to the buyer's mortgage approval and a satisfactory building survey.");
  });

  it('comes by upgrade from version 5, keeping the admin’s label and exposé edits', async () => {
    const agent = await newUser(server, { workspaceName: 'Old Town Homes' });
    await publish('real-estate', 'v5');
    try {
      expect((await install(agent, 'real-estate', true)).toVersion).toBe(5);
    } finally {
      await publish('real-estate', 'shipped');
    }
    // The admin's own changes: the deal's property field relabelled, the exposé renamed.
    await relabel(agent, 'deal', 'property', 'Home');
    const [expose] = await documentTemplates(agent, 'property');
    await agent.client.data(
      `mutation ($id: ID, $input: DocumentTemplateInput!) { saveDocumentTemplate(id: $id, input: $input) { id } }`,
      {
        id: expose!.id,
        input: {
          object: 'property',
          name: 'Our exposé',
          fileField: 'documents',
          blocks: [{ type: 'heading', text: '{{ record.name }}' }],
        },
      },
    );
    expect(await documentTemplates(agent, 'deal')).toEqual([]);

    const plan = await install(agent, 'real-estate', false);
    expect(plan).toMatchObject({ fromVersion: 5, toVersion: shippedTemplateVersion('real-estate') });
    const steps = plan.steps.map((s) => `${s.action} ${s.target}`);
    expect(steps).toEqual(
      expect.arrayContaining([
        'ADD_FIELD deal.seller',
        'ADD_FIELD deal.reservationDeposit',
        'ADD_FIELD deal.reservationUntil',
        'ADD_FIELD deal.reservationConditions',
        'ADD_FIELD deal.documents',
        'ADD_DOCUMENT_TEMPLATE deal.reservationAgreement',
      ]),
    );
    expect(steps).not.toContain('ADD_DOCUMENT_TEMPLATE property.propertyExpose');
    expect(await fieldLabel(agent, 'deal', 'property')).toBe('Home');
    expect((await documentTemplates(agent, 'property')).map((t) => t.name).sort()).toEqual([
      'Our exposé',
      'Viewing feedback for the seller',
    ]);

    // The sample deal from version 5 gets the new terms, then the agreement.
    const deal = await dealByName(agent, realEstateDeal, 'id');
    const { people } = await agent.client.data(
      `query { people(filter: { name: { eq: "Helen Brooks" } }) { nodes { id } } }`,
    );
    await agent.client.data(
      `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id } }`,
      {
        id: deal.id,
        input: {
          seller: people.nodes[0].id,
          reservationDeposit: { amount: 12500, currency: 'USD' },
          reservationUntil: '2027-01-15',
        },
      },
    );
    const [agreement] = await documentTemplates(agent, 'deal');
    expect(agreement!.name).toBe('Reservation agreement');
    const text = await generatedText(agent, agreement!.id, deal.id);
    expectAgreement(text, 'Old Town Homes', '2027-01-15', '$12,500.00');
    expect(text).toContain('The reservation runs until 15 January 2027');
    expect(text).toContain('No conditions beyond the terms above.');
    // A second install adds no second copy.
    expect((await install(agent, 'real-estate', false)).steps).toEqual([]);
    expect(await documentTemplates(agent, 'deal')).toHaveLength(1);
  });
});

describe('boat dealer: the purchase agreement with sea-trial and survey contingencies', () => {
  const boatDeal = 'Olivia – Beneteau Oceanis';
  const fields = `seaTrialDeadline surveyDeadline surveyor seaTrialOutcome surveyOutcome seaTrial { scheduledAt }`;

  const expectAgreement = (text: string, dealer: string) => {
    expect(text).toContain('Boat purchase agreement');
    expect(text).toContain('2018 Beneteau Oceanis 38.1 · HIN BEYO3812H718');
    expect(text).toContain(`Seller: ${dealer}`);
    expect(text).toContain('Buyer: Olivia Hart, olivia.hart@example.com, +1 305 555 0142');
    expect(text).toContain('Make Beneteau');
    expect(text).toContain('Model Oceanis 38.1');
    expect(text).toContain('Engines: Yanmar 30 hp, 820 hours.');
    expect(text).toContain('Purchase price: $158,000.00.');
    expect(text).toContain('1. Sea trial.');
    expect(text).toContain('2. Survey.');
    expect(text).toContain('the deposit is returned in full');
    expect(text).toContain('Buyer (Olivia Hart): ______');
  };

  it('ships with a fresh install and renders the sample deal’s contingencies and deadlines', async () => {
    const dealer = await newUser(server, { workspaceName: 'Harbour Boats' });
    const plan = await install(dealer, 'boat-dealer', true);
    expect(plan).toMatchObject({ fromVersion: null, toVersion: shippedTemplateVersion('boat-dealer') });
    const [agreement] = await documentTemplates(dealer, 'deal');
    expect(agreement).toMatchObject({
      name: 'Purchase agreement',
      fileField: 'documents',
      templateKey: 'boat-dealer:purchaseAgreement',
    });
    const deal = await dealByName(dealer, boatDeal, fields);
    expect(deal).toMatchObject({
      surveyor: 'Coastal Marine Surveys',
      seaTrialOutcome: 'pending',
      surveyOutcome: 'pending',
    });
    const text = await generatedText(dealer, agreement!.id, deal.id);
    expectAgreement(text, 'Harbour Boats');
    expect(text).toContain('Deposit: $15,800.00, paid on signing');
    expect(text).toContain(`no later than ${longDate(deal.seaTrialDeadline)}. Status: Pending.`);
    expect(text).toContain(
      `marine survey by Coastal Marine Surveys, at the buyer's expense, completed and accepted by the buyer no later than ${longDate(deal.surveyDeadline)}. Status: Pending.`,
    );
    expect(text).toContain(`(booked for ${longDate(deal.seaTrial.scheduledAt.slice(0, 10))}`);
    // No quote on the deal yet: the quote table prints its header only, no totals.
    expect(text).toMatch(/As quoted Description Quantity Unit price Tax rate Net/);
    expect(text).not.toContain('Total');
  });

  it('comes by upgrade from version 5, keeping the admin’s label, and prints the accepted quote', async () => {
    const dealer = await newUser(server, { workspaceName: 'Marina Yachts' });
    await publish('boat-dealer', 'v5');
    try {
      expect((await install(dealer, 'boat-dealer', true)).toVersion).toBe(5);
    } finally {
      await publish('boat-dealer', 'shipped');
    }
    await relabel(dealer, 'deal', 'boat', 'Vessel');
    expect(await documentTemplates(dealer, 'deal')).toEqual([]);

    const plan = await install(dealer, 'boat-dealer', false);
    expect(plan).toMatchObject({ fromVersion: 5, toVersion: shippedTemplateVersion('boat-dealer') });
    expect(plan.steps.map((s) => `${s.action} ${s.target}`)).toEqual(
      expect.arrayContaining([
        'ADD_FIELD deal.deposit',
        'ADD_FIELD deal.seaTrialDeadline',
        'ADD_FIELD deal.seaTrialOutcome',
        'ADD_FIELD deal.surveyDeadline',
        'ADD_FIELD deal.surveyor',
        'ADD_FIELD deal.surveyOutcome',
        'ADD_FIELD deal.documents',
        'ADD_DOCUMENT_TEMPLATE deal.purchaseAgreement',
      ]),
    );
    expect(await fieldLabel(dealer, 'deal', 'boat')).toBe('Vessel');

    // The version 5 sample deal: its contingencies filled in, a quote accepted.
    const deal = await dealByName(dealer, boatDeal, 'id');
    await dealer.client.data(
      `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id } }`,
      {
        id: deal.id,
        input: {
          deposit: { amount: 16000, currency: 'USD' },
          seaTrialDeadline: '2027-03-05',
          seaTrialOutcome: 'passed',
          surveyDeadline: '2027-03-19',
          surveyor: 'Bluewater Surveyors',
        },
      },
    );
    const { createQuote } = await dealer.client.data(
      `mutation ($input: CreateQuoteInput!) { createQuote(input: $input) { id } }`,
      {
        input: {
          dealId: deal.id,
          currency: 'USD',
          title: 'Oceanis with extras',
          lines: [
            { description: 'Beneteau Oceanis 38.1', quantity: '1', unitPrice: '158000', taxRate: '0' },
            { description: 'New antifouling', quantity: '1', unitPrice: '1200', taxRate: '7' },
          ],
        },
      },
    );
    for (const status of ['SENT', 'ACCEPTED'])
      await dealer.client.data(
        `mutation ($id: ID!, $status: QuoteStatus!) { setQuoteStatus(id: $id, status: $status) { id } }`,
        { id: createQuote.id, status },
      );

    const [agreement] = await documentTemplates(dealer, 'deal');
    expect(agreement!.templateKey).toBe('boat-dealer:purchaseAgreement');
    const text = await generatedText(dealer, agreement!.id, deal.id);
    expectAgreement(text, 'Marina Yachts');
    // The fields table labels the boat's rows with the admin's label.
    expect(text).toContain('Vessel: Make Beneteau');
    expect(text).toContain('Deposit: $16,000.00, paid on signing');
    expect(text).toContain('no later than 5 March 2027. Status: Passed.');
    expect(text).toContain('marine survey by Bluewater Surveyors');
    expect(text).toContain('no later than 19 March 2027. Status: Pending.');
    expect(text).toMatch(/Beneteau Oceanis 38\.1 1 \$158,000\.00 0 % \$158,000\.00/);
    expect(text).toMatch(/New antifouling 1 \$1,200\.00 7 % \$1,200\.00/);
    expect(text).toMatch(/Tax 7 % \$84\.00/);
    expect(text).toMatch(/Total \$159,284\.00/);
  });

  it('prices the deal’s boat as a package: hull, engines and trailer apart, and the package price', async () => {
    const dealer = await newUser(server, { workspaceName: 'Bay Marine' });
    await install(dealer, 'boat-dealer', true);
    const { boats } = await dealer.client.data(
      `query { boats(filter: { hin: { eq: "BWCE2801L324" } }) { nodes { id engines { id name } } } }`,
    );
    const [boston] = boats.nodes;
    const { createDeal } = await dealer.client.data(
      `mutation ($boat: ID!) { createDeal(input: { name: "Whaler package", stage: "underOffer", boat: $boat }) { id } }`,
      { boat: boston.id },
    );
    const [agreement] = await documentTemplates(dealer, 'deal');
    const text = await generatedText(dealer, agreement!.id, createDeal.id);
    expect(text).toContain(
      'The package Item Price Hull – 2024 Boston Whaler 280 Outrage $289,000.00 ' +
        'Mercury Verado 300 (port) $32,500.00 Mercury Verado 300 (starboard) $32,500.00 ' +
        '2024 Karavan tandem axle $8,900.00 Package price $362,900.00',
    );

    // Priced from the parts as they are now: a dearer engine changes the package price.
    const starboard = boston.engines.find((e: { name: string }) => e.name.includes('starboard'));
    await dealer.client.data(
      `mutation ($id: ID!) { updateEngine(id: $id, input: { price: { amount: 34250 } }) { id } }`,
      { id: starboard.id },
    );
    const repriced = await generatedText(dealer, agreement!.id, createDeal.id);
    expect(repriced).toContain('Mercury Verado 300 (starboard) $34,250.00');
    expect(repriced).toContain('Package price $364,650.00');
    // An install with sample data and two renders: time for a busy machine.
  }, 180_000);
});

describe('car dealer: the vehicle offer', () => {
  it('prints the year as a year (2023) and the mileage grouped (12,400)', async () => {
    const dealer = await newUser(server, { workspaceName: 'Main Street Motors' });
    await install(dealer, 'car-dealer', true);
    const [offer] = await documentTemplates(dealer, 'vehicle');
    expect(offer).toMatchObject({ name: 'Vehicle offer', templateKey: 'car-dealer:vehicleOffer' });
    const { vehicles } = await dealer.client.data(
      `query { vehicles(filter: { stockNumber: { eq: "T1042" } }) { nodes { id } } }`,
    );
    const text = await generatedText(dealer, offer!.id, vehicles.nodes[0].id);
    expect(text).toContain('Year 2023');
    expect(text).not.toContain('2,023');
    expect(text).toContain('Mileage 12,400');
  });
});
