import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { pdfText } from '../support/pdf.js';
import { createDeal } from '../support/quotes.js';
import { errorOf, expectBadInput, expectCode } from '../support/records.js';
import { useServer } from '../support/server.js';

// What the document designer asks of the server: a preview of the template as edited, for a
// record, that keeps nothing; saves checked against the version the admin edited; the line
// sources a lines block may read; and none of it for members.

const server = useServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crm-document-designer-')) });

const save = /* GraphQL */ `
  mutation ($id: ID, $input: DocumentTemplateInput!, $expectedVersion: Int) {
    saveDocumentTemplate(id: $id, input: $input, expectedVersion: $expectedVersion) {
      id
      name
      version
    }
  }
`;
const preview = /* GraphQL */ `
  mutation ($input: DocumentTemplateInput!, $recordId: ID!) {
    previewDocument(input: $input, recordId: $recordId) {
      name
      contentType
      data
    }
  }
`;

const input = (blocks: unknown[], name = 'Offer') => ({ object: 'deal', name, blocks });
const offerBlocks = [
  { type: 'heading', text: 'Offer {{ record.name }}' },
  { type: 'draft', key: 'coverLetter', label: 'Cover letter', default: 'Dear {{ record.name }} team' },
  { type: 'lines', title: 'Items', source: 'quote', columns: ['description', 'net'] },
];

describe('the document designer’s server side', () => {
  let owner: SignedUpUser;
  let member: SignedUpUser;
  let dealId: string;

  const kept = async () => {
    const [row] = await query<{ files: string; generations: string }>(
      server.databaseUrl,
      `select (select count(*) from file where workspace_id = $1) as files,
              (select count(*) from document_generation where workspace_id = $1) as generations`,
      [owner.workspaceId],
    );
    return { files: Number(row!.files), generations: Number(row!.generations) };
  };

  beforeAll(async () => {
    owner = await newUser(server);
    member = await newMember(server, owner, 'MEMBER');
    dealId = await createDeal(owner.client, 'Harbour fit-out');
    await owner.client.data(`mutation ($input: CreateQuoteInput!) { createQuote(input: $input) { id } }`, {
      input: { dealId, currency: 'EUR', lines: [{ description: 'Pontoon', quantity: '2', unitPrice: '50' }] },
    });
  }, 120_000);

  it('previews an unsaved template for a deal as a PDF and keeps no file, field change or generation', async () => {
    const before = await kept();
    const { previewDocument } = await owner.client.data(preview, {
      input: input(offerBlocks),
      recordId: dealId,
    });
    expect(previewDocument).toMatchObject({ name: 'Offer.pdf', contentType: 'application/pdf' });
    const text = await pdfText(Buffer.from(previewDocument.data, 'base64'));
    expect(text).toContain('Offer Harbour fit-out');
    expect(text).toContain('Dear Harbour fit-out team');
    expect(text).toContain('Pontoon');
    expect(await kept()).toEqual(before);
  });

  it('refuses a preview with an unknown merge field at its block, as a save does', async () => {
    const blocks = [offerBlocks[0], { type: 'paragraph', text: 'Hi {{ record.nope }}' }];
    const previewed = await owner.client.request(preview, { input: input(blocks), recordId: dealId });
    expectBadInput(previewed, ['input', 'blocks', '1', 'text']);
    expect(errorOf(previewed).message).toContain('record.nope');
    expectBadInput(await owner.client.request(save, { input: input(blocks) }), [
      'input',
      'blocks',
      '1',
      'text',
    ]);
  });

  it('refuses a save over a version someone else saved meanwhile, and keeps theirs', async () => {
    const { saveDocumentTemplate: created } = await owner.client.data(save, {
      input: input(offerBlocks, 'Letter'),
    });
    expect(created.version).toBe(1);
    const first = await owner.client.data(save, {
      id: created.id,
      input: input(offerBlocks, 'Letter (Anna)'),
      expectedVersion: 1,
    });
    expect(first.saveDocumentTemplate).toMatchObject({ name: 'Letter (Anna)', version: 2 });
    const stale = await owner.client.request(save, {
      id: created.id,
      input: input(offerBlocks, 'Letter (Ben)'),
      expectedVersion: 1,
    });
    expectCode(stale, 'CONFLICT');
    expect(errorOf(stale).extensions).toMatchObject({ currentVersion: 2, argumentPath: ['expectedVersion'] });
    const { documentTemplate } = await owner.client.data(
      `query ($id: ID!) { documentTemplate(id: $id) { name version } }`,
      { id: created.id },
    );
    expect(documentTemplate).toEqual({ name: 'Letter (Anna)', version: 2 });
  });

  it('lists the line sources of deals with their columns', async () => {
    const { documentLineSources } = await owner.client.data(
      `query { documentLineSources(object: "deal") { key label columns { key label } } }`,
    );
    const quote = documentLineSources.find((s: { key: string }) => s.key === 'quote');
    expect(quote.columns.map((c: { key: string }) => c.key)).toEqual(
      expect.arrayContaining(['description', 'quantity', 'net']),
    );
  });

  it('refuses members: no save, no preview', async () => {
    expectCode(await member.client.request(save, { input: input(offerBlocks, 'Mine') }), 'FORBIDDEN');
    expectCode(
      await member.client.request(preview, { input: input(offerBlocks), recordId: dealId }),
      'FORBIDDEN',
    );
  });
});
