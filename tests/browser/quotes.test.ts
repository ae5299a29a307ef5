import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { cuttableSocket, screenshot } from '../support/browser.js';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { createDeal, draftInvoice, issueInvoice } from '../support/quotes.js';

// Quotes on a deal's record page in real Chromium: a quote made and filled from the panel with
// the server's totals; then two members on one quote: edits of different lines both land and
// show live on the other page, a same-line edit meets the conflict choice, the server's
// validation message sits beside its cell, and an accepted quote becomes the next invoice.
// Then the deal's quote list, live: B sees A's new quote appear and its terms change.

const { server, newPage, openPage } = useBrowserSuite();
let owner: SignedUpUser;
let member: SignedUpUser;
let dealId: string;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Olga Owner', workspaceName: 'Quote Co' });
  member = await newMember(server, owner, 'MEMBER');
  dealId = await createDeal(owner.client, 'Harbour fit-out');
  const { createProduct } = await owner.client.data(
    `mutation { createProduct(input: { name: "Widget", sku: "W-1" }) { id } }`,
  );
  await owner.client.data(`mutation ($input: PriceCreateInput!) { createPrice(input: $input) { id } }`, {
    input: {
      product: createProduct.id,
      priceBook: 'standard',
      unitPrice: { amount: 19.99, currency: 'EUR' },
    },
  });
  // An invoice issued before: the quote's becomes the next number.
  await owner.client.data(issueInvoice, { id: await draftInvoice(owner.client, dealId) });
}, 120_000);

const lineOf = (page: Page, position: number) =>
  page.locator(`[data-testid="quote-line"][data-position="${position}"]`);
const cellOf = (page: Page, position: number, field: string) =>
  lineOf(page, position).getByTestId(`line-${field}`);
const inputOf = (page: Page, position: number, field: string) =>
  cellOf(page, position, field).getByTestId('cell-input');

async function addLine(page: Page, values: Record<string, string>) {
  const form = page.getByTestId('new-line');
  for (const [field, value] of Object.entries(values))
    if (field === 'product') await form.getByTestId('new-line-product').selectOption({ label: value });
    else await form.getByTestId(`new-line-${field}`).fill(value);
  const before = await page.getByTestId('quote-line').count();
  await form.getByTestId('add-line').click();
  await expect.poll(() => page.getByTestId('quote-line').count()).toBe(before + 1);
}

it(
  'creates a quote from the deal page and shows the totals the server computed',
  { timeout: 120_000 },
  async () => {
    const page = await openPage(owner, `/objects/deal/${dealId}`);
    await page.getByTestId('record-quotes').waitFor();
    await page.getByTestId('quote-create-title').fill('Fit-out');
    await page.getByTestId('quote-create-valid-until').fill('2026-12-31');
    await page.getByTestId('quote-create-submit').click();
    await page.getByTestId('quote-editor').waitFor();
    expect(await page.getByTestId('quote-status').textContent()).toBe('Draft');

    // The product's name and price are the line's defaults.
    await expect.poll(() => page.getByTestId('new-line-product').locator('option').count()).toBe(2);
    await addLine(page, { product: 'Widget', quantity: '3', taxRate: '20' });
    expect(await inputOf(page, 1, 'description').inputValue()).toBe('Widget');
    expect(await inputOf(page, 1, 'unitPrice').inputValue()).toBe('19.99');
    // Back to free text keeps the line's description and price.
    await lineOf(page, 1).getByTestId('line-product').selectOption('');
    const quoteId = await page.getByTestId('quote-editor').getAttribute('data-quote-id');
    const stored = async () =>
      (
        await owner.client.data(
          `query ($id: ID!) { quote(id: $id) { lines { productId description unitPrice } } }`,
          {
            id: quoteId,
          },
        )
      ).quote.lines[0];
    await expect.poll(stored).toEqual({ productId: null, description: 'Widget', unitPrice: '19.99' });
    expect(await lineOf(page, 1).getByTestId('line-error').count()).toBe(0);
    expect(await inputOf(page, 1, 'description').inputValue()).toBe('Widget');
    expect(await lineOf(page, 1).getByTestId('line-net').textContent()).toBe('€59.97');
    await addLine(page, {
      description: 'Installation',
      quantity: '2.5',
      unitPrice: '80.00',
      discountPercent: '10',
      taxRate: '20',
    });
    // A bad new line: the server's message beside the input it names, nothing added.
    await page.getByTestId('new-line-description').fill('Manual');
    await page.getByTestId('new-line-unitPrice').fill('12.345');
    await page.getByTestId('new-line-taxRate').fill('170');
    await page.getByTestId('add-line').click();
    const taxError = page
      .getByTestId('new-line')
      .locator('label', { has: page.getByTestId('new-line-taxRate') });
    await expect
      .poll(() => taxError.locator('.field-error').textContent())
      .toBe('taxRate: must be at most 100.');
    await page.getByTestId('new-line-taxRate').fill('7');
    await page.getByTestId('add-line').click();
    await expect.poll(() => page.getByTestId('quote-line').count()).toBe(3);

    expect(await lineOf(page, 2).getByTestId('line-net').textContent()).toBe('€180.00');
    expect(await lineOf(page, 3).getByTestId('line-net').textContent()).toBe('€12.35');
    await expect.poll(() => page.getByTestId('total-net').textContent()).toBe('€252.32');
    expect(await page.getByTestId('total-tax').textContent()).toBe('€48.85');
    expect(await page.getByTestId('total-total').textContent()).toBe('€301.17');
    const item = page.getByTestId('quote-item');
    await expect.poll(() => item.getByTestId('quote-item-total').textContent()).toBe('€301.17');
    expect(await item.textContent()).toContain('valid until 31 Dec 2026');

    // A line removed: the server's new totals, in the editor and the list.
    await lineOf(page, 2).getByTestId('remove-line').click();
    await expect.poll(() => page.getByTestId('quote-line').count()).toBe(2);
    await expect.poll(() => page.getByTestId('total-total').textContent()).toBe('€85.17');
    expect(await page.getByTestId('total-tax').textContent()).toBe('€12.85');
    await expect.poll(() => item.getByTestId('quote-item-total').textContent()).toBe('€85.17');
  },
);

/** A member's page on the deal with the quote open, once its quoteChanged subscription is sent. */
async function openQuote(user: SignedUpUser, title: string): Promise<Page> {
  const page = await newPage(user);
  let subscribed = false;
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      if (String(payload).includes('QuoteChanged')) subscribed = true;
    }),
  );
  await page.goto(`${server.url}/objects/deal/${dealId}`);
  await page.getByTestId('open-quote').filter({ hasText: title }).click();
  await page.getByTestId('quote-editor').waitFor();
  await expect.poll(() => subscribed, { timeout: 30_000 }).toBe(true);
  return page;
}

async function save(page: Page, position: number, field: string, value: string) {
  await inputOf(page, position, field).fill(value);
  await inputOf(page, position, field).press('Enter');
}

it(
  'lets two members edit one quote: live edits, a per-line conflict, the server’s errors, then the invoice',
  { timeout: 240_000 },
  async () => {
    await owner.client.data(`mutation ($input: CreateQuoteInput!) { createQuote(input: $input) { id } }`, {
      input: {
        dealId,
        currency: 'EUR',
        title: 'Shared',
        lines: [
          { description: 'Design', quantity: '1', unitPrice: '100', taxRate: '20' },
          { description: 'Build', quantity: '1', unitPrice: '50', taxRate: '20' },
          { description: 'Manual', quantity: '1', unitPrice: '12.345', taxRate: '7' },
        ],
      },
    });
    const a = await openQuote(owner, 'Shared');
    const b = await openQuote(member, 'Shared');

    // Different lines: both saved, each page shows the other's change without a reload.
    await save(a, 1, 'quantity', '4');
    await save(b, 2, 'quantity', '3');
    for (const page of [a, b]) {
      await expect.poll(() => inputOf(page, 1, 'quantity').inputValue(), { timeout: 30_000 }).toBe('4');
      await expect.poll(() => inputOf(page, 2, 'quantity').inputValue(), { timeout: 30_000 }).toBe('3');
      await expect.poll(() => page.getByTestId('total-total').textContent()).toBe('€673.21');
    }

    // The same line: B types while A saves; B's save is refused and B chooses.
    await inputOf(b, 3, 'quantity').fill('7');
    // B's focus is A's presence hint on that cell.
    await expect
      .poll(() => cellOf(a, 3, 'quantity').getByTestId('cell-editor').textContent(), { timeout: 30_000 })
      .toBe('A MEMBER editing');
    await save(a, 3, 'quantity', '5');
    await expect
      .poll(() => lineOf(b, 3).getByTestId('line-net').textContent(), { timeout: 30_000 })
      .toBe('€61.73');
    expect(await inputOf(b, 3, 'quantity').inputValue()).toBe('7');
    await inputOf(b, 3, 'quantity').press('Enter');
    const conflict = cellOf(b, 3, 'quantity').getByTestId('cell-conflict');
    await conflict.waitFor();
    expect(await conflict.getByTestId('conflict-theirs').textContent()).toBe('5');
    expect(await inputOf(b, 3, 'quantity').inputValue()).toBe('7');
    expect(await b.getByTestId('cell-conflict').count()).toBe(1);
    await screenshot(b, 'quote-line-conflict');
    await conflict.getByTestId('keep-mine').click();
    for (const page of [a, b]) {
      await expect.poll(() => inputOf(page, 3, 'quantity').inputValue(), { timeout: 30_000 }).toBe('7');
      await expect.poll(() => lineOf(page, 3).getByTestId('line-net').textContent()).toBe('€86.42');
    }
    expect(await b.getByTestId('cell-conflict').count()).toBe(0);

    // "Take theirs" drops what B typed.
    await inputOf(b, 3, 'discountPercent').fill('15');
    await save(a, 3, 'discountPercent', '5');
    await expect
      .poll(() => lineOf(b, 3).getByTestId('line-net').textContent(), { timeout: 30_000 })
      .toBe('€82.10');
    await inputOf(b, 3, 'discountPercent').press('Enter');
    await cellOf(b, 3, 'discountPercent').getByTestId('take-theirs').click();
    await expect.poll(() => inputOf(b, 3, 'discountPercent').inputValue()).toBe('5');
    expect(await b.getByTestId('cell-conflict').count()).toBe(0);

    // The server's validation messages, beside their cells; the stored values stay.
    await save(a, 2, 'quantity', '-1');
    await expect
      .poll(() => cellOf(a, 2, 'quantity').getByTestId('cell-error').textContent())
      .toBe('quantity: must be at least 0.');
    await save(a, 1, 'taxRate', '120');
    await expect
      .poll(() => cellOf(a, 1, 'taxRate').getByTestId('cell-error').textContent())
      .toBe('taxRate: must be at most 100.');
    expect(await inputOf(b, 2, 'quantity').inputValue()).toBe('3');
    await save(a, 2, 'quantity', '2');
    await save(a, 1, 'taxRate', '20');
    await expect.poll(() => a.getByTestId('cell-error').count()).toBe(0);
    await expect.poll(() => inputOf(b, 2, 'quantity').inputValue(), { timeout: 30_000 }).toBe('2');

    // Sent and accepted; B sees the status live; the accepted quote becomes the next invoice.
    await a.getByTestId('quote-status-sent').click();
    await expect.poll(() => a.getByTestId('quote-status').textContent()).toBe('Sent');
    expect(await a.getByTestId('cell-input').count()).toBe(0);
    await a.getByTestId('quote-status-accepted').click();
    await expect
      .poll(() => b.getByTestId('quote-status').textContent(), { timeout: 30_000 })
      .toBe('Accepted');
    // The quote editor's own invoice (the deal's invoices panel has rows of the same names).
    const made = a.getByTestId('quote-editor');
    const bInvoices = b.getByTestId('record-invoices');
    await made.getByTestId('make-invoice').click();
    await expect.poll(() => made.getByTestId('invoice-status').textContent()).toBe('Draft');
    // The draft joins the invoices panel, on B's page too, pushed.
    await expect.poll(() => bInvoices.locator('[data-row="invoice"]').count(), { timeout: 30_000 }).toBe(2);
    await made.getByTestId('issue-invoice').click();
    const year = new Date().getUTCFullYear();
    await expect.poll(() => made.getByTestId('invoice-number').textContent()).toBe(`${year}-00002`);
    expect(await made.getByTestId('invoice-status').textContent()).toBe('Issued');
    // Issued in the quote editor, numbered alike in A's and B's invoices panels.
    for (const page of [a, b])
      await expect
        .poll(() => page.getByTestId(`invoice-${year}-00002`).getByTestId('invoice-status').textContent(), {
          timeout: 30_000,
        })
        .toContain('Issued');
    await screenshot(a, 'quote-editor');
  },
);

it(
  'shows a colleague’s new quote live and edits a draft’s title and validity',
  { timeout: 120_000 },
  async () => {
    const deal = await createDeal(owner.client, 'Live list');
    const a = await openPage(owner, `/objects/deal/${deal}`);
    // B's socket is held until A's quote exists: B subscribes only after it, from the cursor B
    // read its list with, and the quote it missed comes first.
    const b = await newPage(member);
    const socket = await cuttableSocket(b, { down: true });
    await b.goto(`${server.url}/objects/deal/${deal}`);
    for (const page of [a, b]) await page.getByTestId('record-quotes').waitFor();
    await expect.poll(() => b.getByText('No quotes yet.').count()).toBe(1);
    await expect.poll(() => socket.hanging()).toBeGreaterThan(0);

    await a.getByTestId('quote-create-title').fill('Harbour lights');
    await a.getByTestId('quote-create-submit').click();
    await a.getByTestId('quote-editor').waitFor();
    await socket.restore();
    // B's list shows it without a reload.
    const bItems = b.getByTestId('quote-item');
    await expect.poll(() => bItems.count(), { timeout: 30_000 }).toBe(1);
    expect((await bItems.getByTestId('open-quote').textContent())?.trim()).toBe('Harbour lights');
    expect((await bItems.getByTestId('quote-item-status').textContent())?.trim()).toBe('Draft');

    // A renames it and sets a validity date; B's list follows.
    await a.getByTestId('quote-terms-title').fill('Harbour lights v2');
    await a.getByTestId('quote-terms-valid-until').fill('2027-03-31');
    await a.getByTestId('quote-terms-save').click();
    await expect.poll(() => a.getByTestId('quote-title').textContent()).toBe('Harbour lights v2');
    await expect.poll(() => a.getByTestId('quote-valid-until').textContent()).toContain('31 Mar 2027');
    await expect
      .poll(() => bItems.getByTestId('open-quote').textContent(), { timeout: 30_000 })
      .toContain('Harbour lights v2');
    await expect.poll(() => bItems.textContent()).toContain('valid until 31 Mar 2027');

    // The server's refusal sits beside the input: a title over 300 characters.
    await a.getByTestId('quote-terms-title').fill('x'.repeat(301));
    await a.getByTestId('quote-terms-save').click();
    await expect
      .poll(() => a.getByTestId('quote-terms-title-error').textContent())
      .toBe('title: at most 300 characters.');
    expect(await a.getByTestId('quote-title').textContent()).toBe('Harbour lights v2');
    // Clearing the date is a change too.
    await a.getByTestId('quote-terms-title').fill('Harbour lights v2');
    await a.getByTestId('quote-terms-valid-until').fill('');
    await a.getByTestId('quote-terms-save').click();
    await expect.poll(() => a.getByTestId('quote-valid-until').count()).toBe(0);
    await expect.poll(() => a.getByTestId('quote-terms-title-error').count()).toBe(0);

    // Both rename it at once: B's save meets A's title (CONFLICT), shown beside B's input.
    await bItems.getByTestId('open-quote').click();
    await b.getByTestId('quote-terms').waitFor();
    await expect.poll(() => b.getByTestId('quote-terms-title').inputValue()).toBe('Harbour lights v2');
    await b.getByTestId('quote-terms-title').fill('Harbour lights (B)');
    await a.getByTestId('quote-terms-title').fill('Harbour lights (A)');
    await a.getByTestId('quote-terms-save').click();
    await expect
      .poll(() => b.getByTestId('quote-title').textContent(), { timeout: 30_000 })
      .toBe('Harbour lights (A)');
    // B's typing survives the push; saving it is refused, naming A's title.
    expect(await b.getByTestId('quote-terms-title').inputValue()).toBe('Harbour lights (B)');
    await b.getByTestId('quote-terms-save').click();
    await expect
      .poll(() => b.getByTestId('quote-terms-conflict').textContent())
      .toContain('Changed by someone else: Harbour lights (A)');
    expect(await b.getByTestId('quote-title').textContent()).toBe('Harbour lights (A)');
    await b.getByTestId('terms-keep-mine').click();
    await expect.poll(() => b.getByTestId('quote-title').textContent()).toBe('Harbour lights (B)');
    await expect
      .poll(() => a.getByTestId('quote-title').textContent(), { timeout: 30_000 })
      .toBe('Harbour lights (B)');
    expect(await b.getByTestId('quote-terms-conflict').count()).toBe(0);

    // Again, and this time B takes A's.
    await b.getByTestId('quote-terms-title').fill('Harbour lights (B2)');
    await owner.client.data(
      `mutation ($id: ID!) { updateQuote(id: $id, input: { title: "Harbour lights (A2)" }) { id } }`,
      { id: await b.getByTestId('quote-editor').getAttribute('data-quote-id') },
    );
    await expect
      .poll(() => b.getByTestId('quote-title').textContent(), { timeout: 30_000 })
      .toBe('Harbour lights (A2)');
    await b.getByTestId('quote-terms-save').click();
    await b.getByTestId('quote-terms-conflict').waitFor();
    await b.getByTestId('terms-take-theirs').click();
    expect(await b.getByTestId('quote-terms-title').inputValue()).toBe('Harbour lights (A2)');
    expect(await b.getByTestId('quote-terms-conflict').count()).toBe(0);
    await screenshot(a, 'quote-terms');
  },
);
