import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { takeFreeConnection } from './free-connection.js';

// tarn is knex's pool (knex comes with MikroORM's driver): the real one, with plain objects
// as its connections.
const fromKnex = createRequire(
  createRequire(createRequire(import.meta.url).resolve('@mikro-orm/knex')).resolve('knex'),
);

interface Connection {
  n: number;
  __knex__disposed?: string;
}

/** What of tarn 3's `Pool` these tests use. */
interface TarnPool {
  acquire(): { promise: Promise<Connection> };
  release(connection: Connection): boolean;
  destroy(): Promise<unknown>;
  numFree(): number;
  numUsed(): number;
  numPendingAcquires(): number;
}

const { Pool } = fromKnex('tarn') as {
  Pool: new (options: {
    create: (callback: (error: Error | null, connection: Connection) => void) => void;
    destroy: (connection: Connection) => void;
    validate: (connection: Connection) => boolean;
    min: number;
    max: number;
  }) => TarnPool;
};

const pools: TarnPool[] = [];

function newPool(max = 2) {
  let n = 0;
  const pool = new Pool({
    create: (callback) => callback(null, { n: ++n }),
    destroy: () => undefined,
    // As knex's validator: a connection that failed is not handed out.
    validate: (connection) => !connection.__knex__disposed,
    min: 0,
    max,
  });
  pools.push(pool);
  return pool;
}

/** A connection created by an ordinary acquire and released, so it sits in `free`. */
async function withIdle(pool: TarnPool): Promise<Connection> {
  const connection = await pool.acquire().promise;
  pool.release(connection);
  return connection;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.destroy()));
});

describe('takeFreeConnection', () => {
  it('takes an idle connection at once, and the pool takes it back on release', async () => {
    const pool = newPool();
    const idle = await withIdle(pool);
    expect([pool.numFree(), pool.numUsed()]).toEqual([1, 0]);

    expect(takeFreeConnection<Connection>({ pool })).toBe(idle);
    expect([pool.numFree(), pool.numUsed()]).toEqual([0, 1]);
    // Nothing free now: the caller acquires the usual way (a new connection here).
    expect(takeFreeConnection<Connection>({ pool })).toBeUndefined();
    const other = await pool.acquire().promise;
    expect(other).not.toBe(idle);

    expect(pool.release(idle)).toBe(true);
    pool.release(other);
    expect([pool.numFree(), pool.numUsed()]).toEqual([2, 0]);
  });

  it('hands a taken connection to whoever waits, once it is released', async () => {
    const pool = newPool(1);
    const idle = await withIdle(pool);
    const taken = takeFreeConnection<Connection>({ pool })!;
    const waiting = pool.acquire().promise;
    expect(pool.numPendingAcquires()).toBe(1);
    // Someone waits: nothing is taken past them.
    expect(takeFreeConnection<Connection>({ pool })).toBeUndefined();
    pool.release(taken);
    expect(await waiting).toBe(idle);
    pool.release(idle);
  });

  it('leaves a connection that failed to the pool’s validation', async () => {
    const pool = newPool();
    const idle = await withIdle(pool);
    idle.__knex__disposed = 'Connection ended unexpectedly';
    expect(takeFreeConnection<Connection>({ pool })).toBeUndefined();
    expect(pool.numFree()).toBe(1);
  });

  it('takes nothing from a destroyed pool or one it does not know', async () => {
    const pool = newPool();
    await withIdle(pool);
    await pool.destroy();
    expect(takeFreeConnection({ pool })).toBeUndefined();
    expect(takeFreeConnection({ pool: undefined })).toBeUndefined();
    expect(takeFreeConnection({ pool: { free: [{ resource: {} }] } })).toBeUndefined();
  });
});
