import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A request's entity manager, forked when first used. A fork builds a unit of work, an
 * identity map and their helpers: a fifth of a `{ __typename }` request's time in the server,
 * and most requests (a page, a count, an update through the store) only send statements,
 * which need no identity map (docs/benchmarks.md, "Twelfth cut").
 */

const unforked = Symbol('statements before a fork');

interface Lazy {
  [unforked]: () => EntityManager;
}

const statementForks = new WeakMap<EntityManager, EntityManager>();

/**
 * One fork per ORM for statements outside any identity map (`queryRows`, `em.execute`,
 * `nativeUpdate`): it is in no transaction and never holds an entity.
 */
export function statementFork(root: EntityManager): EntityManager {
  let fork = statementForks.get(root);
  if (!fork) statementForks.set(root, (fork = root.fork()));
  return fork;
}

/**
 * Gives `target` an `em` forked from `root` when first read (a spread copies the fork, so
 * a copy never shares an unforked state). Until then `statementEntityManager(target)` is
 * the ORM's statement fork: no transaction, the same pool.
 */
export function withLazyFork<T extends object>(target: T, root: EntityManager): T & { em: EntityManager } {
  let em: EntityManager | undefined;
  Object.defineProperty(target, 'em', {
    enumerable: true,
    configurable: true,
    get: () => (em ??= root.fork()),
    set: (value: EntityManager) => void (em = value),
  });
  Object.defineProperty(target, unforked, { value: () => em ?? statementFork(root) });
  return target as T & { em: EntityManager };
}

/** Gives `target` `source`'s `em`, read through it, so neither forks before one of them is used. */
export function withSharedFork<T extends object>(
  target: T,
  source: { em: EntityManager },
): T & { em: EntityManager } {
  Object.defineProperty(target, 'em', { enumerable: true, configurable: true, get: () => source.em });
  Object.defineProperty(target, unforked, { value: () => statementEntityManager(source) });
  return target as T & { em: EntityManager };
}

/**
 * Where a statement outside the identity map runs (`queryRows`, `em.execute`, a write's own
 * connection): the holder's `em` once it has one (it may be in a transaction), else a fork
 * that is in none, as a fresh one would be.
 */
export function statementEntityManager(holder: { em: EntityManager }): EntityManager {
  const lazy = (holder as Partial<Lazy>)[unforked];
  return lazy ? lazy() : holder.em;
}
