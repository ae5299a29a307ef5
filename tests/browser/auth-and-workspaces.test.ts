import { expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { screenshot } from '../support/browser.js';
import { uniqueEmail } from '../support/client.js';

// The client skeleton in real Chromium: sign up, switch workspaces, sign out, sign in.

const { server, newContext } = useBrowserSuite();

it('signs up, creates and switches workspaces, signs out and back in', async () => {
  const page = await (await newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const email = uniqueEmail('browser');
  await page.goto(server.url);
  await page.waitForURL(/sign-in/);
  await page.getByTestId('sign-up-link').click();
  await page.getByTestId('sign-up-name').fill('Brenda Browser');
  await page.getByTestId('sign-up-email').fill(email);
  await page.getByTestId('sign-up-password').fill('a long enough password');
  await page.getByTestId('sign-up-workspace-name').fill('Harbour Boats');
  await screenshot(page, 'sign-up');
  await page.getByTestId('sign-up-submit').click();
  await expect.poll(() => page.getByTestId('current-workspace-name').textContent()).toBe('Harbour Boats');
  await expect.poll(() => page.getByTestId('member-row').count()).toBe(1);
  await screenshot(page, 'home');

  await page.getByTestId('workspace-switcher').selectOption('__new__');
  await page.getByTestId('new-workspace-name').fill('Seaside Realty');
  await page.getByTestId('new-workspace-submit').click();
  await expect.poll(() => page.getByTestId('current-workspace-name').textContent()).toBe('Seaside Realty');

  const harbour = await page
    .getByTestId('workspace-switcher')
    .locator('option', { hasText: 'Harbour Boats' })
    .getAttribute('value');
  await page.getByTestId('workspace-switcher').selectOption(harbour!);
  await expect.poll(() => page.getByTestId('current-workspace-name').textContent()).toBe('Harbour Boats');

  await page.getByTestId('sign-out').click();
  await page.waitForURL(/sign-in/);
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill('the wrong password');
  await page.getByTestId('sign-in-submit').click();
  await expect
    .poll(() => page.getByTestId('sign-in-error').textContent())
    .toContain('Wrong e-mail or password');
  await screenshot(page, 'sign-in-error');

  await page.getByTestId('sign-in-password').fill('a long enough password');
  await page.getByTestId('sign-in-submit').click();
  await expect.poll(() => page.getByTestId('current-workspace-name').textContent()).toBe('Harbour Boats');
});

it('works on a phone-sized screen', async () => {
  const page = await (await newContext({ viewport: { width: 375, height: 720 }, isMobile: true })).newPage();
  await page.goto(`${server.url}/sign-up`);
  await page.getByTestId('sign-up-name').fill('Phil Phone');
  await page.getByTestId('sign-up-email').fill(uniqueEmail('phone'));
  await page.getByTestId('sign-up-password').fill('a long enough password');
  await page.getByTestId('sign-up-submit').click();
  await expect.poll(() => page.getByTestId('current-workspace-name').textContent()).toContain('Phil Phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'home-phone');
});
