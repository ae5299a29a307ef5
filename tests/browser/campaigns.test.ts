import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newUser, type SignedUpUser } from '../support/client.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';

// The campaigns screen in real Chromium against a real SMTP server: a campaign to a saved view
// is created from the form and its counts move to "sent" while the page is open, pushed by the
// server (the list is read once; nothing polls).

let smtp: SmtpCatcher;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(() => smtp.close());
const { server, openPage } = useBrowserSuite(() => ({ SMTP_URL: smtp.url, MAIL_FROM: 'news@example.test' }));
let owner: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Nora News', workspaceName: 'Letters' });
});

it('creates a campaign from a view and shows its counts move live to sent', async () => {
  const tag = randomBytes(4).toString('hex');
  const addresses = [1, 2, 3].map((i) => `reader-${i}-${tag}@example.test`);
  await owner.client.data(
    `mutation ($inputs: [PersonCreateInput!]!) { createPeople(inputs: $inputs) { id } }`,
    { inputs: addresses.map((email, i) => ({ name: `Reader ${i}`, email, jobTitle: `Reader ${tag}` })) },
  );
  const { createView } = await owner.client.data<{ createView: { id: string } }>(
    `mutation ($input: CreateViewInput!) { createView(input: $input) { id } }`,
    {
      input: {
        object: 'person',
        name: 'Readers',
        type: 'TABLE',
        shared: true,
        filter: { jobTitle: { eq: `Reader ${tag}` } },
      },
    },
  );
  const page = await openPage(owner, '/admin/campaigns');
  await expect.poll(() => page.getByTestId('campaigns-empty').count(), { timeout: 30_000 }).toBe(1);
  const form = page.getByTestId('campaign-form');
  await form.getByTestId('campaign-name').fill('Spring letter');
  await expect
    .poll(() => form.locator(`[data-testid="campaign-view"] option[value="${createView.id}"]`).count())
    .toBe(1);
  await form.getByTestId('campaign-view').selectOption(createView.id);
  await form.getByTestId('campaign-subject').fill(`Spring ${tag}`);
  await form.getByTestId('campaign-text').fill('Hello from the newsletter.');
  // One a second: the counts move while the page watches.
  await form.getByTestId('campaign-throttle').fill('1');
  await form.getByLabel('per', { exact: true }).selectOption('SECOND');
  await form.getByTestId('campaign-create').click();

  const row = page.locator('[data-testid="campaign"][data-name="Spring letter"]');
  await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
  await expect
    .poll(() => row.getByTestId('campaign-counts').textContent(), { timeout: 60_000 })
    .toMatch(/^\s*3\/3 sent · 0 queued/);
  await expect.poll(() => row.getByTestId('campaign-status').textContent()).toMatch(/done/);
  for (const address of addresses) await smtp.waitFor(address);
});
