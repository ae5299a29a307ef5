import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { newUser } from '../support/client.js';
import { newDatabase } from '../support/database.js';
import { freePort, newDataDir, startCli, stopAllClis } from '../support/process.js';
import { RedisProcess } from '../support/redis.js';
import type { TestServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Several processes share Redis for fan-out; Redis going away for a while must not take a
// server process down with it (found by tests/load: an un-awaited publish that gave up
// after ioredis's retry limit was an unhandled rejection, and Node exits on those).

const created = `mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`;

describe('a Redis restart', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    await stopAllClis();
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('keeps the server running, and a change written while Redis was down still reaches subscribers', async () => {
    const redis = await RedisProcess.start();
    cleanups.push(() => redis.kill());
    const dataDir = await newDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const cli = startCli(
      {
        DATABASE_URL: await newDatabase(),
        REDIS_URL: redis.url,
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: String(port),
        AUTH_RATE_LIMIT: '1000',
        LOG_LEVEL: 'warn',
      },
      [],
    );
    const url = `http://127.0.0.1:${port}`;
    // Each probe gives up after a few seconds: a connection accepted while the process is still
    // starting must not hold the test until fetch's own five-minute limit.
    const healthy = async () =>
      (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined))?.ok ===
      true;
    await eventually(healthy, 60_000);
    const server = { url, wsUrl: `ws://127.0.0.1:${port}/graphql` } as TestServer;
    const owner = await newUser(server);
    const socket = newSocketClient(server, { cookie: owner.client.cookie, workspaceId: owner.workspaceId });
    const feed = collect<{ recordChanged: { recordId: string } }>(
      socket.client,
      `subscription { recordChanged(object: "company") { recordId } }`,
    );
    const received = (id: string) =>
      feed.results.some((result) => result.data?.recordChanged.recordId === id);
    const create = async (name: string) =>
      (await owner.client.data<{ createCompany: { id: string } }>(created, { name })).createCompany.id;
    // The subscription is live once a change reaches it.
    await eventually(async () => {
      await create('probe');
      return feed.results.length > 0;
    }, 60_000);

    await redis.kill();
    const killedAt = Date.now();
    const duringOutage = await create('written while Redis is down');
    // Each connection says once that it is lost (not every failed attempt, as ioredis does
    // on stderr without an error listener): the event bus's two, co-editing's, the limits'.
    await eventually(() => (cli.stdout().match(/Redis connection lost/g) ?? []).length >= 4, 60_000);
    expect(cli.stderr()).not.toMatch(/Unhandled error event/);
    // Well past ioredis's former limit of 3 retries per command (its retries start 50 ms apart).
    await eventually(() => Date.now() - killedAt > 3_000, 60_000);
    expect(cli.child.exitCode).toBeNull();
    await redis.spawn();

    // No further write is needed for the change of the outage to arrive: the feed is woken
    // when the connection to Redis is back.
    await eventually(() => received(duringOutage), 60_000);
    const after = await create('written after');
    await eventually(() => received(after), 60_000);
    expect(cli.child.exitCode).toBeNull();
    expect(feed.error()).toBeUndefined();
    expect(feed.results.every((result) => !result.errors)).toBe(true);
    await socket.client.dispose();
  }, 300_000);
});
