import { afterAll, beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { screenshot } from '../support/browser.js';
import { newUser, type SignedUpUser } from '../support/client.js';
import { startProvider, type TestProvider } from '../support/oidc-provider.js';

// Single sign-on in Chromium: an owner connects the workspace to a real OpenID provider
// (oidc-provider on a local port) on the members screen, then a new person of the allowed
// domain signs in through "Sign in with single sign-on" and the provider's page, and lands in
// the app as a member; a person of another domain comes back to the sign-in page with the reason.

const { server, openPage, newContext } = useBrowserSuite({
  SSO_SECRET_KEY: 'c3'.repeat(32),
  SSO_ALLOW_HTTP_ISSUER: 'true',
});
let provider: TestProvider;
let owner: SignedUpUser;

beforeAll(async () => {
  provider = await startProvider(`${server.url}/auth/oidc/callback`);
  owner = await newUser(server, { name: 'Olga Owner', workspaceName: 'Single Door Realty' });
});
afterAll(() => provider?.close());

it('connects a provider, then signs a new person in through it', async () => {
  const admin = await openPage(owner, '/admin/members');
  await admin.getByTestId('sso-settings').waitFor();
  await expect
    .poll(() => admin.getByTestId('sso-redirect-uri').textContent())
    .toBe(`${server.url}/auth/oidc/callback`);
  await admin.getByTestId('sso-issuer').fill(provider.issuer);
  await admin.getByTestId('sso-client-id').fill(provider.clientId);
  await admin.getByTestId('sso-client-secret').fill(provider.clientSecret);
  await admin.getByTestId('sso-domains').fill('door.test');
  await admin.getByTestId('sso-join-role').selectOption('MEMBER');
  await admin.getByTestId('sso-save').click();
  await admin.getByTestId('sso-remove').waitFor();
  // The secret is never shown again.
  await expect.poll(() => admin.getByTestId('sso-client-secret').inputValue()).toBe('');
  await screenshot(admin, 'sso-settings');
  await admin.context().close();

  const visitor = await newContext();
  const page = await visitor.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.getByTestId('sso-open').click();
  await page.getByTestId('sso-email').fill('nina@door.test');
  await page.getByTestId('sso-submit').click();
  // The provider's own page, with the e-mail passed along as a hint.
  await page.getByTestId('provider-continue').waitFor();
  expect(page.url().startsWith(provider.issuer)).toBe(true);
  expect(await page.getByTestId('provider-email').inputValue()).toBe('nina@door.test');
  await page.getByTestId('provider-continue').click();
  await expect
    .poll(() => page.getByTestId('user-name').textContent(), { timeout: 30_000 })
    .toMatch(/Person nina/);
  expect(new URL(page.url()).origin).toBe(server.url);

  // Another domain: back on the sign-in page, told why.
  const stranger = await visitor.browser()!.newContext();
  const refused = await stranger.newPage();
  await refused.goto(`${server.url}/auth/oidc/start?workspace=${owner.workspaceId}`);
  await refused.getByTestId('provider-email').fill('zed@elsewhere.test');
  await refused.getByTestId('provider-continue').click();
  await expect
    .poll(() => refused.getByTestId('sso-error').textContent(), { timeout: 30_000 })
    .toMatch(/may not join this workspace/);
  await screenshot(refused, 'sso-refused');
  await stranger.close();
  await visitor.close();
});
