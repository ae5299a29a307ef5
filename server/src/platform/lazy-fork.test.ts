import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { poolStatements, statementSource, withLazyFork, withSharedFork } from './lazy-fork.js';

/** An ORM's root entity manager that counts its forks; each fork is a distinct object. */
function countingRoot() {
  const forks: object[] = [];
  const connection = { pool: 'the ORM’s' };
  const platform = { name: 'postgresql' };
  const root = {
    fork: () => {
      const fork = { forkNumber: forks.length + 1 };
      forks.push(fork);
      return fork;
    },
    getConnection: () => connection,
    getPlatform: () => platform,
  } as unknown as EntityManager;
  return { root, forks, connection, platform };
}

describe('withLazyFork', () => {
  it('forks when `em` is first read, once; until then statements go to the pool, in no transaction', () => {
    const { root, forks, connection, platform } = countingRoot();
    const ctx = withLazyFork({ caller: 'someone' }, root);
    const pool = statementSource(ctx);
    expect(pool).toBe(poolStatements(root));
    expect(pool.isInTransaction()).toBe(false);
    expect(pool.getTransactionContext()).toBeUndefined();
    expect(pool.getConnection()).toBe(connection);
    expect(pool.getPlatform()).toBe(platform);
    expect(forks).toHaveLength(0);

    const em = ctx.em;
    expect(forks).toHaveLength(1);
    expect(ctx.em).toBe(em);
    expect(statementSource(ctx)).toBe(em);
    expect(forks).toHaveLength(1);
  });

  it('gives a spread copy the fork itself, and a copy with its own `em` keeps that one', () => {
    const { root } = countingRoot();
    const ctx = withLazyFork({ caller: 'someone' }, root);
    const copy = { ...ctx };
    expect(copy.em).toBe(ctx.em);
    expect(Object.getOwnPropertySymbols(copy)).toEqual([]);
    // A write joining a transaction hands its resolvers a context with the transaction's manager.
    const inTransaction = { ...ctx, em: { transaction: true } as unknown as EntityManager };
    expect(statementSource(inTransaction)).toBe(inTransaction.em);
  });

  it('takes an assigned `em` as the fork', () => {
    const { root, forks } = countingRoot();
    const ctx = withLazyFork({}, root);
    const assigned = { assigned: true } as unknown as EntityManager;
    ctx.em = assigned;
    expect(ctx.em).toBe(assigned);
    expect(statementSource(ctx)).toBe(assigned);
    expect(forks).toHaveLength(0);
  });
});

describe('withSharedFork', () => {
  it('reads the source’s `em`, forking neither before one is used', () => {
    const { root, forks } = countingRoot();
    const request = withLazyFork({}, root);
    const records = withSharedFork({ metadata: 'm' }, request);
    expect(statementSource(records)).toBe(poolStatements(root));
    expect(forks).toHaveLength(0);
    expect(records.em).toBe(request.em);
    expect(forks).toHaveLength(1);
    expect(statementSource(records)).toBe(request.em);
  });

  it('follows a source that is an ordinary object', () => {
    const em = { plain: true } as unknown as EntityManager;
    const records = withSharedFork({}, { em });
    expect(records.em).toBe(em);
    expect(statementSource(records)).toBe(em);
  });
});
