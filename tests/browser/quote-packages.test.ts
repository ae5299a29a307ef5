import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { copyShippedTemplate } from '../support/templates.js';

// A boat dealer's quote takes the deal's boat package in one click, in real Chromium: the hull,
// both engines and the trailer arrive as lines at their prices under a package header with the
// package price; a colleague's open quote shows them live; another boat can be picked; a quote
// in another currency than the boat's is refused with the server's reason beside the picker.

let templatesDir: string;
beforeAll(async () => {
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'crm-quote-packages-browser-'));
  await copyShippedTemplate('boat-dealer', templatesDir);
});
afterAll(() => rm(templatesDir, { recursive: true, force: true }));
const { server, newPage, openPage } = useBrowserSuite(() => ({ TEMPLATES_DIR: templatesDir }));

let owner: SignedUpUser;
let member: SignedUpUser;
let dealId: string;
let boston: { id: string; name: string };
let other: { id: string; name: string };

beforeAll(async () => {
  owner = await newUser(server, { name: 'Bea Broker', workspaceName: 'Harbour Boats' });
  await owner.client.data(
    `mutation { installTemplate(key: "boat-dealer", withSampleData: true) { toVersion } }`,
  );
  member = await newMember(server, owner, 'MEMBER');
  const { boats } = await owner.client.data(`query { boats(first: 50) { nodes { id name hin } } }`);
  boston = boats.nodes.find((b: { hin: string }) => b.hin === 'BWCE2801L324');
  other = boats.nodes.find((b: { hin: string }) => b.hin !== 'BWCE2801L324');
  const { createDeal } = await owner.client.data(
    `mutation ($boat: ID!) { createDeal(input: { name: "Boston for the Smiths", boat: $boat }) { id } }`,
    { boat: boston.id },
  );
  dealId = createDeal.id;
  await owner.client.data(
    `mutation ($dealId: ID!) { createQuote(input: { dealId: $dealId, currency: "USD", title: "Boston package" }) { id } }`,
    { dealId },
  );
  await owner.client.data(
    `mutation ($dealId: ID!) { createQuote(input: { dealId: $dealId, currency: "EUR", title: "In euros" }) { id } }`,
    { dealId },
  );
}, 240_000);

/** A page on the deal with the quote `title` open, once its quoteChanged subscription is sent. */
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

const descriptions = (page: Page) =>
  page
    .getByTestId('quote-line')
    .getByTestId('line-description')
    .getByTestId('cell-input')
    .evaluateAll((cells) => cells.map((c) => (c as HTMLInputElement).value));

it(
  'adds the deal’s boat package in one click, live on a colleague’s open quote',
  { timeout: 180_000 },
  async () => {
    const watcher = await openQuote(member, 'Boston package');
    const page = await openQuote(owner, 'Boston package');
    const picker = page.getByTestId('quote-package-picker');
    // The deal's boat is the default pick.
    await expect.poll(() => picker.getByTestId('quote-package-unit').inputValue()).toBe(boston.id);
    await picker.getByTestId('quote-package-add').click();
    await expect.poll(() => page.getByTestId('quote-line').count()).toBe(4);
    expect(await descriptions(page)).toEqual([
      `Hull – ${boston.name}`,
      'Mercury Verado 300 (port)',
      'Mercury Verado 300 (starboard)',
      '2024 Karavan tandem axle',
    ]);
    const header = page.getByTestId('line-package');
    expect(await header.getByTestId('line-package-label').textContent()).toContain(
      `Boat package – ${boston.name}`,
    );
    expect(await header.getByTestId('line-package-price').textContent()).toContain('362,900.00');
    expect(await header.getByTestId('line-package-net').textContent()).toBe('US$362,900.00');
    expect(await page.getByTestId('total-total').textContent()).toBe('US$362,900.00');
    await screenshot(page, 'quote-boat-package');

    // The colleague's open quote shows the package, pushed.
    await expect.poll(() => watcher.getByTestId('quote-line').count(), { timeout: 30_000 }).toBe(4);
    expect(await watcher.getByTestId('line-package-net').textContent()).toBe('US$362,900.00');

    // Another boat, picked on purpose: a second package.
    await picker.getByTestId('quote-package-unit').selectOption(other.id);
    await picker.getByTestId('quote-package-add').click();
    await expect.poll(() => page.getByTestId('line-package').count()).toBe(2);
    expect(await page.getByTestId('line-package-label').nth(1).textContent()).toContain(other.name);
  },
);

it(
  'shows the server’s reason when the boat is priced in another currency',
  { timeout: 120_000 },
  async () => {
    const page = await openPage(owner, `/objects/deal/${dealId}`);
    await page.getByTestId('open-quote').filter({ hasText: 'In euros' }).click();
    const picker = page.getByTestId('quote-package-picker');
    await expect.poll(() => picker.getByTestId('quote-package-unit').inputValue()).toBe(boston.id);
    await picker.getByTestId('quote-package-add').click();
    await expect.poll(() => picker.getByTestId('quote-package-error').textContent()).toContain('USD');
    expect(await page.getByTestId('quote-line').count()).toBe(0);
  },
);
