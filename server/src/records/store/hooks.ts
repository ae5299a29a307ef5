import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkspaceMetadata } from '../../metadata/index.js';
import type { RecordChange, WriteOrigin } from '../api.js';

/** A change as written, before the log gives it its id. */
export type PendingChange = Omit<RecordChange, 'changeId'>;

/**
 * Runs one SQL statement in the write's transaction and resolves to its rows: an
 * EntityManager's `execute`, or the write's own connection taking the same text and
 * `?` parameters (the `method` argument aside: it answers rows).
 */
export type WriteSql = Pick<EntityManager, 'execute'>;

/**
 * What other modules attach to the write path (change feed, automation, search
 * projection), in the manner of Hocuspocus extensions: optional async hooks, one
 * payload object each. The store calls them; nobody calls them by hand.
 */
export interface RecordHooks {
  /**
   * Inside the write's transaction, after the rows and the change log are written
   * (a statement of `db` is sent after the log's insert): more writes join the
   * transaction, and throwing rolls the whole write back.
   */
  afterWrite?(payload: RecordWritePayload): void | Promise<void>;
  /**
   * Whether `afterWrite` can have anything to do for an update of these fields of one record.
   * A write none of whose hooks can is sent as one statement that works its change out in SQL,
   * so `afterWrite` never sees it. Absent beside an `afterWrite`: it can.
   */
  actsOnUpdate?(payload: UpdateShape): boolean | Promise<boolean>;
  /**
   * After commit. The change log is already durable (it is the feed's outbox), so
   * this only wakes publishers up; an error here reaches the caller of the write,
   * which has nevertheless been committed.
   */
  afterCommit?(payload: RecordCommitPayload): void | Promise<void>;
}

export interface RecordCommitPayload {
  metadata: WorkspaceMetadata;
  actorId: string;
  /** In the order written; one write may change several records (cascades, bulk). */
  changes: RecordChange[];
  /**
   * False for a write nested in a transaction its caller has not committed yet (the hook then
   * runs after the write's block, and the changes may still roll back): a wake-up, not news.
   */
  committed?: boolean;
}

export interface RecordWritePayload {
  /** The transaction's statements. */
  db: WriteSql;
  metadata: WorkspaceMetadata;
  actorId: string;
  /** In the order written; their change ids are drawn with the log's insert. */
  changes: PendingChange[];
  /** The request the write came from, when it came from one. */
  origin?: WriteOrigin;
}

/** An update as it is known before it is sent: the object and the fields it sets. */
export interface UpdateShape {
  /** The transaction's statements (a hook may read what it needs to answer, e.g. its rules). */
  db: WriteSql;
  metadata: WorkspaceMetadata;
  objectId: string;
  fieldKeys: readonly string[];
}
