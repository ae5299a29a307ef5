import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import { useServer } from '../support/server.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { eventually } from '../support/ws.js';

// The end of the retry window (24 h in production, 1.5 s here): a delivery the receiver keeps
// refusing ends FAILED with its last answer, and a manual redelivery starts a new window.

const server = useServer({
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_RETRY_BASE_MS: '100',
  WEBHOOK_RETRY_MAX_MS: '400',
  WEBHOOK_RETRY_WINDOW_MS: '1500',
});

const deliveriesQuery = /* GraphQL */ `
  query ($webhookId: ID!) {
    webhookDeliveries(webhookId: $webhookId) {
      nodes {
        id
        status
        attempts
        responseStatus
        responseBody
        error
        nextAttemptAt
        deliveredAt
      }
    }
  }
`;

describe('a delivery refused for longer than the retry window', () => {
  let admin: SignedUpUser;
  const receiver = new WebhookReceiver();
  beforeAll(async () => {
    admin = await newUser(server);
    await receiver.start();
  });
  afterAll(() => receiver.stop());

  it('ends FAILED with the last answer, and a redelivery starts again', async () => {
    receiver.status = 500;
    const { createWebhook } = await admin.client.data(
      `mutation ($url: String!) { createWebhook(input: { name: "ERP", url: $url }) { webhook { id } } }`,
      { url: receiver.url },
    );
    const webhookId = createWebhook.webhook.id as string;
    await admin.client.data(`mutation { createCompany(input: { name: "Acme" }) { id } }`);
    const delivery = async () =>
      (await admin.client.data(deliveriesQuery, { webhookId })).webhookDeliveries.nodes[0];
    await eventually(async () => (await delivery())?.status === 'FAILED', 60_000);
    const failed = await delivery();
    expect(failed.attempts).toBeGreaterThanOrEqual(2);
    expect(failed).toMatchObject({ responseStatus: 500, nextAttemptAt: null, deliveredAt: null });
    expect(failed.responseBody).toBe('down for maintenance (500)');
    expect(receiver.calls).toHaveLength(failed.attempts);

    receiver.status = 200;
    await admin.client.data(`mutation ($id: ID!) { redeliverWebhookDelivery(id: $id) { id } }`, {
      id: failed.id,
    });
    await eventually(async () => (await delivery()).status === 'DELIVERED');
    const delivered = await delivery();
    expect(delivered.attempts).toBe(failed.attempts + 1);
    expect(delivered.responseStatus).toBe(200);
    expect(receiver.accepted).toHaveLength(1);
  });
});
