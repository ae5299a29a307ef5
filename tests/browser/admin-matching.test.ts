import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newUser, type SignedUpUser } from '../support/client.js';
import { createRecord } from '../support/records.js';

// The admin screen of match definitions in real Chromium (issue 22): a criterion the server
// refuses shows its reason at that criterion; a required criterion and a new one saved rescore
// the matches, which an open record page shows at once. The renters-and-flats fixture template
// keeps it independent of the real-estate template's objects.

const fixture = fileURLToPath(new URL('../fixtures/templates/matching-admin.yaml', import.meta.url));
let templatesDir: string;
beforeAll(async () => {
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'crm-admin-matching-'));
  await mkdir(path.join(templatesDir, 'matching-admin'));
  await cp(fixture, path.join(templatesDir, 'matching-admin', 'template.yaml'));
});
afterAll(() => rm(templatesDir, { recursive: true, force: true }));
const { server, newPage, openPage } = useBrowserSuite(() => ({ TEMPLATES_DIR: templatesDir }));

let owner: SignedUpUser;
let bob: string;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Ada Admin', workspaceName: 'Flat Finders' });
  await owner.client.data(
    `mutation { installTemplate(key: "matching-admin", withSampleData: false) { toVersion } }`,
  );
  bob = await createRecord(owner.client, 'Renter', { name: 'Bob', maxRent: 800, areas: 'South' });
  await createRecord(owner.client, 'Flat', { name: 'Flat two', rent: 700, area: 'North', rooms: 3 });
}, 120_000);

/** Bob's page, once its matchesChanged subscription is sent. */
async function bobsPage(): Promise<Page> {
  const page = await newPage(owner);
  let subscribed = false;
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      if (String(payload).includes('matchesChanged')) subscribed = true;
    }),
  );
  await page.goto(`${server.url}/objects/renter/${bob}`);
  await expect.poll(() => subscribed, { timeout: 30_000 }).toBe(true);
  return page;
}

it(
  'shows a refused criterion’s reason at it, and a saved change rescores an open page',
  { timeout: 180_000 },
  async () => {
    const record = await bobsPage();
    const matches = record.getByTestId('record-matches');
    // Affordable (60) but not in the south (40): 60 %, a match from 50.
    await expect
      .poll(() => matches.getByTestId('match-score').textContent(), { timeout: 60_000 })
      .toBe('60%');

    const page = await openPage(owner, '/admin/matching');
    const definition = page.locator('[data-testid="match-definition"][data-key="rentersFlats"]');
    const criteria = definition.getByTestId('match-criterion');
    await expect.poll(() => criteria.count()).toBe(2);
    expect(await criteria.nth(0).getByTestId('criterion-seeker').inputValue()).toBe('maxRent');
    expect(await criteria.nth(0).getByTestId('criterion-kind').inputValue()).toBe('AT_MOST');
    expect(await criteria.nth(0).getByTestId('criterion-candidate').inputValue()).toBe('rent');

    // A new criterion comparing numbers with a text field: refused, the reason at that criterion.
    await definition.getByTestId('criterion-add').click();
    const added = criteria.nth(2);
    await added.getByTestId('criterion-label').fill('Rooms');
    await added.getByTestId('criterion-seeker').selectOption('minRooms');
    await added.getByTestId('criterion-kind').selectOption('AT_LEAST');
    await added.getByTestId('criterion-candidate').selectOption('area');
    await added.getByTestId('criterion-weight').fill('20');
    await definition.getByTestId('match-definition-save').click();
    await expect.poll(() => added.locator('.field-error').textContent()).toContain('TEXT');
    expect(await criteria.nth(0).locator('.field-error').count()).toBe(0);
    await screenshot(page, 'admin-matching-error');

    // Fixed, and the area made required: Bob's only pair fails it and leaves his page.
    await added.getByTestId('criterion-candidate').selectOption('rooms');
    await criteria.nth(1).getByTestId('criterion-required').check();
    await definition.getByTestId('match-definition-save').click();
    await definition.getByTestId('match-definition-saved').waitFor();
    expect(await added.locator('.field-error').count()).toBe(0);
    await matches.getByTestId('no-matches').waitFor({ timeout: 60_000 });

    // Removing the area criterion brings him back, at the new weights: rent 60 + rooms 20 of 80.
    await criteria.nth(1).getByTestId('criterion-remove').click();
    await definition.getByTestId('match-definition-save').click();
    await expect
      .poll(() => matches.getByTestId('match-score').textContent(), { timeout: 60_000 })
      .toBe('100%');
    const { matchDefinitionsForAdmin } = await owner.client.data(
      `query { matchDefinitionsForAdmin { criteria { key required } } }`,
    );
    expect(matchDefinitionsForAdmin[0].criteria).toEqual([
      { key: 'rent', required: false },
      { key: 'rooms', required: false },
    ]);
  },
);
