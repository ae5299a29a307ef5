import { afterAll, expect, it } from 'vitest';
import { newUser, TestClient } from '../support/client.js';
import { newDatabase } from '../support/database.js';
import { newServer, type TestServer } from '../support/server.js';
import { signatureValid, WebhookReceiver } from '../support/webhook-receiver.js';
import { eventually } from '../support/ws.js';

// Durable delivery: a change committed by a process that runs no jobs (WORKER=off) reaches the
// receiver once another process starts on the same database, exactly once.

const env = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_BASE_MS: '200', WEBHOOK_RETRY_MAX_MS: '400' };
const receiver = new WebhookReceiver();
const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
  await receiver.stop();
});

it('delivers the changes of a process that stopped before sending them, once', async () => {
  await receiver.start();
  const databaseUrl = await newDatabase();
  const first = await newServer({ ...env, DATABASE_URL: databaseUrl, WORKER: 'off' });
  servers.push(first);
  const admin = await newUser(first);
  const { createWebhook } = await admin.client.data(
    `mutation ($url: String!) { createWebhook(input: { name: "ERP", url: $url }) { secret webhook { id } } }`,
    { url: receiver.url },
  );
  await admin.client.data(`mutation { createCompany(input: { name: "Acme" }) { id } }`);
  await admin.client.data(`mutation { createCompany(input: { name: "Globex" }) { id } }`);
  await first.close();
  expect(receiver.calls).toHaveLength(0);

  const second = await newServer({ ...env, DATABASE_URL: databaseUrl });
  servers.push(second);
  const client = new TestClient(second);
  Object.assign(client, { cookie: admin.client.cookie, workspaceId: admin.workspaceId });
  await eventually(() => receiver.accepted.length === 2, 60_000);
  expect(receiver.accepted.map((c) => c.json.values.name).sort()).toEqual(['Acme', 'Globex']);
  expect(receiver.accepted.every((c) => signatureValid(createWebhook.secret, c))).toBe(true);
  await eventually(async () => {
    const { webhookDeliveries } = await client.data(
      `query ($id: ID!) { webhookDeliveries(webhookId: $id) { nodes { status } } }`,
      { id: createWebhook.webhook.id },
    );
    return (
      webhookDeliveries.nodes.length === 2 &&
      webhookDeliveries.nodes.every((d: { status: string }) => d.status === 'DELIVERED')
    );
  });
  expect(receiver.calls).toHaveLength(2);
});
