import { afterAll, beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newUser, type SignedUpUser } from '../support/client.js';
import { signatureValid, WebhookReceiver } from '../support/webhook-receiver.js';

// The webhooks admin screen in real Chromium: a webhook created there shows its secret once,
// which verifies what a local receiver then gets; a bad URL shows the server's message beside
// its input; the delivery log shows the receiver's 503, redelivers once it is back, and replays;
// attempts are pushed to the open log.

const { server, openPage } = useBrowserSuite({
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_RETRY_BASE_MS: '60000',
});
let owner: SignedUpUser;
const receiver = new WebhookReceiver();

beforeAll(async () => {
  owner = await newUser(server, { name: 'Ada Admin', workspaceName: 'Marina' });
  await receiver.start();
});
afterAll(() => receiver.stop());

it('creates a webhook showing its secret once, logs deliveries and redelivers', async () => {
  const page = await openPage(owner, '/admin/webhooks');
  const form = page.getByTestId('webhook-form');
  await form.getByTestId('webhook-name').fill('Bad');
  await form.getByTestId('webhook-url').fill('ftp://example.com/hook');
  await form.getByTestId('webhook-create').click();
  await expect.poll(() => form.getByTestId('webhook-url-error').textContent()).toMatch(/http\(s\)/);

  await form.getByTestId('webhook-name').fill('Books');
  await form.getByTestId('webhook-url').fill(receiver.url);
  await form.getByTestId('webhook-object-company').check();
  await form.getByTestId('webhook-event-CREATE').check();
  await form.getByTestId('webhook-create').click();
  const row = page.locator('[data-testid="webhook"][data-name="Books"]');
  const secret = (await row.getByTestId('webhook-secret').locator('code').textContent())!;
  expect(secret).toMatch(/^whsec_/);

  receiver.status = 503;
  await owner.client.data(`mutation { createCompany(input: { name: "Acme" }) { id } }`);
  await expect.poll(() => receiver.calls.length, { timeout: 30_000 }).toBe(1);
  expect(signatureValid(secret, receiver.calls[0]!)).toBe(true);

  await row.getByTestId('webhook-deliveries-toggle').click();
  const delivery = row.getByTestId('webhook-delivery').first();
  await expect.poll(() => delivery.getAttribute('data-status'), { timeout: 30_000 }).toBe('RETRYING');
  await expect.poll(() => delivery.getByTestId('webhook-delivery-response').textContent()).toMatch(/503/);

  receiver.status = 200;
  await delivery.getByTestId('webhook-redeliver').click();
  await expect.poll(() => delivery.getAttribute('data-status'), { timeout: 30_000 }).toBe('DELIVERED');
  await expect.poll(() => receiver.accepted.length).toBe(1);
  expect(receiver.accepted[0]!.headers['x-crm-delivery']).toBe(receiver.calls[0]!.headers['x-crm-delivery']);

  // Replayed from the start: the change comes again as a new delivery.
  await row.getByTestId('webhook-replay-after').fill('0');
  await row.getByTestId('webhook-replay').getByRole('button', { name: 'Replay' }).click();
  await expect.poll(() => row.getByTestId('webhook-delivery').count(), { timeout: 30_000 }).toBe(2);
  await expect.poll(() => receiver.accepted.length, { timeout: 30_000 }).toBe(2);
  expect(receiver.accepted[1]!.json.changeId).toBe(receiver.accepted[0]!.json.changeId);
  expect(receiver.accepted[1]!.headers['x-crm-delivery']).not.toBe(
    receiver.accepted[0]!.headers['x-crm-delivery'],
  );

  // A new change's delivery shows in the open log as it is attempted: pushed, nothing polls.
  await owner.client.data(`mutation { createCompany(input: { name: "Bolt" }) { id } }`);
  await expect.poll(() => row.getByTestId('webhook-delivery').count(), { timeout: 30_000 }).toBe(3);
  await expect
    .poll(() => row.getByTestId('webhook-delivery').first().getAttribute('data-status'), { timeout: 30_000 })
    .toBe('DELIVERED');

  // Reloaded, the secret is gone for good; disabling sticks.
  await page.reload();
  const again = page.locator('[data-testid="webhook"][data-name="Books"]');
  await again.getByTestId('webhook-enabled').uncheck();
  await expect
    .poll(async () => (await owner.client.data(`{ webhooks { enabled } }`)).webhooks[0].enabled)
    .toBe(false);
  expect(await again.getByTestId('webhook-secret').count()).toBe(0);
});
