import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { download, phonePhoto, uploadTo } from '../support/files.js';
import { addFields, defineObject, errorOf, expectBadInput, expectCode } from '../support/records.js';
import { useServer } from '../support/server.js';
import { pdfText } from '../support/pdf.js';

// Document templates end to end: a template with merge fields, a field table, the cover photo
// and a line-items table, rendered to PDF for a record, kept in its FILE field as one file per
// generation, downloaded by signed link and read back as text; bad templates refused; other
// workspaces and members without read reach nothing.

const dataDir = mkdtempSync(path.join(tmpdir(), 'crm-documents-'));
const server = useServer({ DATA_DIR: dataDir });

const saveTemplate = /* GraphQL */ `
  mutation ($id: ID, $input: DocumentTemplateInput!) {
    saveDocumentTemplate(id: $id, input: $input) {
      id
      version
      object
      fileField
    }
  }
`;
const generate = /* GraphQL */ `
  mutation ($templateId: ID!, $recordId: ID!) {
    generateDocument(templateId: $templateId, recordId: $recordId) {
      id
      templateVersion
      field
      fileId
      file {
        name
        contentType
        url
      }
    }
  }
`;
const generated = /* GraphQL */ `
  query ($recordId: ID!) {
    generatedDocuments(object: "listing", recordId: $recordId) {
      fileId
      templateVersion
    }
  }
`;

const blocks = [
  { type: 'heading', text: 'Exposé {{ record.name }}' },
  {
    type: 'paragraph',
    text: 'Offered by {{ workspace.name }} for {{ record.price }}. Seller: {{ record.seller.name }}. Date: {{ today }}.',
  },
  { type: 'fields', title: 'Key facts', fields: ['record.price', 'record.listedOn', 'record.seller.name'] },
  { type: 'image', field: 'photos' },
  { type: 'lines', title: 'Rooms', source: 'rooms', columns: ['name', 'area'] },
];

const fileCount = async (workspaceId: string) =>
  Number(
    (
      await query<{ n: string }>(
        server.databaseUrl,
        'select count(*) as n from file where workspace_id = $1',
        [workspaceId],
      )
    )[0]!.n,
  );

describe('document templates', () => {
  let owner: SignedUpUser;
  let templateId: string;
  let listingId: string;

  beforeAll(async () => {
    owner = await newUser(server, { workspaceName: 'Seaside Homes' });
    await defineObject(owner.client, { key: 'listing', labelSingular: 'Listing' }, [
      { key: 'price', type: 'CURRENCY' },
      { key: 'listedOn', type: 'DATE', label: 'Listed on' },
      { key: 'photos', type: 'IMAGE' },
      { key: 'documents', type: 'FILE', settings: { max: 3 } },
      {
        key: 'seller',
        type: 'RELATION',
        relation: { target: 'person', kind: 'MANY_TO_ONE', inverseKey: 'listingsSold' },
      },
    ]);
    await defineObject(owner.client, { key: 'room', labelSingular: 'Room' }, [
      { key: 'area', type: 'NUMBER' },
      {
        key: 'listing',
        type: 'RELATION',
        relation: { target: 'listing', kind: 'MANY_TO_ONE', inverseKey: 'rooms' },
      },
    ]);
    const photo = await uploadTo(
      owner.client,
      { object: 'listing', field: 'photos' },
      'front.jpg',
      await phonePhoto(),
    );
    expect(photo.status).toBe(201);
    const { createPerson } = await owner.client.data(
      `mutation { createPerson(input: { name: "Ada Seller" }) { id } }`,
    );
    const { createListing } = await owner.client.data(
      `mutation ($input: ListingCreateInput!) { createListing(input: $input) { id } }`,
      {
        input: {
          name: 'Villa Rosa',
          price: { amount: 450000, currency: 'EUR' },
          listedOn: '2026-11-02',
          photos: [photo.body.file!.id],
          seller: createPerson.id,
        },
      },
    );
    listingId = createListing.id;
    for (const [name, area] of [
      ['Living room', 42],
      ['Kitchen', 18],
    ] as const)
      await owner.client.data(`mutation ($input: RoomCreateInput!) { createRoom(input: $input) { id } }`, {
        input: { name, area, listing: listingId },
      });
    templateId = (
      await owner.client.data(saveTemplate, { input: { object: 'listing', name: 'Exposé', blocks } })
    ).saveDocumentTemplate.id;
  }, 120_000);

  it('renders merged values, the cover photo and the lines into a PDF kept on the record, one file per generation', async () => {
    const first = (await owner.client.data(generate, { templateId, recordId: listingId })).generateDocument;
    expect(first).toMatchObject({
      templateVersion: 1,
      field: 'documents',
      file: { contentType: 'application/pdf' },
    });
    const pdf = await download(owner.client, first.file.url);
    expect(pdf.status).toBe(200);
    expect(pdf.data.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.data.includes('/Subtype /Image')).toBe(true);
    const text = await pdfText(pdf.data);
    expect(text).toContain('Exposé Villa Rosa');
    expect(text).toContain('Offered by Seaside Homes for €450,000.00.');
    expect(text).toContain('Seller: Ada Seller.');
    expect(text).toMatch(/Listed on\s+2 November 2026/);
    expect(text).toMatch(/Living room\s+42/);
    expect(text).toMatch(/Kitchen\s+18/);

    // A new version of the template, then a second generation: both files stay.
    await owner.client.data(saveTemplate, {
      id: templateId,
      input: {
        object: 'listing',
        name: 'Exposé',
        blocks: [...blocks, { type: 'paragraph', text: 'Version two.' }],
      },
    });
    const second = (await owner.client.data(generate, { templateId, recordId: listingId })).generateDocument;
    expect(second.templateVersion).toBe(2);
    expect(second.fileId).not.toBe(first.fileId);
    expect(await pdfText((await download(owner.client, second.file.url)).data)).toContain('Version two.');
    const { listing } = await owner.client.data(
      `query ($id: ID!) { listing(id: $id) { documents { id } } }`,
      {
        id: listingId,
      },
    );
    expect(listing.documents.map((d: { id: string }) => d.id)).toEqual([first.fileId, second.fileId]);
    const { generatedDocuments } = await owner.client.data(generated, { recordId: listingId });
    expect(generatedDocuments).toEqual([
      { fileId: second.fileId, templateVersion: 2 },
      { fileId: first.fileId, templateVersion: 1 },
    ]);
  });

  it('refuses an unknown merge field, field, object or line source, naming the block', async () => {
    const save = (b: unknown[], object = 'listing') =>
      owner.client.request(saveTemplate, { input: { object, name: 'Bad', blocks: b } });
    const unknownMerge = await save([blocks[0], { type: 'paragraph', text: 'Hi {{ record.nope }}' }]);
    expectBadInput(unknownMerge, ['input', 'blocks', '1', 'text']);
    expect(errorOf(unknownMerge).message).toContain('record.nope');
    expectBadInput(await save([{ type: 'fields', fields: ['record.price', 'record.secret'] }]), [
      'input',
      'blocks',
      '0',
      'fields',
      '1',
    ]);
    expectBadInput(await save([{ type: 'image', field: 'price' }]), ['input', 'blocks', '0', 'field']);
    expectBadInput(await save([{ type: 'lines', source: 'seller', columns: ['name'] }]), [
      'input',
      'blocks',
      '0',
      'source',
    ]);
    expectBadInput(await save([{ type: 'lines', source: 'rooms', columns: ['volume'] }]), [
      'input',
      'blocks',
      '0',
      'columns',
      '0',
    ]);
    expectBadInput(await save([{ type: 'chart' }]), ['input', 'blocks', '0', 'type']);
    expectBadInput(await save(blocks, 'spaceship'), ['input', 'object']);
    // A field archived after the save is refused too (the template must be fixed).
    const { oldCode } = await addFields(owner.client, 'listing', [{ key: 'oldCode', type: 'TEXT' }]);
    const withOld = await owner.client.data(saveTemplate, {
      input: {
        object: 'listing',
        name: 'Old code',
        blocks: [{ type: 'paragraph', text: '{{ record.oldCode }}' }],
      },
    });
    await owner.client.data(`mutation ($id: ID!) { archiveField(id: $id) { key } }`, { id: oldCode });
    expectBadInput(
      await owner.client.request(generate, {
        templateId: withOld.saveDocumentTemplate.id,
        recordId: listingId,
      }),
      ['blocks', '0', 'text'],
    );
  });

  it('leaves no file and no field change when the write fails (the field is full)', async () => {
    const before = await fileCount(owner.workspaceId);
    const stored = readdirSync(path.join(dataDir, 'files', owner.workspaceId)).length;
    const third = await owner.client.data(generate, { templateId, recordId: listingId });
    expect(third.generateDocument.fileId).toBeTruthy();
    const full = await owner.client.request(generate, { templateId, recordId: listingId });
    expectBadInput(full, ['input', 'documents']);
    expect(await fileCount(owner.workspaceId)).toBe(before + 1);
    expect(readdirSync(path.join(dataDir, 'files', owner.workspaceId)).length).toBe(stored + 1);
    const { generatedDocuments } = await owner.client.data(generated, { recordId: listingId });
    expect(generatedDocuments).toHaveLength(3);
  });

  it('keeps other workspaces and members without read out, and prints hidden fields empty', async () => {
    const { generatedDocuments } = await owner.client.data(generated, { recordId: listingId });
    const { files } = await owner.client.data(`query ($ids: [ID!]!) { files(ids: $ids) { url } }`, {
      ids: [generatedDocuments[0].fileId],
    });
    const stranger = await newUser(server);
    expect((await download(stranger.client, files[0].url)).status).toBe(404);
    expectCode(await stranger.client.request(generate, { templateId, recordId: listingId }), 'NOT_FOUND');

    const saveProfile = `mutation ($input: PermissionProfileInput!) { savePermissionProfile(input: $input) { id } }`;
    const assign = `mutation ($userId: ID!, $profileId: ID) { assignMemberProfile(userId: $userId, profileId: $profileId) }`;
    const own = await owner.client.data(saveProfile, {
      input: {
        name: 'Own listings',
        objects: [{ objectKey: 'listing', read: 'OWN', create: true, update: 'OWN', delete: 'OWN' }],
      },
    });
    const scoped = await newMember(server, owner, 'MEMBER');
    await owner.client.data(assign, { userId: scoped.userId, profileId: own.savePermissionProfile.id });
    expectCode(await scoped.client.request(generate, { templateId, recordId: listingId }), 'NOT_FOUND');
    expectCode(await scoped.client.request(generated, { recordId: listingId }), 'NOT_FOUND');

    // A profile that reads every listing but not its price: the price prints empty.
    const noPrice = await owner.client.data(saveProfile, {
      input: {
        name: 'No prices',
        objects: [{ objectKey: 'listing', read: 'ALL', create: true, update: 'ALL', delete: 'OWN' }],
        fields: [{ objectKey: 'listing', fieldKey: 'price', access: 'HIDDEN' }],
      },
    });
    const agent = await newMember(server, owner, 'MEMBER');
    await owner.client.data(assign, { userId: agent.userId, profileId: noPrice.savePermissionProfile.id });
    const fresh = await owner.client.data(
      `mutation ($input: ListingCreateInput!) { createListing(input: $input) { id } }`,
      { input: { name: 'Casa Verde', price: { amount: 99000, currency: 'EUR' } } },
    );
    const made = await agent.client.data(generate, { templateId, recordId: fresh.createListing.id });
    const text = await pdfText((await download(agent.client, made.generateDocument.file.url)).data);
    expect(text).toContain('Exposé Casa Verde');
    expect(text).toContain('Offered by Seaside Homes for .');
    expect(text).not.toContain('99,000');
  });

  it('prints a NUMBER set not to group as it is (2018) and other numbers grouped (12,500)', async () => {
    await addFields(owner.client, 'listing', [
      { key: 'yearBuilt', label: 'Year built', type: 'NUMBER', settings: { precision: 0, grouping: false } },
      { key: 'plotArea', label: 'Plot area', type: 'NUMBER' },
    ]);
    const { createListing } = await owner.client.data(
      `mutation ($input: ListingCreateInput!) { createListing(input: $input) { id } }`,
      { input: { name: 'Old Mill', yearBuilt: 2018, plotArea: 12500 } },
    );
    const facts = await owner.client.data(saveTemplate, {
      input: {
        object: 'listing',
        name: 'Facts',
        blocks: [{ type: 'fields', title: 'Facts', fields: ['record.yearBuilt', 'record.plotArea'] }],
      },
    });
    const made = await owner.client.data(generate, {
      templateId: facts.saveDocumentTemplate.id,
      recordId: createListing.id,
    });
    const text = await pdfText((await download(owner.client, made.generateDocument.file.url)).data);
    expect(text).toMatch(/Year built\s+2018/);
    expect(text).not.toContain('2,018');
    expect(text).toMatch(/Plot area\s+12,500/);
  });

  it('ships the property exposé with the real-estate template, ready to generate', async () => {
    const agency = await newUser(server, { workspaceName: 'Harbour Realty' });
    await agency.client.data(
      `mutation { installTemplate(key: "real-estate", withSampleData: false) { __typename } }`,
    );
    const { documentTemplates } = await agency.client.data(
      `{ documentTemplates(object: "property") { id name fileField templateKey } }`,
    );
    // Since version 9 the seller's viewing feedback is a document of listings too.
    expect(documentTemplates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'Property exposé',
          fileField: 'documents',
          templateKey: 'real-estate:propertyExpose',
        }),
      ]),
    );
    const photo = await uploadTo(
      agency.client,
      { object: 'property', field: 'photos' },
      'front.jpg',
      await phonePhoto(),
    );
    const { createProperty } = await agency.client.data(
      `mutation ($input: PropertyCreateInput!) { createProperty(input: $input) { id } }`,
      {
        input: {
          name: 'Harbour View Loft',
          address: '1 Quay Street',
          price: { amount: 725000, currency: 'GBP' },
          bedrooms: 2,
          photos: [photo.body.file!.id],
        },
      },
    );
    const made = await agency.client.data(generate, {
      templateId: documentTemplates.find((t: { name: string }) => t.name === 'Property exposé').id,
      recordId: createProperty.id,
    });
    const pdf = await download(agency.client, made.generateDocument.file.url);
    expect(pdf.data.includes('/Subtype /Image')).toBe(true);
    const text = await pdfText(pdf.data);
    expect(text).toContain('Harbour View Loft');
    expect(text).toContain('1 Quay Street · £725,000.00');
    expect(text).toContain('Presented by Harbour Realty');
    // The cover letter draft, never opened, prints its default merged for the property.
    expect(text).toContain('thank you for your interest in Harbour View Loft');
    // A second install (an upgrade with nothing new) adds no second copy.
    await agency.client.data(
      `mutation { installTemplate(key: "real-estate", withSampleData: false) { __typename } }`,
    );
    const again = await agency.client.data(`{ documentTemplates(object: "property") { id } }`);
    expect(again.documentTemplates).toHaveLength(documentTemplates.length);
  });
});
