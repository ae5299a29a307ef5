import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../identity/index.js';
import type { ChangeEventGate, ChangeFeed } from '../realtime/index.js';
import type { RecordAccessViews, SqlRecordStore } from '../records/index.js';
import type { TimelineSource } from './source.js';

/** What the record timeline needs from the app: its sources, the store, the change feed and the access checks. */
export interface TimelineServices {
  records: SqlRecordStore;
  changeFeed: ChangeFeed;
  /** The caller's permission profile: the record in read scope, hidden fields and records left out. */
  recordAccess: RecordAccessViews;
  changeEventAccess: ChangeEventGate;
  /** Every source merged into a timeline, in the order ties are shown (see standardTimelineSources). */
  timelineSources: readonly TimelineSource[];
  /** The name an item's actor shows under: a member's, or another module's (an automation rule's). */
  actorName(em: EntityManager, workspaceId: string, actorId: string): Promise<string | null>;
}

/** A timeline resolver's context: the request with the module's own services. */
export type TimelineContext = RequestContext<TimelineServices>;
