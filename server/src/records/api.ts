import type { ChangeKind } from '@crm/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldDef, ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import type { Embed, EmbeddedRows } from './query/embeds.js';
import type { FilterLimits } from './query/filter-limits.js';
import type { ListStatements } from './query/list-statements.js';
import type { Sql } from './query/sql.js';
import type { Role } from '../identity/index.js';

/**
 * The contract between the generated GraphQL layer (records/schema) and the record
 * store (records/store) with its query compiler (records/query).
 * Values are API values keyed by field key: a CURRENCY is {amount, currency}, a DATE
 * 'YYYY-MM-DD', a DATETIME a Date, a MANY_TO_ONE relation the related id, a
 * MANY_TO_MANY relation a list of ids; ONE_TO_MANY fields are not part of a row.
 */

export interface RecordContext {
  em: EntityManager;
  metadata: WorkspaceMetadata;
  /** The user writing; recorded as createdBy/updatedBy and in the change log. */
  actorId: string;
  /** The actor's IANA time zone, where relative dates in filters are read (UTC when not given). */
  timeZone?: string | null;
  /** Bounds on a list's filter (the server's configuration); the defaults when not given. */
  filterLimits?: FilterLimits;
  /**
   * For a write inside a caller's transaction: queues the after-commit work (the
   * feed's wake-up among it) to run when that transaction commits, not when the
   * write's own block ends.
   */
  deferAfterCommit?: (task: () => Promise<void>) => void;
  /** Where the write came from (the request's address, user agent and API token), for the audit log. */
  origin?: WriteOrigin;
  /** The caller's record and field scope (their permission profile); none: every record. */
  scope?: RecordScope;
  /**
   * List statements cached per query shape, owned by the metadata snapshot `metadata` is
   * (the built schema's); absent: compiled per read.
   */
  statements?: ListStatements;
}

export type ScopedAction = 'read' | 'update' | 'delete';

/**
 * For readers outside the generated schema (boards, reports): the metadata as a caller may see
 * it (hidden fields and unreadable objects archived) and their record scope (none: every record).
 */
export interface RecordAccessViews {
  forCaller(
    workspaceId: string,
    userId: string,
    role: Role,
    metadata: WorkspaceMetadata,
  ): Promise<{ metadata: WorkspaceMetadata; scope?: RecordScope }>;
  /** Of these users, the members whose profile lets them read the record (owners and admins always). */
  readersAmong(
    workspaceId: string,
    objectId: string,
    recordId: string,
    userIds: readonly string[],
  ): Promise<Set<string>>;
  /**
   * For telling members about one record (notifications, reminders): each member's view of it,
   * read in `em` (the caller's transaction); null for one who cannot read it or is not a member.
   */
  readersOf(
    em: Pick<EntityManager, 'execute'>,
    at: { workspaceId: string; metadata: WorkspaceMetadata; object: ObjectDef; recordId: string },
    userIds: readonly string[],
  ): Promise<Map<string, RecordView | null>>;
}

/** A member's view of the records: the metadata with their hidden fields archived, and their scope. */
export interface RecordView {
  metadata: WorkspaceMetadata;
  scope?: RecordScope;
}

/**
 * What a permission profile allows one caller, asked by the query compiler and the write
 * path (the access module computes it; records only applies it).
 */
/** Runs one statement in the caller's transaction (the scope's look at what the caller holds). */
export type Probe = (statement: Sql) => Promise<Record<string, unknown>[]>;

export interface RecordScope {
  /** The rows of `object` the caller may act on, as a predicate over `alias`; null: all of them. */
  rows(object: ObjectDef, action: ScopedAction, alias: string): Sql | null;
  /**
   * The same rows as alternatives whose OR is `rows` (owner, each granting field, shares), so
   * a list reads each by its own index and unites them; null: all of them, none: no row.
   * `probe` runs a statement in the caller's transaction: an alternative that holds nothing
   * for the caller (no share on the object) is left out, sparing the union its planning.
   */
  holders(object: ObjectDef, action: ScopedAction, alias: string, probe: Probe): Promise<Sql[] | null>;
  canCreate(object: ObjectDef): boolean;
  /** Keys of the fields the caller sees but may not write. */
  readOnlyKeys(object: ObjectDef): ReadonlySet<string>;
  /** Ids of the object's fields hidden from the caller (search must not match their words). */
  hiddenFieldIds(object: ObjectDef): ReadonlySet<string>;
}

export interface WriteOrigin {
  address?: string | null;
  userAgent?: string | null;
  tokenId?: string | null;
}

export interface RecordRow {
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  updatedBy: string | null;
  owner: string | null;
  deletedAt: Date | null;
  [fieldKey: string]: unknown;
}

/** A field filter: operator → operand, e.g. {gte: 100} or {in: ['a', 'b']} or {isEmpty: true}. */
export type FieldFilter = Partial<Record<string, unknown>> & {
  /** MANY_TO_ONE: the related record matches this filter (one level deep). */
  is?: RecordFilter;
  /** To-many relations: some / no related record matches. */
  some?: RecordFilter;
  none?: RecordFilter;
};

export interface RecordFilter {
  and?: RecordFilter[];
  or?: RecordFilter[];
  not?: RecordFilter;
  [fieldKey: string]: FieldFilter | RecordFilter[] | RecordFilter | undefined;
}

export interface SortInput {
  /** A field key, system fields (createdAt, updatedAt…) included. */
  field: string;
  direction: 'ASC' | 'DESC';
  nulls?: 'FIRST' | 'LAST';
}

export interface ListArgs {
  filter?: RecordFilter | null;
  sort?: SortInput[] | null;
  /** Page size, 1–500 (default 50). */
  first?: number | null;
  /** An opaque cursor from a previous page's endCursor. */
  after?: string | null;
  /** Full-text search over the object's searchable fields. */
  search?: string | null;
  includeDeleted?: boolean | null;
  /**
   * The field keys the caller will read of each row (the GraphQL selection); the rows carry
   * only those (and `id`). Null or absent: every field.
   */
  fields?: ReadonlySet<string> | null;
  /** False when only the count is asked for: the page is not read (it comes back empty). */
  page?: boolean;
  /** To-one relations whose records the page's statement reads too (query/embeds.ts). */
  embeds?: readonly Embed[];
}

export interface RecordConnection {
  nodes: RecordRow[];
  edges: { cursor: string; node: RecordRow }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when asked for. */
  totalCount: () => Promise<number>;
  /** The records of `ListArgs.embeds`, in their order. */
  embedded?: EmbeddedRows[];
}

export interface RecordUpdate {
  id: string;
  patch: Record<string, unknown>;
  expectedVersion?: number | null;
  /** The board position (a fractional index), set only by moving a card. */
  rank?: string | null;
}

export interface RecordChange {
  changeId: string;
  objectId: string;
  recordId: string;
  kind: ChangeKind;
  actorId: string | null;
  /** Field key → [old, new] API values. */
  changes: Record<string, [unknown, unknown]>;
  version: number;
  /** When it was logged (`record_change.created_at`, the write's start), once it is. */
  at?: Date;
}

/** A `record_change` row as the change log reads it back (raw query: ids and times as text). */
export interface ChangeLogRow {
  id: string;
  object_id: string;
  object_key: string;
  record_id: string;
  kind: RecordChange['kind'];
  version: number;
  actor_id: string | null;
  created_at: Date | string;
  changes: Record<string, [unknown, unknown]>;
  /** The writing transaction's id (`xid8` as text): the same for every change of one write. */
  xid: string;
}

/** Where the change log stood at one read; see `readChangeLogPosition`. */
export interface ChangeLogPosition {
  /** The last change id drawn (committed or not). */
  lastId: bigint;
  /** A transaction id taken after `lastId` was read; null when nothing new was drawn. */
  readerXid: bigint | null;
  /** The oldest transaction id still in flight at this read (on the whole server). */
  xmin: bigint;
  /**
   * No transaction below it that may hold one of this log's ids was in flight at this read
   * (at least `xmin`; transactions that hold no change id, in any database, are passed over).
   */
  horizon: bigint;
  /** The read's snapshot, as PostgreSQL prints a `pg_snapshot`. */
  snapshot: string;
}

/** A change made by a caller's own statement, to be logged (the store adds id and actor). */
export type LoggedChangeInput = Omit<RecordChange, 'changeId' | 'actorId'>;

export interface RecordStore {
  list(ctx: RecordContext, object: ObjectDef, args: ListArgs): Promise<RecordConnection>;
  /**
   * By ids, in the order asked, null where missing (DataLoader batch function); `fields`: only
   * those field keys are read (and `id`), as ListArgs' `fields`.
   */
  getMany(
    ctx: RecordContext,
    object: ObjectDef,
    ids: readonly string[],
    options?: { fields?: ReadonlySet<string> | null },
  ): Promise<(RecordRow | null)[]>;
  /** For a to-many relation field of `object`: related rows per parent id. */
  related(
    ctx: RecordContext,
    object: ObjectDef,
    field: FieldDef,
    parentIds: readonly string[],
  ): Promise<Map<string, RecordRow[]>>;
  /**
   * `fields`, as getMany's: the row answered holds those field keys (and `id`), as the written
   * record has them; the write itself is the same.
   */
  create(
    ctx: RecordContext,
    object: ObjectDef,
    input: Record<string, unknown>,
    options?: { fields?: ReadonlySet<string> | null },
  ): Promise<RecordRow>;
  createMany(ctx: RecordContext, object: ObjectDef, inputs: Record<string, unknown>[]): Promise<RecordRow[]>;
  /** `fields`: as create's (an update may answer more fields than asked). */
  update(
    ctx: RecordContext,
    object: ObjectDef,
    update: RecordUpdate,
    options?: { fields?: ReadonlySet<string> | null },
  ): Promise<RecordRow>;
  updateMany(ctx: RecordContext, object: ObjectDef, updates: RecordUpdate[]): Promise<RecordRow[]>;
  /**
   * A bulk load's batch (an import): creates and updates as one write — one INSERT, the
   * updates, one change-log statement, the hooks once — without the per-call cap of the
   * API's bulk mutations. Error paths are ['creates', index, key] and ['updates', index, 'input', key].
   */
  writeMany(
    ctx: RecordContext,
    object: ObjectDef,
    batch: { creates: readonly Record<string, unknown>[]; updates: readonly RecordUpdate[] },
  ): Promise<{ created: RecordRow[]; updated: RecordRow[] }>;
  /** Soft delete: the record leaves lists and comes back with restore. */
  delete(ctx: RecordContext, object: ObjectDef, id: string): Promise<RecordRow>;
  restore(ctx: RecordContext, object: ObjectDef, id: string): Promise<RecordRow>;
  /**
   * Soft-deletes records in one write (no cap on the count: for batched jobs such as an
   * import's undo); answers how many were live. Missing or deleted ids are skipped.
   */
  deleteMany(ctx: RecordContext, object: ObjectDef, ids: readonly string[]): Promise<number>;
  /**
   * Writes made by the caller's own set-based statements (a stage's records moved, a
   * field's values converted): `work` runs in the write's transaction and returns what
   * it changed, which is logged, passed to the hooks and announced like any write.
   */
  writeLogged(
    ctx: RecordContext,
    work: (em: EntityManager) => Promise<LoggedChangeInput[]>,
  ): Promise<RecordChange[]>;
}
