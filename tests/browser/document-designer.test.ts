import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newMember, newUser } from '../support/client.js';
import { pdfText } from '../support/pdf.js';
import { createDeal } from '../support/quotes.js';
import { expectCode } from '../support/records.js';

// The document designer in Chromium: an admin builds a template for deals from blocks, inserts a
// merge field from the picker, saves, previews it on a deal as a PDF holding the merged values;
// a bad merge field is shown at its block with the form kept; a colleague's save in between is
// caught and reloaded; members see no designer and the API refuses them.

const { server, openPage } = useBrowserSuite();

const saveTemplate = /* GraphQL */ `
  mutation ($id: ID, $input: DocumentTemplateInput!, $expectedVersion: Int) {
    saveDocumentTemplate(id: $id, input: $input, expectedVersion: $expectedVersion) {
      id
      version
    }
  }
`;

it('designs, saves and previews a deal template; refusals and conflicts show where they belong', async () => {
  const owner = await newUser(server, { name: 'Olga Owner' });
  const dealId = await createDeal(owner.client, 'Harbour fit-out');
  await owner.client.data(`mutation ($input: CreateQuoteInput!) { createQuote(input: $input) { id } }`, {
    input: { dealId, currency: 'EUR', lines: [{ description: 'Pontoon', quantity: '2', unitPrice: '50' }] },
  });

  const page = await openPage(owner, '/admin/documents');
  // The preview's frame shows a PDF made in the page (a blob: URL): the policy must let it.
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.getByTestId('admin-tab-documents').click();
  await page.getByTestId('document-template-new').click();
  await page.getByTestId('designer-name').fill('Offer letter');
  await page.getByTestId('designer-object').selectOption('deal');

  const block = (index: number) => page.locator(`[data-testid="document-block"][data-index="${index}"]`);
  await page.getByTestId('add-block-heading').click();
  await block(0).getByTestId('block-text').fill('Offer');
  await page.getByTestId('add-block-paragraph').click();
  const paragraph = block(1).getByTestId('block-text');
  await paragraph.fill('Dear customer of ');
  await page.locator('[data-testid="merge-field-option"][data-path="record.name"]').click();
  await paragraph.pressSequentially(', thank you.');
  expect(await paragraph.inputValue()).toBe('Dear customer of {{ record.name }}, thank you.');
  await page.getByTestId('add-block-lines').click();
  await block(2).getByTestId('block-lines-source').selectOption('quote');
  const addColumn = block(2).getByTestId('block-columns').getByTestId('key-list-add');
  await addColumn.selectOption('description');
  await addColumn.selectOption('net');

  // Reordering: ↑ moves a block, dragging its handle drops it before another, ✕ removes it.
  const types = () =>
    page.getByTestId('document-block').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-type')));
  await page.getByTestId('add-block-pageBreak').click();
  await block(3).getByTestId('move-up').click();
  expect(await types()).toEqual(['heading', 'paragraph', 'pageBreak', 'lines']);
  await block(2).locator('.drag-handle').dragTo(block(0));
  await expect.poll(types).toEqual(['pageBreak', 'heading', 'paragraph', 'lines']);
  await block(0).getByTestId('remove').click();
  expect(await types()).toEqual(['heading', 'paragraph', 'lines']);

  await page.getByTestId('designer-save').click();
  await expect.poll(() => page.getByTestId('designer-saved').textContent()).toContain('version 1');
  await expect.poll(() => page.url()).toMatch(/\/admin\/documents\/[0-9a-f-]{36}$/);
  const templateId = page.url().split('/').at(-1)!;

  // The preview: a deal found by name, rendered to a PDF the page shows and links to.
  await page.getByTestId('record-picker-search').fill('Harbour');
  await page.getByTestId('record-picker-option').filter({ hasText: 'Harbour fit-out' }).click();
  await page.getByTestId('preview-document').click();
  await expect.poll(() => page.getByTestId('preview-frame').count(), { timeout: 30_000 }).toBe(1);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('preview-download').click(),
  ]);
  expect(download.suggestedFilename()).toBe('Offer letter.pdf');
  const text = await pdfText(await readFile((await download.path())!));
  expect(text).toContain('Offer');
  expect(text).toContain('Dear customer of Harbour fit-out, thank you.');
  expect(text).toContain('Pontoon');
  expect(violations).toEqual([]);
  await screenshot(page, 'document-designer');

  // An unknown merge field: the message at its block, the form as it was.
  await block(0).getByTestId('block-text').fill('Offer {{ record.nope }}');
  await page.getByTestId('designer-save').click();
  await expect.poll(() => block(0).getByTestId('block-error').textContent()).toContain('record.nope');
  expect(await block(1).getByTestId('block-error').count()).toBe(0);
  expect(await page.getByTestId('designer-name').inputValue()).toBe('Offer letter');
  expect(await paragraph.inputValue()).toBe('Dear customer of {{ record.name }}, thank you.');

  // A colleague saves meanwhile: this save is refused with the choice to reload theirs.
  await owner.client.data(saveTemplate, {
    id: templateId,
    expectedVersion: 1,
    input: { object: 'deal', name: 'Offer letter (Ben)', blocks: [{ type: 'heading', text: 'Ben’s offer' }] },
  });
  await block(0).getByTestId('block-text').fill('Offer');
  await page.getByTestId('designer-save').click();
  await expect.poll(() => page.getByTestId('designer-conflict').textContent()).toContain('someone else');
  await page.getByTestId('designer-reload').click();
  await expect.poll(() => page.getByTestId('designer-name').inputValue()).toBe('Offer letter (Ben)');
  expect(await page.getByTestId('document-block').count()).toBe(1);

  // The list: the template with its object; a copy made and deleted after asking again.
  await page.getByTestId('designer-back').click();
  const row = (name: string) => page.locator(`[data-testid="document-template-row"][data-name="${name}"]`);
  await expect.poll(() => row('Offer letter (Ben)').textContent()).toContain('Deals');
  await row('Offer letter (Ben)').getByTestId('document-template-duplicate').click();
  await expect.poll(() => row('Offer letter (Ben) (copy)').count()).toBe(1);
  await row('Offer letter (Ben) (copy)').getByTestId('document-template-delete').click();
  await row('Offer letter (Ben) (copy)').getByTestId('document-template-delete-confirm').click();
  await expect.poll(() => row('Offer letter (Ben) (copy)').count()).toBe(0);
  expect(await row('Offer letter (Ben)').count()).toBe(1);
  await page.context().close();
});

it('shows members no designer, and the API refuses them', async () => {
  const owner = await newUser(server);
  const member = await newMember(server, owner, 'MEMBER');
  const page = await openPage(member, '/admin/documents');
  await expect.poll(() => page.getByTestId('admin-forbidden').count()).toBe(1);
  expect(await page.getByTestId('document-templates-admin').count()).toBe(0);
  expect(await page.getByTestId('admin-tab-documents').count()).toBe(0);
  const input = { object: 'deal', name: 'Mine', blocks: [{ type: 'heading', text: 'Hi' }] };
  expectCode(await member.client.request(saveTemplate, { input }), 'FORBIDDEN');
  await page.context().close();
});
