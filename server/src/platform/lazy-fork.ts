import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A request's entity manager, forked when first used. A fork builds a unit of work, an
 * identity map and their helpers: a fifth of a `{ __typename }` request's time in the server,
 * and most requests (a page, a count, an update through the store) only send statements,
 * which need a connection, not an identity map (docs/benchmarks.md, "Twelfth cut").
 */

/**
 * What a statement outside the identity map needs (`queryRows`, a write's own connection):
 * the pool or the transaction's connection, and the SQL platform. An entity manager is one.
 */
export type StatementSource = Pick<
  EntityManager,
  'getTransactionContext' | 'isInTransaction' | 'getConnection' | 'getPlatform'
>;

const unforked = Symbol('statements before a fork');

interface Lazy {
  [unforked]: () => StatementSource;
}

const poolSources = new WeakMap<EntityManager, StatementSource>();

/**
 * Statements on the ORM's pool, in no transaction: no entity manager (none is shared
 * between requests), only the ORM's connection and platform.
 */
export function poolStatements(root: EntityManager): StatementSource {
  let source = poolSources.get(root);
  if (!source) {
    source = {
      getTransactionContext: () => undefined,
      isInTransaction: () => false,
      getConnection: (type) => root.getConnection(type),
      getPlatform: () => root.getPlatform(),
    };
    poolSources.set(root, source);
  }
  return source;
}

/**
 * Gives `target` an `em` forked from `root` when first read (a spread copies the fork, so a
 * copy never shares an unforked state). Until then `statementSource(target)` is the pool.
 */
export function withLazyFork<T extends object>(target: T, root: EntityManager): T & { em: EntityManager } {
  let em: EntityManager | undefined;
  Object.defineProperty(target, 'em', {
    enumerable: true,
    configurable: true,
    get: () => (em ??= root.fork()),
    set: (value: EntityManager) => void (em = value),
  });
  Object.defineProperty(target, unforked, { value: () => em ?? poolStatements(root) });
  return target as T & { em: EntityManager };
}

/** Gives `target` `source`'s `em`, read through it, so neither forks before one of them is used. */
export function withSharedFork<T extends object>(
  target: T,
  source: { em: EntityManager },
): T & { em: EntityManager } {
  Object.defineProperty(target, 'em', { enumerable: true, configurable: true, get: () => source.em });
  Object.defineProperty(target, unforked, { value: () => statementSource(source) });
  return target as T & { em: EntityManager };
}

/**
 * Where a statement outside the identity map runs: the holder's `em` once it has one (it may
 * be in a transaction), else the pool, in no transaction, as a fresh fork would be.
 */
export function statementSource(holder: { em: EntityManager }): StatementSource {
  const lazy = (holder as Partial<Lazy>)[unforked];
  return lazy ? lazy() : holder.em;
}
