import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { MetadataCache } from '../../metadata/index.js';
import type { EventBus, InboundSettings, Logger } from '../../platform/index.js';
import type { RecordStore } from '../../records/index.js';

/** What receiving mail needs from the process: the API server's or a worker's. */
export interface InboundDeps {
  orm: MikroORM;
  logger: Logger;
  events: EventBus;
  metadataCache: MetadataCache;
  /** Read when a message arrives: the store is made after the jobs' tasks. */
  records: () => RecordStore;
  settings: InboundSettings;
  /** Automation's hook for outside events (fireExternalTrigger), wired by the app: automation sends mail. */
  fireTrigger(em: EntityManager, event: ReceivedMailEvent): Promise<unknown>;
  /** A reply to mail we sent was logged, in its transaction: lead rating re-rates what it answers. */
  replyLogged(em: EntityManager, event: ReplyLoggedEvent): Promise<unknown>;
}

/** The records a received reply answers (see answered.ts). */
export interface ReplyLoggedEvent {
  workspaceId: string;
  recordIds: string[];
  /** The inbound message's id. */
  eventId: string;
}

/** A received message logged on a record: automation's EMAIL_RECEIVED. */
export interface ReceivedMailEvent {
  workspaceId: string;
  trigger: 'EMAIL_RECEIVED';
  objectKey: string;
  recordId: string;
  /** The inbound message's id: a repeat starts nothing. */
  eventId: string;
}
