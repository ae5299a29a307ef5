import { generate } from 'otplib';
import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { screenshot } from '../support/browser.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';

// Two-factor sign-in in Chromium: set-up with the QR code and recovery codes, the two-step
// sign-in, the session list, and a workspace that requires it sending a member to set it up.

const { server, openPage, newContext } = useBrowserSuite();
let owner: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Otto Factor', workspaceName: 'Two Step Realty' });
});

const codeFor = (secret: string, offsetSteps = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

it('sets two-factor up with a QR code, then signs in with the password and a code', async () => {
  const page = await openPage(owner, '/account');
  await page.getByTestId('account-security-link').click();
  await page.waitForURL('**/account/security');
  await page.getByTestId('two-factor-off').waitFor();
  await page.getByTestId('two-factor-start').click();
  const secret = (await page.getByTestId('two-factor-secret').textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  expect(await page.getByTestId('two-factor-setup').locator('img').getAttribute('src')).toMatch(
    /^data:image\/png;base64,/,
  );

  await page.getByTestId('two-factor-code').fill('000000');
  await page.getByTestId('two-factor-confirm').click();
  await expect
    .poll(() =>
      page.getByTestId('two-factor-confirm-form').locator('[role=alert], .field-error').allTextContents(),
    )
    .toEqual(expect.arrayContaining([expect.stringMatching(/wrong/)]));
  // The current step's code here and the next step's at sign-in (each code is good once, and the
  // server accepts one step either side): a step boundary passing mid-test cannot make either stale.
  await page.getByTestId('two-factor-code').fill(await codeFor(secret));
  await page.getByTestId('two-factor-confirm').click();
  await expect.poll(() => page.getByTestId('recovery-code').count()).toBe(10);
  await screenshot(page, 'two-factor-recovery-codes');
  await page.getByTestId('recovery-codes-done').click();
  await expect.poll(() => page.getByTestId('two-factor-on').textContent()).toMatch(/10 recovery codes left/);
  await expect.poll(() => page.locator('[data-testid="session-row"][data-current="true"]').count()).toBe(1);

  // A new browser: password first, then the code; no session until the code is right.
  const visitor = await newContext();
  const signIn = await visitor.newPage();
  await signIn.goto(`${server.url}/sign-in`);
  await signIn.getByTestId('sign-in-email').fill(owner.email);
  await signIn.getByTestId('sign-in-password').fill(owner.password);
  await signIn.getByTestId('sign-in-submit').click();
  await signIn.getByTestId('sign-in-code-form').waitFor();
  expect((await visitor.cookies()).filter((cookie) => cookie.name === 'crm_session')).toEqual([]);
  await signIn.getByTestId('sign-in-code').fill('123456');
  await signIn.getByTestId('sign-in-code-submit').click();
  await expect.poll(() => signIn.getByTestId('sign-in-code-error').textContent()).toMatch(/wrong/);
  await signIn.getByTestId('sign-in-code').fill(await codeFor(secret, 1));
  await signIn.getByTestId('sign-in-code-submit').click();
  await signIn.getByTestId('user-name').waitFor();
  expect(new URL(signIn.url()).pathname).toBe('/');

  // The first browser sees the second session and signs it out.
  await page.reload();
  await expect.poll(() => page.getByTestId('session-row').count()).toBe(2);
  await page.getByTestId('session-sign-out').click();
  await expect.poll(() => page.getByTestId('session-row').count()).toBe(1);
  await signIn.reload();
  await signIn.waitForURL('**/sign-in**');
  await visitor.close();
  await page.context().close();
});

it('sends a member of a workspace that requires two-factor to set it up', async () => {
  const member = await newMember(server, owner, 'MEMBER');
  const admin = await openPage(owner, '/admin/members');
  const toggle = admin.getByTestId('require-two-factor-toggle');
  await toggle.waitFor();
  await toggle.check();
  await expect.poll(() => toggle.isChecked()).toBe(true);
  await expect
    .poll(
      async () => (await owner.client.data(`{ workspace { requireTwoFactor } }`)).workspace.requireTwoFactor,
    )
    .toBe(true);

  const page = await openPage(member, '/');
  await page.waitForURL('**/account/security');
  await page.getByTestId('two-factor-required').waitFor();
  await page.getByTestId('two-factor-start').click();
  const secret = (await page.getByTestId('two-factor-secret').textContent())!.trim();
  await page.getByTestId('two-factor-code').fill(await codeFor(secret));
  await page.getByTestId('two-factor-confirm').click();
  await expect.poll(() => page.getByTestId('recovery-code').count()).toBe(10);
  await expect.poll(() => page.getByTestId('two-factor-required').count()).toBe(0);
  await page.goto(`${server.url}/`);
  await page.getByTestId('user-name').waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
  await admin.context().close();
  await page.context().close();
});
