import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRule, finishedRuns } from '../support/automation.js';
import { newMember, newUser, type SignedUpUser, type TestClient } from '../support/client.js';
import { expectBadInput, expectCode } from '../support/records.js';
import { useServer } from '../support/server.js';
import { signatureValid, WebhookReceiver, type ReceivedCall } from '../support/webhook-receiver.js';
import { collect, eventually, subscriptionError, newSocketClient } from '../support/ws.js';

// Outgoing webhooks over GraphQL, delivered to a real local HTTP receiver: signatures,
// each event once, retries while the receiver is down, replay, filters, redelivery, rotation.
// Private targets are allowed here (the receiver is on 127.0.0.1); webhooks-private.test.ts
// runs a server without that setting. Retries are shortened to fractions of a second.

const server = useServer({
  WEBHOOK_ALLOW_PRIVATE: 'true',
  WEBHOOK_RETRY_BASE_MS: '200',
  WEBHOOK_RETRY_MAX_MS: '800',
  WEBHOOK_TIMEOUT_MS: '5000',
});

const webhookFields = 'id name url objectKeys events enabled createdAt lastChangeId';
const createWebhook = /* GraphQL */ `
  mutation ($input: WebhookInput!) {
    createWebhook(input: $input) { secret webhook { ${webhookFields} } }
  }
`;
const deliveriesQuery = /* GraphQL */ `
  query ($webhookId: ID!, $first: Int, $after: String) {
    webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {
      nodes {
        id
        webhookId
        changeId
        event
        objectKey
        recordId
        status
        attempts
        responseStatus
        responseBody
        error
        nextAttemptAt
        createdAt
        deliveredAt
      }
      endCursor
      hasNextPage
    }
  }
`;

interface Delivery {
  id: string;
  changeId: string;
  event: string;
  recordId: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
}

async function deliveries(client: TestClient, webhookId: string): Promise<Delivery[]> {
  const data = await client.data(deliveriesQuery, { webhookId, first: 200 });
  return data.webhookDeliveries.nodes as Delivery[];
}

async function newWebhook(
  client: TestClient,
  input: Record<string, unknown>,
): Promise<{ id: string; secret: string; lastChangeId: string | null }> {
  const data = await client.data(createWebhook, { input: { name: 'Hook', ...input } });
  return {
    id: data.createWebhook.webhook.id,
    secret: data.createWebhook.secret,
    ...data.createWebhook.webhook,
  };
}

async function createCompany(client: TestClient, name: string): Promise<string> {
  const data = await client.data(
    `mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`,
    {
      name,
    },
  );
  return data.createCompany.id;
}

async function renameCompany(client: TestClient, id: string, name: string): Promise<void> {
  await client.data(
    `mutation ($id: ID!, $name: String!) { updateCompany(id: $id, input: { name: $name }) { id } }`,
    {
      id,
      name,
    },
  );
}

const deliveryIdOf = (call: ReceivedCall) => String(call.headers['x-crm-delivery']);

describe('outgoing webhooks', () => {
  let admin: SignedUpUser;
  const receivers: WebhookReceiver[] = [];
  const receiver = async () => {
    const r = await new WebhookReceiver().start();
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    admin = await newUser(server);
  });
  afterAll(async () => {
    for (const r of receivers) await r.stop().catch(() => undefined);
  });

  it('A webhook receiver verifies the signature, gets each event once, and receives replayed events after being down for a while', async () => {
    const hooks = await receiver();
    const webhook = await newWebhook(admin.client, { url: hooks.url, objectKeys: ['company'] });
    expect(webhook.secret).toMatch(/^whsec_/);

    const acme = await createCompany(admin.client, 'Acme');
    await eventually(() => hooks.accepted.length === 1);
    const [created] = hooks.accepted;
    expect(signatureValid(webhook.secret, created!)).toBe(true);
    expect(signatureValid('whsec_wrong', created!)).toBe(false);
    expect(created!.headers['x-crm-event']).toBe('record.created');
    expect(created!.headers['content-type']).toBe('application/json');
    expect(created!.json).toMatchObject({
      id: deliveryIdOf(created!),
      event: 'record.created',
      object: 'company',
      recordId: acme,
      actor: admin.userId,
      values: { id: acme, name: 'Acme' },
    });
    expect(created!.json.changes.name).toEqual([null, 'Acme']);
    expect(Date.parse(created!.json.occurredAt)).not.toBeNaN();

    // The receiver answers 503 for a while: the delivery is retried with its answer logged.
    hooks.status = 503;
    await renameCompany(admin.client, acme, 'Acme Boats');
    await eventually(async () =>
      (await deliveries(admin.client, webhook.id)).some(
        (d) => d.status === 'RETRYING' && d.responseStatus === 503 && d.attempts >= 2,
      ),
    );
    const retrying = (await deliveries(admin.client, webhook.id)).find((d) => d.status === 'RETRYING')!;
    expect(retrying.responseBody).toBe('down for maintenance (503)');
    expect(retrying.event).toBe('UPDATE');

    // Then it is down altogether (connection refused) while another change happens.
    await hooks.stop();
    const globex = await createCompany(admin.client, 'Globex');
    await eventually(async () =>
      (await deliveries(admin.client, webhook.id)).some(
        (d) => d.recordId === globex && d.status === 'RETRYING' && d.responseStatus === null && !!d.error,
      ),
    );

    // Back up: every retried delivery arrives, each once.
    hooks.status = 200;
    await hooks.start();
    await eventually(
      async () => (await deliveries(admin.client, webhook.id)).every((d) => d.status === 'DELIVERED'),
      60_000,
    );
    const log = await deliveries(admin.client, webhook.id);
    expect(log).toHaveLength(3);
    const accepted = hooks.accepted;
    expect(accepted.every((c) => signatureValid(webhook.secret, c))).toBe(true);
    expect(new Set(accepted.map(deliveryIdOf)).size).toBe(accepted.length);
    expect(accepted.map((c) => c.json.changeId).sort()).toEqual(log.map((d) => d.changeId).sort());
    const renamed = accepted.find((c) => c.json.event === 'record.updated')!;
    expect(renamed.json.values.name).toBe('Acme Boats');
    expect(renamed.json.changes.name).toEqual(['Acme', 'Acme Boats']);

    // Replay from the first change: the two after it come again, as new deliveries, in order.
    const firstChange = created!.json.changeId as string;
    const { replayWebhook } = await admin.client.data(
      `mutation ($id: ID!, $after: String!) { replayWebhook(id: $id, afterChangeId: $after) { id lastChangeId } }`,
      { id: webhook.id, after: firstChange },
    );
    expect(BigInt(replayWebhook.lastChangeId)).toBeGreaterThan(BigInt(firstChange));
    await eventually(() => hooks.accepted.length === accepted.length + 2);
    const replayed = hooks.accepted.slice(accepted.length);
    expect(replayed.map((c) => c.json.changeId).sort()).toEqual(
      log
        .filter((d) => d.changeId !== firstChange)
        .map((d) => d.changeId)
        .sort(),
    );
    expect(replayed.every((c) => signatureValid(webhook.secret, c))).toBe(true);
    expect(replayed.map(deliveryIdOf).some((id) => accepted.map(deliveryIdOf).includes(id))).toBe(false);
    // Replayed values are those right after the change, not the record now.
    const replayedUpdate = replayed.find((c) => c.json.event === 'record.updated')!;
    expect(replayedUpdate.json.values.name).toBe('Acme Boats');
    const newest = await deliveries(admin.client, webhook.id);
    expect(newest).toHaveLength(5);
    expect(newest.slice(0, 2).map((d) => d.changeId)).toEqual(
      [...log.map((d) => d.changeId)].sort((a, b) => Number(BigInt(b) - BigInt(a))).slice(0, 2),
    );
  });

  it('sends only the objects and events a webhook asks for, and deletions with null values', async () => {
    const people = await receiver();
    const everything = await receiver();
    const onlyNewPeople = await newWebhook(admin.client, {
      url: people.url,
      objectKeys: ['person'],
      events: ['CREATE'],
    });
    const all = await newWebhook(admin.client, { url: everything.url });
    const { createPerson } = await admin.client.data(
      `mutation { createPerson(input: { name: "Pat" }) { id } }`,
    );
    await admin.client.data(
      `mutation ($id: ID!) { updatePerson(id: $id, input: { name: "Pat Lee" }) { id } }`,
      {
        id: createPerson.id,
      },
    );
    const company = await createCompany(admin.client, 'Initech');
    await admin.client.data(`mutation ($id: ID!) { deletePerson(id: $id) { id } }`, { id: createPerson.id });
    await eventually(() => everything.accepted.length === 4);
    expect(everything.accepted.map((c) => [c.json.event, c.json.object])).toEqual(
      expect.arrayContaining([
        ['record.created', 'person'],
        ['record.updated', 'person'],
        ['record.created', 'company'],
        ['record.deleted', 'person'],
      ]),
    );
    const deleted = everything.accepted.find((c) => c.json.event === 'record.deleted')!;
    expect(deleted.json.values).toBeNull();
    expect(deleted.json.recordId).toBe(createPerson.id);
    // By now the consumer has passed every change: the filtered webhook had one.
    expect(await deliveries(admin.client, onlyNewPeople.id)).toHaveLength(1);
    await eventually(() => people.accepted.length === 1);
    expect(people.accepted[0]!.json).toMatchObject({ event: 'record.created', object: 'person' });
    expect(everything.accepted.some((c) => c.json.recordId === company)).toBe(true);
    await admin.client.data(`mutation ($id: ID!) { deleteWebhook(id: $id) }`, { id: all.id });
    await admin.client.data(`mutation ($id: ID!) { deleteWebhook(id: $id) }`, { id: onlyNewPeople.id });
  });

  it('redelivers a delivery with the same id, and signs with a rotated secret', async () => {
    const hooks = await receiver();
    const webhook = await newWebhook(admin.client, { url: hooks.url, objectKeys: ['company'] });
    await createCompany(admin.client, 'Hooli');
    await eventually(() => hooks.accepted.length === 1);
    const [first] = await deliveries(admin.client, webhook.id);
    await eventually(async () => (await deliveries(admin.client, webhook.id))[0]!.status === 'DELIVERED');

    const { rotateWebhookSecret } = await admin.client.data(
      `mutation ($id: ID!) { rotateWebhookSecret(id: $id) { secret webhook { id } } }`,
      { id: webhook.id },
    );
    expect(rotateWebhookSecret.secret).not.toBe(webhook.secret);
    const { redeliverWebhookDelivery } = await admin.client.data(
      `mutation ($id: ID!) { redeliverWebhookDelivery(id: $id) { id status } }`,
      { id: first!.id },
    );
    expect(redeliverWebhookDelivery).toEqual({ id: first!.id, status: 'PENDING' });
    await eventually(() => hooks.accepted.length === 2);
    const again = hooks.accepted[1]!;
    expect(deliveryIdOf(again)).toBe(first!.id);
    expect(again.body).toBe(hooks.accepted[0]!.body);
    expect(signatureValid(rotateWebhookSecret.secret, again)).toBe(true);
    expect(signatureValid(webhook.secret, again)).toBe(false);
    await eventually(async () => {
      const [d] = await deliveries(admin.client, webhook.id);
      return d!.status === 'DELIVERED' && d!.attempts === 2;
    });
  });

  it('disables a webhook: no deliveries while off', async () => {
    const hooks = await receiver();
    const webhook = await newWebhook(admin.client, {
      url: hooks.url,
      objectKeys: ['company'],
      enabled: false,
    });
    const all = await receiver();
    const witness = await newWebhook(admin.client, { url: all.url, objectKeys: ['company'] });
    await createCompany(admin.client, 'Umbrella');
    await eventually(() => all.accepted.length === 1);
    expect(await deliveries(admin.client, webhook.id)).toEqual([]);
    const { updateWebhook } = await admin.client.data(
      `mutation ($id: ID!, $input: WebhookInput!) { updateWebhook(id: $id, input: $input) { ${webhookFields} } }`,
      { id: webhook.id, input: { name: 'On', url: hooks.url, objectKeys: ['company'], enabled: true } },
    );
    expect(updateWebhook).toMatchObject({ name: 'On', enabled: true, events: [] });
    await createCompany(admin.client, 'Wayne');
    await eventually(() => hooks.accepted.length === 1);
    expect(hooks.accepted[0]!.json.values.name).toBe('Wayne');
    await admin.client.data(`mutation ($id: ID!) { deleteWebhook(id: $id) }`, { id: witness.id });
    await admin.client.data(`mutation ($id: ID!) { deleteWebhook(id: $id) }`, { id: webhook.id });
  });

  it('switched back on, does not deliver what was written while it was off, though read late', async () => {
    const hooks = await receiver();
    const all = await receiver();
    const webhook = await newWebhook(admin.client, { url: hooks.url, objectKeys: ['company'] });
    const witness = await newWebhook(admin.client, { url: all.url, objectKeys: ['company'] });
    const turn = (enabled: boolean) =>
      admin.client.data(
        `mutation ($id: ID!, $input: WebhookInput!) { updateWebhook(id: $id, input: $input) { id } }`,
        { id: webhook.id, input: { name: 'Toggled', url: hooks.url, objectKeys: ['company'], enabled } },
      );
    await turn(false);
    // Holds the consumer back: each batch locks its cursor row before reading the log.
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    try {
      await db.query('begin');
      await db.query(
        `select 1 from change_consumer_cursor where workspace_id = $1 and consumer = 'webhooks' for update`,
        [admin.workspaceId],
      );
      await createCompany(admin.client, 'While off');
      await turn(true);
      const backOn = await createCompany(admin.client, 'Back on');
      await db.query('commit');
      // One batch reads both changes: the witness hears of both, the webhook of the second only.
      await eventually(() => all.accepted.length === 2);
      expect((await deliveries(admin.client, webhook.id)).map((d) => d.recordId)).toEqual([backOn]);
    } finally {
      await db.end();
    }
    await admin.client.data(`mutation ($id: ID!) { deleteWebhook(id: $id) }`, { id: witness.id });
    await admin.client.data(`mutation ($id: ID!) { deleteWebhook(id: $id) }`, { id: webhook.id });
  });

  it('runs the CALL_WEBHOOK action of a rule: signed with the secret of the webhook at its URL, retried on 5xx with one key', async () => {
    const target = await receiver();
    // A webhook at the action's URL lends it its secret (it hears of no event here: restores of people).
    const holder = await newWebhook(admin.client, {
      url: target.url,
      objectKeys: ['person'],
      events: ['RESTORE'],
    });
    const refused = await admin.client.request(
      `mutation ($input: AutomationRuleInput!) { createAutomationRule(input: $input) { id } }`,
      {
        input: {
          name: 'Bad call',
          objectKey: 'company',
          trigger: { kind: 'RECORD_CREATED' },
          actions: [{ type: 'CALL_WEBHOOK', url: 'ftp://example.com/erp' }],
        },
      },
    );
    expectBadInput(refused, ['input', 'actions', '0', 'url']);
    const rule = await createRule(admin.client, {
      name: 'Tell the ERP',
      objectKey: 'company',
      trigger: { kind: 'RECORD_CREATED' },
      actions: [{ type: 'CALL_WEBHOOK', url: target.url }],
    });
    target.status = 503;
    const company = await createCompany(admin.client, 'Stark');
    await eventually(() => target.calls.length >= 1, 60_000);
    target.status = 200;
    const [run] = await finishedRuns(admin.client, rule.id, 1, 90_000);
    expect(run!.status).toBe('SUCCEEDED');
    expect(run!.steps[0]).toMatchObject({ type: 'CALL_WEBHOOK', status: 'SUCCEEDED' });
    expect(run!.steps[0]!.attempts).toBeGreaterThanOrEqual(2);
    expect(run!.steps[0]!.output).toMatchObject({ status: 200, signed: true });
    const calls = target.calls.filter((c) => c.headers['x-crm-event'] === 'automation.webhook');
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(calls.map(deliveryIdOf)).size).toBe(1);
    expect(calls.every((c) => signatureValid(holder.secret, c))).toBe(true);
    expect(calls.at(-1)!.json).toMatchObject({
      event: 'automation.webhook',
      rule: { id: rule.id, name: 'Tell the ERP' },
      object: 'company',
      recordId: company,
      values: { name: 'Stark' },
    });
    await admin.client.data(`mutation ($id: ID!) { deleteAutomationRule(id: $id) }`, { id: rule.id });
  });

  it('pushes each attempt to the open log, which opens with the newest deliveries as they are (latest)', async () => {
    const hooks = await receiver();
    const webhook = await newWebhook(admin.client, { url: hooks.url, objectKeys: ['company'] });
    await createCompany(admin.client, 'Older');
    await createCompany(admin.client, 'Newer');
    await eventually(async () => {
      const log = await deliveries(admin.client, webhook.id);
      return log.length === 2 && log.every((d) => d.status === 'DELIVERED');
    });
    const [newest] = await deliveries(admin.client, webhook.id);
    const socket = newSocketClient(server, { cookie: admin.client.cookie, workspaceId: admin.workspaceId });
    try {
      const pushed = collect<{ webhookDeliveryChanged: Delivery }>(
        socket.client,
        `subscription ($webhookId: ID!, $latest: Int) {
          webhookDeliveryChanged(webhookId: $webhookId, latest: $latest) { id status attempts recordId }
        }`,
        { webhookId: webhook.id, latest: 1 },
      );
      const events = () => pushed.results.map((r) => r.data!.webhookDeliveryChanged);
      // A log read before the subscription was in place misses nothing: it opens with the newest.
      await eventually(() => pushed.results.length >= 1);
      expect(events()[0]).toMatchObject({ id: newest!.id, status: 'DELIVERED', attempts: 1 });
      const later = await createCompany(admin.client, 'Later');
      await eventually(() => events().some((d) => d.recordId === later && d.status === 'DELIVERED'));
      expect(pushed.results.every((r) => !r.errors)).toBe(true);

      const tooMany = collect(
        socket.client,
        `subscription { webhookDeliveryChanged(webhookId: "${webhook.id}", latest: 201) { id } }`,
      );
      const error = await subscriptionError(tooMany);
      expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['latest'] });
    } finally {
      await socket.client.dispose();
    }
  });

  it('refuses a URL that is not http(s), an unknown object, and members who are not admins', async () => {
    const bad = (url: string, objectKeys?: string[]) =>
      admin.client.request(createWebhook, { input: { name: 'Bad', url, objectKeys } });
    expectBadInput(await bad('ftp://example.com/hook'), ['input', 'url']);
    expectBadInput(await bad('not a url'), ['input', 'url']);
    expectBadInput(await bad('javascript:alert(1)'), ['input', 'url']);
    expectBadInput(await bad('http://127.0.0.1:9/hook', ['company', 'nothing']), [
      'input',
      'objectKeys',
      '1',
    ]);
    const member = await newMember(server, admin, 'MEMBER');
    expectCode(await member.client.request(`{ webhooks { id } }`), 'FORBIDDEN');
    expectCode(
      await member.client.request(createWebhook, { input: { name: 'x', url: 'http://127.0.0.1:9/' } }),
      'FORBIDDEN',
    );
    const { webhooks } = await admin.client.data(`{ webhooks { id url } }`);
    expect(webhooks.every((w: { url: string }) => !w.url.startsWith('ftp'))).toBe(true);
  });
});
