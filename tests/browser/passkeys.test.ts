import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { screenshot } from '../support/browser.js';
import { newUser } from '../support/client.js';

// Passkeys in Chromium with its virtual authenticator (CDP WebAuthn domain: a platform
// authenticator holding discoverable credentials and verifying the user): add one on the
// security page, sign out, sign in with it (no e-mail), see its last use, remove it, and see
// the server refuse it although the device still offers it.

const { server, newContext } = useBrowserSuite();

/** The server as http://localhost:<port>: WebAuthn needs a domain (an IP address is no RP id). */
const appUrl = () => server.url.replace('127.0.0.1', 'localhost');

async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
}

/** Signs out from the app's top bar (the security page is outside the shell). */
async function signOut(page: Page): Promise<void> {
  await page.goto(`${appUrl()}/`);
  await page.getByTestId('sign-out').click();
  await page.waitForURL('**/sign-in**');
}

it('adds a passkey, signs in with it, shows its last use; once removed it is refused', async () => {
  const user = await newUser(server, { name: 'Pia Key', workspaceName: 'Passkey Realty' });
  const context = await newContext();
  const page = await context.newPage();
  await addVirtualAuthenticator(page);

  await page.goto(`${appUrl()}/sign-in`);
  await page.getByTestId('sign-in-email').fill(user.email);
  await page.getByTestId('sign-in-password').fill(user.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('user-name').waitFor();

  await page.goto(`${appUrl()}/account/security`);
  await page.getByTestId('passkeys-empty').waitFor();
  await page.getByTestId('passkey-add-name').fill('Work laptop');
  await page.getByTestId('passkey-add').click();
  await expect.poll(() => page.getByTestId('passkey-name').allTextContents()).toEqual(['Work laptop']);
  expect(await page.getByTestId('passkey-last-used').textContent()).toBe('never');

  await page.getByTestId('passkey-rename').click();
  await page.getByTestId('passkey-rename-name').fill('Laptop');
  await page.getByTestId('passkey-rename-save').click();
  await expect.poll(() => page.getByTestId('passkey-name').allTextContents()).toEqual(['Laptop']);

  // Signed out, the passkey alone signs back in: no e-mail, no password.
  await signOut(page);
  expect((await context.cookies()).filter((cookie) => cookie.name === 'crm_session')).toEqual([]);
  await page.getByTestId('passkey-sign-in-button').click();
  await page.getByTestId('user-name').waitFor();
  expect(await page.getByTestId('user-name').textContent()).toContain('Pia Key');

  await page.goto(`${appUrl()}/account/security`);
  await expect
    .poll(() => page.getByTestId('passkey-last-used').textContent(), { timeout: 20_000 })
    .not.toBe('never');
  await screenshot(page, 'passkeys-security-page');

  await page.getByTestId('passkey-remove').click();
  await page.getByTestId('passkeys-empty').waitFor();
  await signOut(page);
  // The authenticator still holds the credential and answers; the server no longer knows it.
  await page.getByTestId('passkey-sign-in-button').click();
  await expect
    .poll(() => page.getByTestId('passkey-sign-in-error').textContent(), { timeout: 20_000 })
    .toMatch(/not registered/);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await context.close();
});
