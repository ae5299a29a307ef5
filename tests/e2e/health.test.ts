import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newServer, type TestServer } from '../support/server.js';

describe('health', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await newServer();
  });
  afterAll(() => server.close());

  it('answers 200 when the database is reachable', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
