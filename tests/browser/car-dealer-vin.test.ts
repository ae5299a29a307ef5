import { expect, it } from 'vitest';
import { desktop, useBrowserSuite } from '../support/browser-suite.js';
import { TestClient, uniqueEmail } from '../support/client.js';

// Issue 22 in real Chromium: the car dealer's new-vehicle form decodes the VIN as it is
// typed (the server's decodeVin), filling make and year, and shows why an invalid one is refused.

const { server, newContext } = useBrowserSuite();
const email = uniqueEmail('vin');
const password = 'a long enough password';

/** The server's view of the workspace, as the signed-up user. */
async function apiClient(): Promise<TestClient> {
  const client = new TestClient(server);
  await client.data(`mutation ($input: SignInInput!) { signIn(input: $input) { user { id } } }`, {
    input: { email, password },
  });
  return client;
}

it('fills make and year as a VIN is typed in the vehicle form, and shows why an invalid one is refused', async () => {
  const context = await newContext({ viewport: desktop });
  const page = await context.newPage();
  await page.goto(`${server.url}/sign-up`);
  await page.getByTestId('sign-up-name').fill('Vic Vin');
  await page.getByTestId('sign-up-email').fill(email);
  await page.getByTestId('sign-up-password').fill(password);
  await page.getByTestId('sign-up-workspace-name').fill('VIN Motors');
  await page.getByTestId('sign-up-submit').click();
  await expect.poll(() => page.getByTestId('current-workspace-name').textContent()).toBe('VIN Motors');
  const api = await apiClient();
  await api.data(`mutation { installTemplate(key: "car-dealer") { toVersion } }`);

  await page.goto(`${server.url}/objects/vehicle`);
  await page.getByTestId('new-record').click();
  await page.getByTestId('new-input-name').fill('Trade-in stock');
  const vin = page.getByTestId('new-input-vin');
  const reason = page.getByTestId('new-vin-reason-vin');
  const make = page.getByTestId('new-input-make');
  const year = page.getByTestId('new-input-year');

  // A typo in the check digit: the reason, with the digit expected, and nothing filled.
  await vin.fill('1HGCM82643A004352');
  await expect
    .poll(() => reason.textContent(), { timeout: 30_000 })
    .toContain('check digit mismatch: position 9 is "4" but the other characters give "3".');
  expect(await make.inputValue()).toBe('');
  // A letter VINs never use is named at once, before the VIN is complete.
  await vin.fill('1HGCO');
  await expect.poll(() => reason.textContent(), { timeout: 30_000 }).toContain('position 5 holds "O"');

  await vin.fill('1HGCM82633A004352');
  await expect.poll(() => make.inputValue(), { timeout: 30_000 }).toBe('Honda');
  await expect.poll(() => year.inputValue(), { timeout: 30_000 }).toBe('2003');
  await expect.poll(() => reason.count()).toBe(0);

  await page.getByTestId('new-record-submit').click();
  await page.getByTestId('new-record-form').waitFor({ state: 'detached' });
  const { vehicles } = await api.data<{ vehicles: { nodes: unknown[] } }>(
    `{ vehicles { nodes { name vin make year } } }`,
  );
  expect(vehicles.nodes).toEqual([
    { name: 'Trade-in stock', vin: '1HGCM82633A004352', make: 'Honda', year: 2003 },
  ]);
}, 240_000);
