import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newUser, type SignedUpUser } from '../support/client.js';
import { createDeal } from '../support/quotes.js';
import { addFields } from '../support/records.js';

// Documents on the record page in real Chromium: a template of the object picked, generated,
// listed with its template version and a signed link that serves the PDF.

const { server, openPage } = useBrowserSuite({
  DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crm-documents-browser-')),
});
let owner: SignedUpUser;
let dealId: string;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Olga Owner' });
  await addFields(owner.client, 'deal', [{ key: 'documents', type: 'FILE', settings: { max: 5 } }]);
  dealId = await createDeal(owner.client, 'Harbour fit-out');
  await owner.client.data(`mutation ($input: CreateQuoteInput!) { createQuote(input: $input) { id } }`, {
    input: {
      dealId,
      currency: 'EUR',
      lines: [{ description: 'Widget', quantity: '3', unitPrice: '19.99', taxRate: '20' }],
    },
  });
  await owner.client.data(
    `mutation ($input: DocumentTemplateInput!) { saveDocumentTemplate(input: $input) { id } }`,
    {
      input: {
        object: 'deal',
        name: 'Offer',
        blocks: [
          { type: 'heading', text: 'Offer {{ record.name }}' },
          { type: 'lines', source: 'quote', columns: ['description', 'quantity', 'net'] },
        ],
      },
    },
  );
});

it('generates a document from the record page and lists it with a working link', async () => {
  const page = await openPage(owner, `/objects/deal/${dealId}`);
  await page.getByTestId('record-documents').waitFor();
  await expect.poll(() => page.getByTestId('document-template').inputValue()).not.toBe('');
  await page.getByTestId('generate-document').click();
  const item = page.getByTestId('generated-document');
  await expect.poll(() => item.count(), { timeout: 30_000 }).toBe(1);
  await expect.poll(() => item.first().textContent()).toContain('version 1');
  const link = item.first().getByRole('link');
  expect(await link.textContent()).toMatch(/^Offer .*\.pdf$/);
  const href = (await link.getAttribute('href'))!;
  const head = await page.evaluate(async (url) => {
    const response = await fetch(url);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, start: String.fromCharCode(...bytes.subarray(0, 5)) };
  }, href);
  expect(head).toEqual({ status: 200, start: '%PDF-' });
  await screenshot(page, 'record-documents');
});
