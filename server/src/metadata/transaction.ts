import { LockMode } from '@mikro-orm/core';
import type { MetadataContext } from './services.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission, Workspace } from '../identity/index.js';
import { BadInput } from '../platform/index.js';
import { loadMetadata } from './load.js';
import type { WorkspaceMetadata } from './model.js';

export interface MetadataTx {
  em: EntityManager;
  workspaceId: string;
  /** The metadata as it was when the transaction took the workspace lock. */
  metadata: WorkspaceMetadata;
  /** Work that cannot run in a transaction (CREATE INDEX CONCURRENTLY), run after commit. */
  afterCommit(task: () => Promise<unknown>): void;
  /** Objects whose tables this transaction created: empty, so indexed in the transaction. */
  newObjects: Set<string>;
  /** Runs DDL statements in order: at once, or queued until `settle` (see `metadataTx`). */
  ddl(statements: readonly string[]): Promise<void>;
  /** Writes the metadata rows changed so far: at once, or with the queued DDL on `settle`. */
  flush(): Promise<void>;
  /** Writes what is queued; a no-op unless queued. Call before reading the database again. */
  settle(): Promise<void>;
  /**
   * Runs `work` queued (as `queued` below), for work that reads nothing back from the database;
   * what it leaves is written by the next `settle`.
   */
  queue<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * A metadata transaction inside a caller's transaction (provisioning, template installs).
 * `queued`: rows and DDL are written together on `settle`, one flush and one multi-statement
 * query instead of one round trip per row and per statement (a new workspace's standard objects
 * took ~280 round trips); only for a caller that reads nothing back from the database before
 * settling (provisioning; a template install's new objects and fields, through `queue`). Checks
 * that read the catalog use the in-memory metadata instead.
 */
export function metadataTx(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  tasks: (() => Promise<unknown>)[],
  options: { queued?: boolean } = {},
): MetadataTx {
  let queued = options.queued ?? false;
  // Queued work left behind by `queue`, for the next settle.
  let owed = false;
  const pending: string[] = [];
  const run = async (statements: readonly string[]) => {
    // Simple-query protocol: statements without parameters, sent as one string.
    if (statements.length) await em.execute(statements.join(';\n'));
  };
  return {
    em,
    workspaceId: metadata.workspaceId,
    metadata,
    afterCommit: (t) => void tasks.push(t),
    newObjects: new Set(),
    ddl: async (statements) => {
      if (queued) pending.push(...statements);
      else await run([...pending.splice(0), ...statements]);
    },
    flush: async () => {
      if (!queued) await em.flush();
    },
    settle: async () => {
      if (!queued && !owed) return;
      owed = false;
      await em.flush();
      await run(pending.splice(0));
    },
    queue: async (work) => {
      const was = queued;
      queued = owed = true;
      try {
        return await work();
      } finally {
        queued = was;
      }
    },
  };
}

/**
 * Runs one metadata change: an admin's right checked, the workspace row locked so
 * changes to one workspace apply one at a time, DDL and metadata rows in the same
 * transaction, the metadata version bumped, then post-commit tasks.
 */
export async function changeMetadata<T>(
  ctx: MetadataContext,
  change: (tx: MetadataTx) => Promise<T>,
): Promise<T> {
  const access = requirePermission(ctx, 'metadata.write');
  const tasks: (() => Promise<unknown>)[] = [];
  const result = await ctx.em.transactional(async (em) => {
    const workspace = await em.findOneOrFail(
      Workspace,
      { id: access.workspaceId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const metadata = await loadMetadata(em, access.workspaceId);
    // A change may edit the loaded metadata in place; the audit log compares with this copy.
    const before = structuredClone(metadata);
    const value = await change(metadataTx(em, metadata, tasks));
    await em.flush();
    const after = await loadMetadata(em, access.workspaceId);
    await ctx.services.metadataChanged(em, ctx, before, after);
    const conflicts = ctx.services.schemaConflicts(after);
    if (conflicts.length)
      throw new BadInput(['input'], `This change would clash in the API: ${conflicts.join('; ')}`);
    workspace.metadataVersion += 1;
    await em.flush();
    return value;
  });
  for (const task of tasks) await task();
  await ctx.services.callers.forget({ workspaceId: access.workspaceId });
  await ctx.services.events.publish('workspace.metadata', access.workspaceId, {
    workspaceId: access.workspaceId,
  });
  return result;
}
