import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkspaceMetadata } from '../metadata/index.js';
import type { ChangeLogRow } from '../records/index.js';

/**
 * A reader of the change log that acts on committed changes after commit (automation's
 * dispatcher, outgoing webhooks): each change once, in id order, durably. Its cursor per
 * workspace advances in the transaction that runs `consume`, so whatever `consume`
 * writes or enqueues (`scheduleJobs`) commits with the cursor: a crash at any point
 * neither loses a change nor acts on one twice.
 */
export interface ChangeConsumer {
  /** Stable: it names the cursor rows and the jobs. */
  name: string;
  /**
   * Whether the workspace has anything for this consumer. Called after every record
   * commit, so it must be cheap (cached by `metadata.version`, say); false skips the
   * wake-up. A workspace that turns wanted later starts at the log's end: see `startCursor`.
   */
  wants(metadata: WorkspaceMetadata): boolean | Promise<boolean>;
  /** Acts on settled changes, in id order, in `em`'s transaction (the one advancing the cursor). */
  consume(em: EntityManager, batch: ConsumedBatch): Promise<void>;
}

export interface ConsumedBatch {
  workspaceId: string;
  /** The workspace's metadata now (not at the time of the changes). */
  metadata: WorkspaceMetadata;
  /** In id order; `xid` tells which changes one transaction wrote. */
  changes: readonly ChangeLogRow[];
}
