import { afterAll, beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { screenshot } from '../support/browser.js';
import { newUser, uniqueEmail } from '../support/client.js';
import { linkIn, startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';

// Account mail in Chromium, with the links read from what a real SMTP server received: an
// invitation that signs up in one step, and a forgotten password reset, which ends the old session.

let smtp: SmtpCatcher;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(() => smtp.close());
const { server, newContext, openPage } = useBrowserSuite(() => ({ SMTP_URL: smtp.url }));

it('joins a workspace from the invitation mail in one step', async () => {
  const owner = await newUser(server, { name: 'Owen Owner', workspaceName: 'Tidewater' });
  const email = uniqueEmail('invited');
  await owner.client.data(`mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`, {
    input: { email, role: 'MEMBER' },
  });
  const mail = await smtp.waitFor(email);
  const page = await (await newContext()).newPage();
  await page.goto(linkIn(mail, `${server.url}/sign-up?`));
  await expect.poll(() => page.getByTestId('sign-up-email').inputValue()).toBe(email);
  expect(await page.getByTestId('sign-up-workspace-name').count()).toBe(0);
  await page.getByTestId('sign-up-name').fill('Ivy Invited');
  await page.getByTestId('sign-up-password').fill('a long enough password');
  await screenshot(page, 'sign-up-invited');
  await page.getByTestId('sign-up-submit').click();
  await expect.poll(() => page.getByTestId('current-workspace-name').textContent()).toBe('Tidewater');
});

it('resets a forgotten password from the mailed link and ends the old session', async () => {
  const user = await newUser(server, { name: 'Rita Reset' });
  const oldSession = await openPage(user, '/account');
  await expect.poll(() => oldSession.getByTestId('account-identity').textContent()).toContain(user.email);

  const page = await (await newContext()).newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.getByTestId('forgot-password-link').click();
  await page.getByTestId('forgot-password-email').fill(user.email);
  await page.getByTestId('forgot-password-submit').click();
  await expect.poll(() => page.getByTestId('forgot-password-sent').textContent()).toContain(user.email);

  const mail = await smtp.waitFor(user.email, (m) => m.parsed.subject === 'Reset your password');
  await page.goto(linkIn(mail, `${server.url}/reset-password?`));
  await page.getByTestId('reset-password-password').fill('harbour lights at midnight');
  await page.getByTestId('reset-password-submit').click();
  await expect.poll(() => page.getByTestId('reset-password-done').isVisible()).toBe(true);
  await screenshot(page, 'reset-password-done');

  // The session opened before the reset is over: the next navigation asks to sign in.
  await oldSession.reload();
  await oldSession.waitForURL(/sign-in/);

  await page.getByTestId('reset-password-sign-in').click();
  await page.getByTestId('sign-in-email').fill(user.email);
  await page.getByTestId('sign-in-password').fill('harbour lights at midnight');
  await page.getByTestId('sign-in-submit').click();
  await expect.poll(() => page.getByTestId('current-workspace-name').textContent()).toContain('Rita Reset');
});
