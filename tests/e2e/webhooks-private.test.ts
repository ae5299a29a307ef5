import { describe, expect, it } from 'vitest';
import { newUser } from '../support/client.js';
import { errorOf, expectBadInput } from '../support/records.js';
import { useServer } from '../support/server.js';

// The SSRF guard with the server's default (WEBHOOK_ALLOW_PRIVATE unset): a webhook may not
// target loopback, private, link-local or unique-local addresses (docs/security.md).

const server = useServer();

const createWebhook = /* GraphQL */ `
  mutation ($input: WebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        id
        url
      }
    }
  }
`;

describe('webhook targets without WEBHOOK_ALLOW_PRIVATE', () => {
  it('refuses loopback, private, link-local and unique-local addresses, naming input.url', async () => {
    const admin = await newUser(server);
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://10.0.0.7/hook',
      'http://192.168.1.20/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      'http://[fd12::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://0.0.0.0/hook',
    ]) {
      const response = await admin.client.request(createWebhook, { input: { name: 'Inside', url } });
      expectBadInput(response, ['input', 'url']);
      expect(errorOf(response).message, url).toMatch(/loopback, private or link-local/);
    }
    const { webhooks } = await admin.client.data(`{ webhooks { id } }`);
    expect(webhooks).toEqual([]);
  });

  it('takes a public address, and refuses to move one to a private address', async () => {
    const admin = await newUser(server);
    const { createWebhook: created } = await admin.client.data(createWebhook, {
      input: { name: 'Outside', url: 'https://93.184.216.34/hook' },
    });
    expect(created.webhook.url).toBe('https://93.184.216.34/hook');
    const moved = await admin.client.request(
      `mutation ($id: ID!, $input: WebhookInput!) { updateWebhook(id: $id, input: $input) { id } }`,
      { id: created.webhook.id, input: { name: 'Outside', url: 'http://127.0.0.1/hook' } },
    );
    expectBadInput(moved, ['input', 'url']);
  });
});
