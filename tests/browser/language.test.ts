import { expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { screenshot } from '../support/browser.js';
import { newUser, TestClient, uniqueEmail } from '../support/client.js';

// The interface language (docs/i18n.md) in Chromium: chosen on the account page and stored on
// the server, or taken from the browser before sign-in and adopted by the account made there.

const { server, openPage, newContext } = useBrowserSuite();

const signIn = `mutation ($input: SignInInput!) { signIn(input: $input) { user { id } } }`;

it('shows the app in German once Deutsch is picked on the account page, on the server and after a reload', async () => {
  const user = await newUser(server, { name: 'Dora Deutsch', workspaceName: 'Makler Berlin' });
  const page = await openPage(user, '/account');
  const section = page.getByTestId('language-section');
  const sideNavHeading = page.getByTestId('sidebar').locator('.nav-heading').first();
  await expect.poll(() => section.locator('h2').textContent()).toBe('Language');
  expect(await sideNavHeading.textContent()).toBe('Objects');

  await page.getByTestId('language-picker').selectOption('de');
  await expect.poll(() => section.locator('h2').textContent()).toBe('Sprache');
  await expect.poll(() => sideNavHeading.textContent()).toBe('Objekte');
  expect(await page.locator('h1').textContent()).toBe('Ihr Konto');
  expect(await page.getByTestId('token-role').locator('option').allTextContents()).toContain('Inhaber');
  await expect.poll(async () => (await user.client.data(`{ me { language } }`)).me.language).toBe('de');
  await screenshot(page, 'account-german');

  await page.reload();
  await expect.poll(() => section.locator('h2').textContent()).toBe('Sprache');
  expect(await sideNavHeading.textContent()).toBe('Objekte');
  expect(await page.getByTestId('language-picker').inputValue()).toBe('de');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
  // Every message the page asked for exists in German (client/src/i18n/i18n.ts records the rest).
  const missing = await page.evaluate(() =>
    [...(window as unknown as { __missingMessages: Set<string> }).__missingMessages].filter((key) =>
      key.startsWith('de:'),
    ),
  );
  expect(missing).toEqual([]);
});

it('shows the sign-in page in the browser’s Italian, and the account signed up there keeps Italian', async () => {
  const context = await newContext({ locale: 'it-IT', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForURL(/sign-in/);
  const heading = page.locator('h1');
  await expect.poll(() => heading.textContent()).toBe('Accedi');
  expect(await page.getByTestId('language-picker').inputValue()).toBe('it');
  await screenshot(page, 'sign-in-italian');

  // Before signing in, the picker switches this browser only.
  await page.getByTestId('language-picker').selectOption('de');
  await expect.poll(() => heading.textContent()).toBe('Anmelden');
  await page.getByTestId('language-picker').selectOption('it');
  await expect.poll(() => heading.textContent()).toBe('Accedi');

  await page.getByTestId('sign-up-link').click();
  await expect.poll(() => heading.textContent()).toBe('Crea un account');
  const email = uniqueEmail('italia');
  await page.getByTestId('sign-up-name').fill('Giulia Rossi');
  await page.getByTestId('sign-up-email').fill(email);
  await page.getByTestId('sign-up-password').fill('a long enough password');
  await page.getByTestId('sign-up-workspace-name').fill('Immobiliare Roma');
  await page.getByTestId('sign-up-submit').click();
  await expect.poll(() => page.getByTestId('current-workspace-name').textContent()).toBe('Immobiliare Roma');
  expect(await heading.textContent()).toBe('La mia giornata');

  const client = new TestClient(server);
  await client.data(signIn, { input: { email, password: 'a long enough password' } });
  await expect.poll(async () => (await client.data(`{ me { language } }`)).me.language).toBe('it');
});
