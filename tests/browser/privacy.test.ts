import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newUser, type SignedUpUser } from '../support/client.js';

// The record page's Privacy menu in real Chromium (admins): "Export personal data" downloads the
// person's ZIP; "Erase personal data" asks for the typed word before anonymising the record.

const { server, openPage } = useBrowserSuite();
let owner: SignedUpUser;
let personId: string;

beforeAll(async () => {
  owner = await newUser(server);
  const { createPerson } = await owner.client.data<{ createPerson: { id: string } }>(
    `mutation { createPerson(input: { name: "Rosalind Vexley", email: "rosalind@example.test" }) { id } }`,
  );
  personId = createPerson.id;
});

it('exports the person as a ZIP and erases them after the typed confirmation', async () => {
  const page = await openPage(owner, `/objects/person/${personId}`);
  await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('Rosalind Vexley');
  await page.getByTestId('privacy-menu').locator('summary').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('privacy-export').click(),
  ]);
  expect(download.suggestedFilename()).toBe(`personal-data-person-${personId}.zip`);
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  expect(JSON.parse(strFromU8(files['record.json']!)).record).toMatchObject({
    email: 'rosalind@example.test',
  });

  await page.getByTestId('privacy-erase').click();
  const submit = page.getByTestId('privacy-erase-submit');
  expect(await submit.isDisabled()).toBe(true);
  await page.getByTestId('privacy-erase-confirm').fill('ERASE');
  await submit.click();
  await expect.poll(() => page.getByTestId('privacy-erased').isVisible(), { timeout: 20_000 }).toBe(true);
  // The change event brings the anonymised name to the open page.
  await expect
    .poll(() => page.getByTestId('record-title').textContent(), { timeout: 20_000 })
    .toMatch(/^Erased Person /);
});
