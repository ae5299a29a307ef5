import type { Locator } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { createRecord } from '../support/records.js';

// Issue 22, in real Chromium: a buyer's record page shows the listings that match them, with
// score and criteria met; a colleague changing the buyer's budget through the API updates the
// open page live (the push carries the new list), and so does a listing page for its buyers.

const { server, openPage } = useBrowserSuite();
let owner: SignedUpUser;
let colleague: SignedUpUser;
let buyer: string;
let listing: string;

const create = (type: string, input: Record<string, unknown>) => createRecord(owner.client, type, input);

const setBudget = (amount: number) =>
  colleague.client.data(
    `mutation ($id: ID!, $budget: MoneyInput) { updatePerson(id: $id, input: { budget: $budget }) { id } }`,
    { id: buyer, budget: { amount, currency: 'USD' } },
  );

beforeAll(async () => {
  owner = await newUser(server, { name: 'Mara Match', workspaceName: 'Match Homes' });
  await owner.client.data(
    `mutation { installTemplate(key: "real-estate", withSampleData: false) { __typename } }`,
  );
  colleague = await newMember(server, owner, 'MEMBER');
  buyer = await create('Person', {
    name: 'Nina Buyer',
    budget: { amount: 300000, currency: 'USD' },
    preferredAreas: 'Harbour',
    minBedrooms: 2,
  });
  listing = await create('Property', {
    name: 'Harbour flat',
    address: '5 Quay',
    area: 'Harbour',
    propertyType: 'apartment',
    price: { amount: 400000, currency: 'USD' },
    bedrooms: 2,
    listingStage: 'listed',
  });
});

/**
 * The page's subscription is open once a change made after it arrives: the budget flips between
 * `fits` and `misses` until the page shows the fit (ending on `fits`).
 */
async function budgetUntilShown(item: Locator, fits: number, misses: number): Promise<void> {
  let fitting = false;
  await expect
    .poll(
      async () => {
        if (fitting && (await item.count()) === 1) return true;
        fitting = !fitting;
        await setBudget(fitting ? fits : misses);
        return false;
      },
      { timeout: 60_000, interval: 500 },
    )
    .toBe(true);
  await expect.poll(() => item.count(), { timeout: 60_000 }).toBe(1);
}

it("updates a buyer's matches live when a colleague changes their budget", async () => {
  const page = await openPage(owner, `/objects/person/${buyer}`);
  const panel = page.getByTestId('record-matches');
  // 300k misses the 400k flat: 60 %, under the 70 % minimum.
  await panel.getByTestId('no-matches').waitFor();

  const item = panel.getByTestId('match-item');
  await budgetUntilShown(item, 420000, 300000);
  expect(await item.getByRole('link').textContent()).toContain('Harbour flat');
  expect(await item.getByTestId('match-score').textContent()).toBe('100%');
  expect(await item.getByTestId('match-criteria').textContent()).toContain('Within budget');

  await setBudget(250000);
  await panel.getByTestId('no-matches').waitFor({ timeout: 60_000 });
}, 180_000);

it("shows a listing's buyers and follows a budget change there too", async () => {
  await setBudget(360000);
  const page = await openPage(owner, `/objects/property/${listing}`);
  const panel = page.getByTestId('record-matches');
  await panel.getByTestId('no-matches').waitFor({ timeout: 60_000 });
  const item = panel.getByTestId('match-item');
  // 5 % under the price is within the tolerance; 10 % is not.
  await budgetUntilShown(item, 381000, 360000);
  expect(await item.getByRole('link').textContent()).toContain('Nina Buyer');
  await setBudget(360000);
  await expect.poll(() => item.count(), { timeout: 60_000 }).toBe(0);
}, 180_000);
