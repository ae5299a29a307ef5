import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSigned, responseBodyLimit } from './send.js';
import { verifySignature } from './signature.js';

// The sender against a real local receiver: headers, signature, the answer's first 2 KB,
// the timeout, and the call-time SSRF check (a name resolving to loopback is refused).

let answer: { status: number; body: string; delayMs?: number } = { status: 200, body: 'ok' };
const seen: { headers: http.IncomingHttpHeaders; body: string }[] = [];
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
    const reply = () => res.writeHead(answer.status).end(answer.body);
    if (answer.delayMs) setTimeout(reply, answer.delayMs);
    else reply();
  });
});
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

const post = (overrides: Partial<Parameters<typeof postSigned>[0]> = {}) =>
  postSigned({
    url: `http://127.0.0.1:${port}/hook`,
    body: '{"hello":"world"}',
    secret: 'whsec_test',
    deliveryId: 'd-1',
    event: 'record.created',
    timeoutMs: 2_000,
    allowPrivate: true,
    ...overrides,
  });

describe('postSigned', () => {
  it('POSTs the body signed, with the delivery id and event', async () => {
    answer = { status: 204, body: '' };
    const outcome = await post();
    expect(outcome).toMatchObject({ delivered: true, status: 204, error: null });
    const call = seen.at(-1)!;
    expect(call.body).toBe('{"hello":"world"}');
    expect(call.headers['x-crm-delivery']).toBe('d-1');
    expect(call.headers['x-crm-event']).toBe('record.created');
    expect(verifySignature('whsec_test', call.body, String(call.headers['x-crm-signature']))).toBe(true);
  });

  it('keeps the first 2 KB of a failed answer and asks for a retry', async () => {
    answer = { status: 500, body: 'x'.repeat(10_000) };
    const outcome = await post();
    expect(outcome).toMatchObject({ delivered: false, retryable: true, status: 500 });
    expect(outcome.responseBody).toHaveLength(responseBodyLimit);
  });

  it('gives up on a receiver slower than the timeout', async () => {
    answer = { status: 200, body: 'late', delayMs: 1_000 };
    const outcome = await post({ timeoutMs: 200 });
    expect(outcome).toMatchObject({ delivered: false, retryable: true, status: null });
    expect(outcome.error).toMatch(/within 200 ms/);
  });

  it('refuses, at call time, a name that resolves to a private address', async () => {
    answer = { status: 200, body: 'ok' };
    const before = seen.length;
    const outcome = await post({ url: `http://localhost:${port}/hook`, allowPrivate: false });
    expect(outcome).toMatchObject({ delivered: false, retryable: false, status: null });
    expect(outcome.error).toMatch(/Refused: localhost points at a loopback/);
    const literal = await post({ allowPrivate: false });
    expect(literal.error).toMatch(/Refused: 127\.0\.0\.1/);
    expect(seen.length).toBe(before);
  });
});
