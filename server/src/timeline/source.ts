import type { EntityManager } from '@mikro-orm/postgresql';
import type { ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import type { ChangeEvent } from '../realtime/index.js';
import type { RecordScope, SqlRecordStore } from '../records/index.js';

/**
 * The record whose timeline is read, with the workspace's metadata as the caller may see it
 * (fields their permission profile hides, and objects it does not let them read, archived).
 */
export interface TimelineTarget {
  metadata: WorkspaceMetadata;
  object: ObjectDef;
  recordId: string;
}

/** What a source may read with: the request's entity manager and the caller, already checked. */
export interface TimelineSourceContext {
  em: EntityManager;
  records: SqlRecordStore;
  workspaceId: string;
  userId: string;
  /** The caller's record scope (none: every record): linked records are read through it. */
  scope?: RecordScope;
}

/** One entry of a record's timeline. */
export interface TimelineItem {
  /** Unique in the timeline and the same in a read and a live push, e.g. `change:42`. */
  id: string;
  /** FIELD_CHANGE, STAGE_MOVE, TASK, NOTE, or a kind a plugged-in source adds. */
  kind: string;
  at: Date;
  actorId: string | null;
  /** The record the item is about: the target itself, or a linked record (a task, a note). */
  object: string;
  recordId: string;
  /** Kind-specific values (see docs/timeline in docs/realtime.md). */
  data: Record<string, unknown>;
}

/** An item with the source's own position after it: where its next page starts. */
export interface TimelineEntry {
  item: TimelineItem;
  cursor: string;
}

/**
 * A live event: an item is new, or changed (its `data` merges over the one held), or
 * `removed` (no longer on this timeline).
 */
export interface TimelineEvent {
  item: TimelineItem;
  removed: boolean;
}

export interface TimelineReadQuery {
  target: TimelineTarget;
  /** This source's cursor from an earlier entry; null for the newest. */
  after: string | null;
  /** At most this many entries, newest first. */
  first: number;
  /** The kinds asked for (a subset of the source's `kinds`). */
  kinds: ReadonlySet<string>;
}

/** Per subscriber: what one committed record change adds, changes or removes in the timeline. */
export type TimelineChangeWatcher = (change: ChangeEvent) => TimelineEvent[] | Promise<TimelineEvent[]>;

/**
 * One kind (or a few) of timeline items. The feed merges the sources newest first; each
 * keeps its own cursor, so a source orders and pages its items however suits its table.
 * Registered in app/server.ts (`timelineSources`); the caller's read access is checked
 * before any source is asked.
 */
export interface TimelineSource {
  /** Unique among the sources: its part of the feed's cursor. */
  name: string;
  kinds: readonly string[];
  /** Entries newest first (by `item.at`), after `query.after`. */
  read(ctx: TimelineSourceContext, query: TimelineReadQuery): Promise<TimelineEntry[]>;
  /** Live, for items told by the change log: set up per subscriber, then called with every change. */
  watchChanges?(ctx: TimelineSourceContext, target: TimelineTarget): Promise<TimelineChangeWatcher>;
  /**
   * Live, for sources with events of their own (comments): the target's item events until
   * ended. `since`, a snapshot (a `changeCursor`): first the items written or removed after it
   * (`liveTimelineEvents`' catch-up), since the bus keeps no history.
   */
  subscribe?(
    ctx: TimelineSourceContext,
    target: TimelineTarget,
    since: string | null,
  ): AsyncIterable<TimelineEvent>;
}
