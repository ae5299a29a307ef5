import { readFile } from 'node:fs/promises';
import { beforeAll, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { pdfText } from '../support/pdf.js';
import { createDeal, draftInvoice } from '../support/quotes.js';

// Invoices on the record page in real Chromium: one member records a payment from the deal's
// panel and a second member's open deal and company pages show the new balance, pushed live.

const { server, openPage } = useBrowserSuite();
let owner: SignedUpUser;
let member: SignedUpUser;
let companyId: string;
let dealId: string;
let invoiceNumber: string;

const issue = `mutation ($id: ID!, $input: IssueInvoiceInput) { issueInvoice(id: $id, input: $input) { number } }`;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Olga Owner' });
  member = await newMember(server, owner, 'MEMBER');
  const { createCompany } = await owner.client.data(
    `mutation { createCompany(input: { name: "Harbour Ltd" }) { id } }`,
  );
  companyId = createCompany.id;
  dealId = await createDeal(owner.client, 'Harbour fit-out', companyId);
  const open = await draftInvoice(owner.client, dealId, '100.00');
  invoiceNumber = (await owner.client.data(issue, { id: open })).issueInvoice.number;
  // One issued long ago and due since: it reads OVERDUE.
  const late = await draftInvoice(owner.client, dealId, '20.00');
  await owner.client.data(issue, { id: late, input: { issueDate: '2020-01-02', dueDate: '2020-02-01' } });
});

it('records a payment from the deal page; a second member’s deal and company pages show the new balance live', async () => {
  const mine = await openPage(owner, `/objects/deal/${dealId}`);
  const theirs = await openPage(member, `/objects/deal/${dealId}`);
  const theirCompany = await openPage(member, `/objects/company/${companyId}`);
  for (const page of [mine, theirs]) {
    await page.getByTestId('record-invoices').waitFor();
    await expect.poll(() => page.getByTestId('deal-open-balance').textContent()).toBe('€120.00');
  }
  await expect.poll(() => theirCompany.getByTestId('company-open-balance').textContent()).toBe('€120.00');
  const statuses = () => theirs.getByTestId('invoice-status').allTextContents();
  await expect.poll(async () => (await statuses()).map((s) => s.trim())).toEqual(['Issued', 'Overdue']);

  // Their pages are subscribed once a change made now reaches them: a new draft joins the list.
  await draftInvoice(owner.client, dealId, '5.00');
  await expect.poll(() => theirs.locator('[data-row="invoice"]').count(), { timeout: 20_000 }).toBe(3);

  const row = mine.getByTestId(`invoice-${invoiceNumber}`);
  await row.getByTestId('record-payment').click();
  await mine.getByTestId('payment-amount').fill('40.00');
  await mine.getByTestId('payment-reference').fill('Bank transfer 981');
  await mine.getByTestId('save-payment').click();
  await expect.poll(() => row.getByTestId('invoice-status').textContent()).toContain('Partly paid');

  const theirRow = theirs.getByTestId(`invoice-${invoiceNumber}`);
  await expect
    .poll(() => theirs.getByTestId('deal-open-balance').textContent(), { timeout: 20_000 })
    .toBe('€80.00');
  expect((await theirRow.getByTestId('invoice-balance').textContent())?.trim()).toBe('€60.00');
  expect((await theirRow.getByTestId('invoice-paid').textContent())?.trim()).toBe('€40.00');
  await expect
    .poll(() => theirCompany.getByTestId('company-open-balance').textContent(), { timeout: 20_000 })
    .toBe('€80.00');
  await screenshot(theirs, 'deal-invoices');

  // Paying more than is owed is refused with the server's message; crediting takes a second click.
  await row.getByTestId('record-payment').click();
  await mine.getByTestId('payment-amount').fill('999.00');
  await mine.getByTestId('save-payment').click();
  await expect
    .poll(() => mine.getByTestId('invoice-error').textContent())
    .toContain('more than the open balance');
  await row.getByTestId('credit-invoice').click();
  expect((await row.getByTestId('credit-invoice').textContent())?.trim()).toBe('Confirm credit note');
  await row.getByTestId('credit-invoice').click();
  await expect
    .poll(() => theirRow.getByTestId('invoice-status').textContent(), { timeout: 20_000 })
    .toContain('Void');
  await expect.poll(() => theirs.locator('[data-row="invoice"]').count(), { timeout: 20_000 }).toBe(4);
  await expect.poll(() => theirs.getByTestId('deal-open-balance').textContent()).toBe('€20.00');
});

it('shows the panel on a deal without invoices; a member creates a draft and issues it, numbered', async () => {
  const bare = await createDeal(owner.client, 'Empty deal');
  const mine = await openPage(member, `/objects/deal/${bare}`);
  const theirs = await openPage(owner, `/objects/deal/${bare}`);
  for (const page of [mine, theirs]) {
    await page.getByTestId('record-invoices').waitFor();
    await page.getByTestId('invoices-empty').waitFor();
  }
  // The server's refusal beside its input: a line without a price.
  await mine.getByTestId('invoice-create-description').fill('Consulting');
  await mine.getByTestId('invoice-create-quantity').fill('2');
  await mine.getByTestId('invoice-create-submit').click();
  await expect.poll(() => mine.getByTestId('invoice-create').getByRole('alert').count()).toBe(1);
  await mine.getByTestId('invoice-create-price').fill('150.00');
  await mine.getByTestId('invoice-create-tax').fill('20');
  await mine.getByTestId('invoice-create-submit').click();
  const rows = mine.locator('[data-row="invoice"]');
  await expect.poll(() => rows.count()).toBe(1);
  expect((await rows.getByTestId('invoice-row-number').textContent())?.trim()).toBe('Draft');
  expect(await mine.getByTestId('invoices-empty').count()).toBe(0);
  // Pushed to the owner's open page.
  await expect.poll(() => theirs.locator('[data-row="invoice"]').count(), { timeout: 20_000 }).toBe(1);

  await rows.getByTestId('invoice-issue').click();
  const year = new Date().getUTCFullYear();
  await expect
    .poll(async () => (await rows.getByTestId('invoice-row-number').textContent())?.trim())
    .toMatch(new RegExp(`^${year}-\\d{5}$`));
  const number = (await rows.getByTestId('invoice-row-number').textContent())!.trim();
  expect((await rows.getByTestId('invoice-status').textContent())?.trim()).toBe('Issued');
  expect(await rows.getByTestId('invoice-issue').count()).toBe(0);
  await expect.poll(() => mine.getByTestId('deal-open-balance').textContent()).toBe('€360.00');
  await expect
    .poll(() => theirs.getByTestId(`invoice-${number}`).getByTestId('invoice-status').textContent(), {
      timeout: 20_000,
    })
    .toContain('Issued');
  await screenshot(mine, 'deal-invoices-new');
});

it('edits a draft invoice’s lines on the deal page, live for a colleague; an issued one’s lines are read-only', async () => {
  const deal = await createDeal(owner.client, 'Line edits');
  const draft = await draftInvoice(owner.client, deal, '100.00');
  const mine = await openPage(member, `/objects/deal/${deal}`);
  const theirs = await openPage(owner, `/objects/deal/${deal}`);
  for (const page of [mine, theirs]) {
    await page.locator('[data-row="invoice"]').getByTestId('invoice-lines-toggle').click();
    await page.getByTestId('invoice-lines').waitFor();
  }
  const lines = (page: typeof mine) => page.getByTestId('invoice-lines');
  const quantity = lines(mine).getByTestId('line-quantity').getByTestId('cell-input');
  await quantity.fill('3');
  await quantity.press('Enter');
  await expect.poll(() => lines(mine).getByTestId('total-total').textContent()).toBe('€300.00');
  // The colleague's open page takes the pushed invoice, no reload.
  await expect
    .poll(() => lines(theirs).getByTestId('total-total').textContent(), { timeout: 20_000 })
    .toBe('€300.00');

  // A line added on one page appears on the other; the server's refusal shows beside its input.
  await lines(theirs).getByTestId('new-line-description').fill('Travel');
  await lines(theirs).getByTestId('new-line-unitPrice').fill('-5');
  await lines(theirs).getByTestId('add-line').click();
  await expect.poll(() => lines(theirs).getByTestId('new-line').getByRole('alert').count()).toBe(1);
  await lines(theirs).getByTestId('new-line-unitPrice').fill('25.50');
  await lines(theirs).getByTestId('add-line').click();
  await expect.poll(() => lines(mine).getByTestId('quote-line').count(), { timeout: 20_000 }).toBe(2);
  await expect.poll(() => lines(mine).getByTestId('total-total').textContent()).toBe('€325.50');

  await owner.client.data(issue, { id: draft });
  await expect.poll(() => lines(mine).getByTestId('cell-input').count(), { timeout: 20_000 }).toBe(0);
  expect(await lines(mine).getByTestId('new-line').count()).toBe(0);
  expect((await lines(mine).getByTestId('total-total').textContent())?.trim()).toBe('€325.50');

  // The issued invoice as a PDF the server renders: its number and total.
  const row = mine.locator('[data-row="invoice"]');
  const number = (await row.getByTestId('invoice-row-number').textContent())!.trim();
  const [download] = await Promise.all([
    mine.waitForEvent('download'),
    row.getByTestId('invoice-pdf').click(),
  ]);
  expect(download.suggestedFilename()).toBe(`invoice-${number}.pdf`);
  const text = await pdfText(await readFile((await download.path())!));
  expect(text).toContain(`Invoice ${number}`);
  expect(text).toContain('Total €325.50');
});
