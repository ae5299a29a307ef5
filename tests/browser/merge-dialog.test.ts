import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newUser, type SignedUpUser } from '../support/client.js';

// The duplicates screen in real Chromium: two people with one e-mail form a group; the merge
// dialog keeps the chosen job title on the survivor, and its undo brings the other back.

const { server, openPage } = useBrowserSuite();
let owner: SignedUpUser;
const ids: string[] = [];

async function person(name: string, email: string, jobTitle: string): Promise<string> {
  const { createPerson } = await owner.client.data<{ createPerson: { id: string } }>(
    `mutation ($input: PersonCreateInput!) { createPerson(input: $input) { id } }`,
    { input: { name, email, jobTitle } },
  );
  return createPerson.id;
}

const readPerson = async (id: string) =>
  (
    await owner.client.data<{ person: { jobTitle: string } | null }>(
      `query ($id: ID!) { person(id: $id) { jobTitle } }`,
      { id },
    )
  ).person;

beforeAll(async () => {
  owner = await newUser(server);
  ids.push(await person('Ann Lee', 'ann@example.com', 'Buyer'));
  ids.push(await person('Anne Lee', 'ANN@example.com ', 'Investor'));
});

it('merges a group choosing a value per field, then undoes it', async () => {
  const page = await openPage(owner, '/duplicates/person');
  await page.getByTestId('merge-group-0').click();
  const dialog = page.getByTestId('merge-dialog');
  // The survivor is the group's first record; take the other's job title.
  const survivor = (await dialog
    .locator('[data-testid^="merge-survivor-"]:checked')
    .getAttribute('data-testid'))!;
  const survivorId = survivor.replace('merge-survivor-', '');
  const otherId = ids.find((id) => id !== survivorId)!;
  await dialog.getByTestId(`merge-value-jobTitle-${otherId}`).check();
  await dialog.getByTestId('merge-submit').click();
  await expect.poll(() => dialog.getByTestId('merge-done').isVisible(), { timeout: 20_000 }).toBe(true);
  expect((await readPerson(survivorId))?.jobTitle).toBe(otherId === ids[0] ? 'Buyer' : 'Investor');
  expect(await readPerson(otherId)).toBeNull();

  await dialog.getByTestId('merge-undo').click();
  await expect.poll(async () => (await readPerson(otherId))?.jobTitle, { timeout: 20_000 }).toBeTruthy();
  expect((await readPerson(survivorId))?.jobTitle).toBe(otherId === ids[0] ? 'Investor' : 'Buyer');
});
