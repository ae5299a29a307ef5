import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { phonePhoto } from '../support/files.js';
import { addFields } from '../support/records.js';

// Photos on a record in real Chromium: two uploaded with the file picker, reordered, a
// cover set, a second member's page following live, and the board card showing the cover.

const { server, openPage } = useBrowserSuite({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crm-files-')) });
let owner: SignedUpUser;
let member: SignedUpUser;
let dealId: string;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Olga Owner' });
  member = await newMember(server, owner, 'MEMBER');
  await addFields(owner.client, 'deal', [{ key: 'photos', label: 'Photos', type: 'IMAGE' }]);
  await owner.client.data(`mutation {
    createPipeline(input: { object: "deal", pipeline: { key: "homes", label: "Homes", stages: [
      { key: "listed", label: "Listed", probability: 20 }, { key: "sold", label: "Sold", kind: WON }
    ] } }) { key }
  }`);
  const { createDeal } = await owner.client.data(
    `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`,
    { input: { name: 'Villa', stage: 'listed' } },
  );
  dealId = createDeal.id;
});

const tileNames = (page: Page) =>
  page.getByTestId('file-tile').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-name')));

it('uploads two photos, reorders them, sets the cover, live for a second member and on the board', async () => {
  const [ownerPage, memberPage] = await Promise.all([
    openPage(owner, `/objects/deal/${dealId}`),
    openPage(member, `/objects/deal/${dealId}`),
  ]);
  await ownerPage.getByTestId('files-photos').waitFor();
  await memberPage.getByTestId('files-photos').waitFor();
  await ownerPage.getByTestId('files-input-photos').setInputFiles([
    { name: 'garden.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto(600, 400, '#16a34a') },
    { name: 'kitchen.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto(600, 400, '#dc2626') },
  ]);
  await expect.poll(() => tileNames(ownerPage)).toEqual(['garden.jpg', 'kitchen.jpg']);
  await expect.poll(() => tileNames(memberPage)).toEqual(['garden.jpg', 'kitchen.jpg']);

  // Reorder: the garden one moves later; then the garden one becomes the cover again.
  await ownerPage.getByTestId('file-tile').first().getByTestId('file-move-later').click();
  await expect.poll(() => tileNames(memberPage)).toEqual(['kitchen.jpg', 'garden.jpg']);
  await ownerPage
    .locator('[data-testid="file-tile"][data-name="garden.jpg"]')
    .getByTestId('file-set-cover')
    .click();
  await expect.poll(() => tileNames(memberPage)).toEqual(['garden.jpg', 'kitchen.jpg']);
  const cover = memberPage.getByTestId('file-tile').first();
  await cover.getByTestId('file-cover').waitFor();

  // The lightbox shows the web version.
  await memberPage.getByRole('button', { name: 'View garden.jpg' }).click();
  await memberPage.getByTestId('lightbox').waitFor();
  await screenshot(memberPage, 'files-lightbox');
  await memberPage.keyboard.press('Escape');
  await expect.poll(() => memberPage.getByTestId('lightbox').count()).toBe(0);

  const coverId = await cover.getAttribute('data-file-id');
  await ownerPage.goto(`${server.url}/board/deal?pipeline=homes`);
  const card = ownerPage.locator('[data-testid="board-card"][data-title="Villa"]');
  await expect
    .poll(() => card.getByTestId('card-cover').getAttribute('src'))
    .toContain(`/files/${coverId}/thumb`);
  await expect
    .poll(() => card.getByTestId('card-cover').evaluate((img) => (img as HTMLImageElement).naturalWidth))
    .toBeGreaterThan(0);
  await screenshot(ownerPage, 'files-board-cover');
  await ownerPage.context().close();
  await memberPage.context().close();
});
