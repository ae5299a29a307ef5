import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../identity/index.js';
import type { ChangeFeed } from '../realtime/index.js';
import type { RecordStore } from '../records/index.js';
import type { TimelineSource } from './source.js';

/** What the record timeline needs from the app: its sources, the store and the change feed. */
export interface TimelineServices {
  records: RecordStore;
  changeFeed: ChangeFeed;
  /** Every source merged into a timeline, in the order ties are shown (see standardTimelineSources). */
  timelineSources: readonly TimelineSource[];
  /** The name an item's actor shows under: a member's, or another module's (an automation rule's). */
  actorName(em: EntityManager, workspaceId: string, actorId: string): Promise<string | null>;
}

/** A timeline resolver's context: the request with the module's own services. */
export type TimelineContext = RequestContext<TimelineServices>;
