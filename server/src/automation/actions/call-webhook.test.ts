import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../webhooks/index.js';
import { callWebhookAction } from './call-webhook.js';
import { RetryableStepError, type ActionContext, type CheckContext } from './handler.js';

// CALL_WEBHOOK against a real local receiver: signed with the secret of the workspace's webhook
// at the URL, the step's idempotency key as X-CRM-Delivery, 5xx retried, 4xx failed, dry runs silent.

let status = 200;
const calls: { headers: http.IncomingHttpHeaders; body: string }[] = [];
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    calls.push({ headers: req.headers, body });
    res.writeHead(status).end(status === 200 ? 'thanks' : 'nope');
  });
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

/** An entity manager whose one query (the webhook secret at the URL) answers `secret`. */
function emAnswering(secret: string | null) {
  const connection = { query: async () => ({ rows: secret ? [{ secret }] : [] }) };
  const client = { acquireConnection: async () => connection, releaseConnection: async () => undefined };
  return { getTransactionContext: () => ({ client }) };
}

function context(overrides: Partial<ActionContext> = {}, allowPrivate = true): ActionContext {
  return {
    em: emAnswering('whsec_rule') as never,
    services: { webhookConfig: { allowPrivate, timeoutMs: 2_000 } } as never,
    workspaceId: '00000000-0000-4000-8000-000000000001',
    rule: { id: 'rule-1', name: 'Tell the ERP' } as never,
    object: { key: 'company' } as never,
    runId: 'run-1',
    stepPath: '0',
    idempotencyKey: 'run-1:0',
    record: { id: 'rec-1', name: 'Acme' } as never,
    change: { changeId: '42', recordId: 'rec-1', changes: { name: [null, 'Acme'] } } as never,
    actorId: 'rule-1',
    causedBy: null,
    records: {} as never,
    dryRun: false,
    now: new Date(),
    metadata: {} as never,
    resolve: async () => null,
    render: async (text) => text,
    ...overrides,
  };
}

describe('CALL_WEBHOOK', () => {
  it('refuses a URL that is not http(s) where the rule is saved', () => {
    const at = { path: ['input', 'actions', '2'] } as unknown as CheckContext;
    expect(() => callWebhookAction.check({ type: 'CALL_WEBHOOK', url: 'ftp://x/y' }, at)).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ argumentPath: ['input', 'actions', '2', 'url'] }),
      }),
    );
    expect(() => callWebhookAction.check({ type: 'CALL_WEBHOOK', url }, at)).not.toThrow();
  });

  it('POSTs the record and change, signed, keyed by the step', async () => {
    status = 200;
    const result = await callWebhookAction.run({ type: 'CALL_WEBHOOK', url }, context());
    expect(result.output).toMatchObject({ status: 200, signed: true, responseBody: 'thanks' });
    const call = calls.at(-1)!;
    expect(call.headers['x-crm-delivery']).toBe('run-1:0');
    expect(call.headers['x-crm-event']).toBe('automation.webhook');
    expect(verifySignature('whsec_rule', call.body, String(call.headers['x-crm-signature']))).toBe(true);
    expect(JSON.parse(call.body)).toMatchObject({
      id: 'run-1:0',
      rule: { id: 'rule-1', name: 'Tell the ERP' },
      object: 'company',
      recordId: 'rec-1',
      changeId: '42',
      values: { name: 'Acme' },
      changes: { name: [null, 'Acme'] },
    });
  });

  it('retries a 5xx, fails a 4xx, sends unsigned without a webhook at the URL', async () => {
    status = 503;
    await expect(callWebhookAction.run({ type: 'CALL_WEBHOOK', url }, context())).rejects.toBeInstanceOf(
      RetryableStepError,
    );
    status = 404;
    const refused = callWebhookAction.run({ type: 'CALL_WEBHOOK', url }, context());
    await expect(refused).rejects.toThrow(/404/);
    await expect(refused).rejects.not.toBeInstanceOf(RetryableStepError);
    status = 200;
    const unsigned = await callWebhookAction.run(
      { type: 'CALL_WEBHOOK', url },
      context({ em: emAnswering(null) as never }),
    );
    expect(unsigned.output).toMatchObject({ signed: false });
    expect(calls.at(-1)!.headers['x-crm-signature']).toBeUndefined();
  });

  it('calls nothing in a dry run, and refuses a private address without the setting', async () => {
    const before = calls.length;
    const dry = await callWebhookAction.run({ type: 'CALL_WEBHOOK', url }, context({ dryRun: true }));
    expect(dry.output).toEqual({ wouldPost: url });
    await expect(callWebhookAction.run({ type: 'CALL_WEBHOOK', url }, context({}, false))).rejects.toThrow(
      /loopback/,
    );
    expect(calls.length).toBe(before);
  });
});
