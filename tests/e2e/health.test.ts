import { describe, expect, it } from 'vitest';
import { useServer } from '../support/server.js';

describe('health', () => {
  const server = useServer();

  it('answers 200 when the database is reachable', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
