import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import { download } from '../support/files.js';
import { createDeal } from '../support/quotes.js';
import { addFields, expectBadInput } from '../support/records.js';
import { useServer } from '../support/server.js';
import { pdfText } from '../support/pdf.js';

// The quote lines of a deal in a document: a lines block with source `quote` prints the lines
// of the deal's accepted quote (else its latest quote not declined) and the quotes' exact totals
// in the quote's currency.

const server = useServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crm-documents-quotes-')) });

const saveTemplate = /* GraphQL */ `
  mutation ($input: DocumentTemplateInput!) {
    saveDocumentTemplate(input: $input) {
      id
    }
  }
`;
const generate = /* GraphQL */ `
  mutation ($templateId: ID!, $recordId: ID!) {
    generateDocument(templateId: $templateId, recordId: $recordId) {
      file {
        url
      }
    }
  }
`;
const createQuote = `mutation ($input: CreateQuoteInput!) { createQuote(input: $input) { id } }`;
const setStatus = `mutation ($id: ID!, $status: QuoteStatus!) { setQuoteStatus(id: $id, status: $status) { id } }`;

const linesBlock = {
  type: 'lines',
  title: 'Offer',
  source: 'quote',
  columns: ['description', 'quantity', 'unitPrice', 'discount', 'taxRate', 'net'],
};

describe('quote lines in documents', () => {
  let owner: SignedUpUser;
  let dealId: string;
  let templateId: string;

  const quoteWith = async (title: string, lines: Record<string, string>[], statuses: string[] = []) => {
    const { createQuote: quote } = await owner.client.data<{ createQuote: { id: string } }>(createQuote, {
      input: { dealId, currency: 'EUR', title, lines },
    });
    for (const status of statuses) await owner.client.data(setStatus, { id: quote.id, status });
    return quote.id;
  };

  const generatedText = async () => {
    const { generateDocument } = await owner.client.data(generate, { templateId, recordId: dealId });
    const pdf = await download(owner.client, generateDocument.file.url);
    expect(pdf.status).toBe(200);
    return pdfText(pdf.data);
  };

  beforeAll(async () => {
    owner = await newUser(server, { workspaceName: 'Harbour Works' });
    await addFields(owner.client, 'deal', [{ key: 'documents', type: 'FILE', settings: { max: 5 } }]);
    dealId = await createDeal(owner.client, 'Harbour fit-out');
    templateId = (
      await owner.client.data(saveTemplate, {
        input: {
          object: 'deal',
          name: 'Offer',
          blocks: [{ type: 'heading', text: 'Offer {{ record.name }}' }, linesBlock],
        },
      })
    ).saveDocumentTemplate.id;
  }, 120_000);

  it('prints the three lines of the latest quote not declined and its exact totals', async () => {
    await quoteWith('Fit-out', [
      { description: 'Widget', quantity: '3', unitPrice: '19.99', taxRate: '20' },
      {
        description: 'Installation',
        quantity: '2.5',
        unitPrice: '80.00',
        discountPercent: '10',
        taxRate: '20',
      },
      { description: 'Manual', quantity: '1', unitPrice: '12.345', taxRate: '7' },
    ]);
    await quoteWith(
      'Declined option',
      [{ description: 'Gold plating', quantity: '1', unitPrice: '999' }],
      ['SENT', 'DECLINED'],
    );
    const text = await generatedText();
    expect(text).toContain('Offer Harbour fit-out');
    expect(text).toMatch(/Description\s+Quantity\s+Unit price\s+Discount\s+Tax rate\s+Net/);
    expect(text).toMatch(/Widget\s+3\s+€19\.99\s+20 %\s+€59\.97/);
    expect(text).toMatch(/Installation\s+2\.5\s+€80\.00\s+10 %\s+20 %\s+€180\.00/);
    // 12.345 prints as entered (€12.345); the line's amount rounds half up to 12.35.
    expect(text).toMatch(/Manual\s+1\s+€12\.345\s+7 %\s+€12\.35/);
    expect(text).toMatch(/Subtotal\s+€272\.32/);
    expect(text).toMatch(/Discount\s+−€20\.00/);
    expect(text).toMatch(/Tax 20 %\s+€47\.99/);
    expect(text).toMatch(/Tax 7 %\s+€0\.86/);
    expect(text).toMatch(/Total\s+€301\.17/);
    expect(text).not.toContain('Gold plating');
  });

  it('prefers the accepted quote over a later draft', async () => {
    await quoteWith(
      'Accepted',
      [{ description: 'Survey', quantity: '2', unitPrice: '50', taxRate: '20' }],
      ['SENT', 'ACCEPTED'],
    );
    await quoteWith('Later draft', [{ description: 'Repaint', quantity: '1', unitPrice: '10' }]);
    const text = await generatedText();
    expect(text).toMatch(/Survey\s+2\s+€50\.00\s+20 %\s+€100\.00/);
    expect(text).toMatch(/Total\s+€120\.00/);
    expect(text).not.toContain('Repaint');
    expect(text).not.toContain('Widget');
  });

  it('refuses a column the quote lines do not have, naming the block', async () => {
    const response = await owner.client.request(saveTemplate, {
      input: { object: 'deal', name: 'Bad', blocks: [{ ...linesBlock, columns: ['description', 'sku'] }] },
    });
    expectBadInput(response, ['input', 'blocks', '0', 'columns', '1']);
  });
});
