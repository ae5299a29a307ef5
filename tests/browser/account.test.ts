import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { screenshot } from '../support/browser.js';
import { newUser, type SignedUpUser } from '../support/client.js';

// The user menu's account page: API tokens made, used by a script and revoked, in Chromium.

const { server, openPage } = useBrowserSuite();
let owner: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Tina Tokens', workspaceName: 'Token Realty' });
});

/** What a script would send with the token. */
async function withToken(token: string, query: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: Record<string, unknown>;
      errors?: { extensions?: { code?: string } }[];
    },
  };
}

it('makes an API token shown once, capped by its role, and revokes it', async () => {
  const page = await openPage(owner, '/');
  await page.getByTestId('user-name').click();
  await page.waitForURL('**/account');
  expect(await page.getByTestId('account-identity').textContent()).toContain(owner.email);
  await page.getByTestId('tokens-empty').waitFor();
  expect(await page.getByTestId('token-role').locator('option').allTextContents()).toEqual([
    'Owner',
    'Admin',
    'Member',
    'Viewer',
  ]);

  // A bad expiry is refused beside its input.
  await page.getByTestId('token-name').fill('Website leads');
  await page.getByTestId('token-role').selectOption('VIEWER');
  await page.getByTestId('token-days').fill('5000');
  await page.getByTestId('token-create').click();
  await expect
    .poll(() => page.getByTestId('token-form').locator('[role=alert]').textContent())
    .toMatch(/3650/);
  expect(await page.getByTestId('token-row').count()).toBe(0);

  await page.getByTestId('token-days').fill('30');
  await page.getByTestId('token-create').click();
  const token = (await page.getByTestId('token-value').textContent())!.trim();
  expect(token).toMatch(/^crm_t_/);
  const row = page.locator('[data-testid="token-row"][data-name="Website leads"]');
  await expect.poll(() => row.textContent()).toMatch(/Viewer · never used, until/);
  await screenshot(page, 'account-tokens');

  // The script reads with it, and cannot write: the token is a viewer.
  const read = await withToken(token, '{ companies { totalCount } }');
  expect(read.body.data).toEqual({ companies: { totalCount: 0 } });
  const write = await withToken(token, 'mutation { createCompany(input: { name: "Nope" }) { id } }');
  expect(write.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  await page.reload();
  await expect.poll(() => row.textContent()).toMatch(/last used/);

  await row.getByTestId('token-revoke').click();
  await expect.poll(() => row.textContent()).toMatch(/revoked/);
  expect(await row.getByTestId('token-revoke').count()).toBe(0);
  const refused = await withToken(token, '{ companies { totalCount } }');
  expect(refused.status).toBe(401);
  expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  await page.context().close();
});
