import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub, type PubSubEventTarget } from '@graphql-yoga/subscription';
import { Redis } from 'ioredis';
import type { Logger } from './logger.js';
import { createPostgresEventTarget } from './postgres-event-target.js';

/**
 * Topics of the event bus, each with its routing id (a workspace) and payload.
 * Subscriptions listen by topic and id, so one workspace never hears another.
 * Payloads are small wake-ups and ids: what happened is read from the database.
 */
export interface EventTopics {
  'workspace.members': [
    workspaceId: string,
    payload: { kind: 'ADDED' | 'UPDATED' | 'REMOVED'; userId: string },
  ];
  'workspace.metadata': [workspaceId: string, payload: { workspaceId: string }];
  /** Records changed: `record_change` rows up to `lastChangeId` are committed. */
  'workspace.changes': [workspaceId: string, payload: { lastChangeId: string }];
  /** A session ended (sign-out) or an API token was revoked: sockets opened with it close. */
  'identity.revoked': [scope: 'credentials', payload: { sessionId?: string; tokenId?: string }];
  /** A saved view changed; `shared` if it was shared before or after, else only `ownerId` may hear it. */
  'workspace.views': [
    workspaceId: string,
    payload: { viewId: string; kind: 'CREATED' | 'UPDATED' | 'DELETED'; ownerId: string; shared: boolean },
  ];
  /** A notification was added to one member's inbox (routed by `<workspaceId>:<userId>`). */
  'inbox.notifications': [inbox: string, payload: { notificationId: string }];
}

type Topics = { [K in keyof EventTopics]: EventTopics[K] };
export type EventBus = PubSub<Topics>;

export interface EventBusHandle {
  bus: EventBus;
  /** Settles when the bus can hear other processes (at once for in-process and Redis). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface EventBusOptions {
  redisUrl?: string;
  /** Without Redis, processes sharing this database hear each other over LISTEN/NOTIFY. */
  databaseUrl?: string;
  logger?: Logger;
}

/**
 * Redis when `redisUrl` is set; otherwise PostgreSQL LISTEN/NOTIFY on `databaseUrl`, so
 * several processes on one database need no Redis; in-process only without either (tests).
 */
export function createEventBus(options: EventBusOptions = {}): EventBusHandle {
  const { redisUrl, databaseUrl, logger } = options;
  if (redisUrl) return redisEventBus(redisUrl);
  if (databaseUrl && logger) {
    const postgres = createPostgresEventTarget(databaseUrl, logger, { catchUp: changeFeedCatchUp });
    return {
      bus: createPubSub<Topics>({ eventTarget: postgres.target as PubSubEventTarget<Topics> }),
      ready: postgres.ready,
      close: () => postgres.close(),
    };
  }
  return { bus: createPubSub<Topics>(), ready: Promise.resolve(), close: async () => undefined };
}

/**
 * After the listening connection was lost, a change-feed topic gets a wake-up: the feed
 * re-reads `record_change` from its last position, so no committed change is missed.
 */
function changeFeedCatchUp(topic: string): EventTopics['workspace.changes'][1] | undefined {
  return topic.startsWith('workspace.changes:') ? { lastChangeId: '0' } : undefined;
}

function redisEventBus(redisUrl: string): EventBusHandle {
  // No retry limit: while Redis is down, commands wait for it to come back. With a limit they
  // fail, and the event target's publish and subscribe are not awaited by anyone, so the
  // rejection is unhandled and kills the process (tests/load: Redis restarted under load).
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: null });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: null });
  const eventTarget = wakeFeedsOnReconnect(
    createRedisEventTarget({ publishClient, subscribeClient }),
    subscribeClient,
  );
  return {
    bus: createPubSub<Topics>({ eventTarget }),
    ready: Promise.resolve(),
    close: async () => {
      // Unsubscribes of listeners that just ended are sent on a later tick; they go first.
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}

type Listener = (event: CustomEvent) => void;

/**
 * Wake-ups published while this process was cut off from Redis are lost; the changes are
 * not (they are in `record_change`). So when the subscriber connection is back, every change
 * feed of this process is woken once to read what it missed, instead of waiting for the
 * workspace's next write.
 */
function wakeFeedsOnReconnect<T extends ReturnType<typeof createRedisEventTarget>>(
  target: T,
  subscribeClient: Redis,
): T {
  const listeners = new Map<string, Set<Listener>>();
  let connectedBefore = false;
  subscribeClient.on('ready', () => {
    if (connectedBefore)
      for (const [topic, set] of listeners)
        if (topic.startsWith('workspace.changes:'))
          for (const listener of set) listener(new CustomEvent(topic, { detail: { lastChangeId: '0' } }));
    connectedBefore = true;
  });
  return {
    ...target,
    addEventListener(topic: string, listener: Listener) {
      listeners.set(topic, (listeners.get(topic) ?? new Set()).add(listener));
      target.addEventListener(topic, listener as never);
    },
    removeEventListener(topic: string, listener: Listener) {
      listeners.get(topic)?.delete(listener);
      if (listeners.get(topic)?.size === 0) listeners.delete(topic);
      target.removeEventListener(topic, listener as never);
    },
  } as T;
}
