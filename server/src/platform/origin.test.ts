import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createOriginCheck } from './origin.js';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('createOriginCheck', () => {
  const check = createOriginCheck({
    publicUrl: 'https://crm.example.com/app',
    allowedOrigins: ['https://partner.example'],
  });

  it('allows no Origin, PUBLIC_URL, the request host and the allow-list', () => {
    expect(check(request({ host: 'localhost:4000' }))).toBe(true);
    expect(check(request({ host: 'internal:4000', origin: 'https://crm.example.com' }))).toBe(true);
    expect(check(request({ host: 'localhost:4000', origin: 'http://localhost:4000' }))).toBe(true);
    expect(check(request({ host: 'localhost:4000', origin: 'https://partner.example' }))).toBe(true);
  });

  it('refuses another site, another port of the same host, null and garbage', () => {
    expect(check(request({ host: 'localhost:4000', origin: 'https://evil.example' }))).toBe(false);
    expect(check(request({ host: 'localhost:4000', origin: 'http://localhost:4001' }))).toBe(false);
    expect(check(request({ host: 'localhost:4000', origin: 'null' }))).toBe(false);
    expect(check(request({ host: 'localhost:4000', origin: 'javascript:alert(1)' }))).toBe(false);
    expect(check(request({ origin: 'http://localhost:4000' }))).toBe(false);
  });
});
