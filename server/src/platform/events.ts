import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub, type PubSubEventTarget } from '@graphql-yoga/subscription';
import type { Redis } from 'ioredis';
import type { Logger } from './logger.js';
import { createPostgresEventTarget } from './postgres-event-target.js';
import { FeedQueue } from './feed-queue.js';
import { connectRedis, onReconnect } from './redis-client.js';
import { sharedRoundTrip } from './shared-round-trip.js';

/**
 * Topics of the event bus, each with its routing id (a workspace) and payload. Empty here:
 * each feature declares its own topics by merging into this interface
 * (`declare module '../platform/index.js' { interface EventTopics { … } }`), so the bus
 * knows no feature by name. Subscriptions listen by topic and id, so one workspace never
 * hears another. Payloads are small wake-ups and ids: what happened is read from the database.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface EventTopics {}

type Topics = { [K in keyof EventTopics]: EventTopics[K] };
export type EventBus = PubSub<Topics>;

export interface EventBusHandle {
  bus: EventBus;
  /** Settles when the bus can hear other processes (at once for in-process and Redis). */
  ready: Promise<void>;
  /**
   * Which unbroken link to the other processes this is: a new number after each reconnect
   * (events of the gap are lost), undefined while cut off. Caches keep entries of one link only.
   */
  link(): number | undefined;
  /** Settles once everything published so far has been handed to the other processes. */
  delivered(): Promise<void>;
  /**
   * Settles once every event the other processes published before the call has been heard
   * here (a round trip on the listening connection, shared by the calls waiting for one).
   */
  fence(): Promise<void>;
  /**
   * The ids of the processes that listen to `<routingKey>:<id>` (topics in `counted`), this
   * one's included, as the bus's server knows them: from the moment a subscription is in place.
   */
  members(routingKey: string): Promise<string[]>;
  /**
   * True while no other process is on the bus, so events stay in this one (LISTEN/NOTIFY sends
   * nothing then; Redis always publishes, so is never alone).
   */
  alone(): boolean;
  close(): Promise<void>;
}

export interface EventBusOptions {
  redisUrl?: string;
  /** Without Redis, processes sharing this database hear each other over LISTEN/NOTIFY. */
  databaseUrl?: string;
  logger?: Logger;
  /**
   * After the connection to the other processes was lost and is back, the wake-up a topic
   * (`<topic>:<id>`) of this process gets, if any: what was published meanwhile is lost.
   */
  catchUp?: (topic: string) => unknown;
  /**
   * Topics whose wake-ups only say "read again": several queued behind a NOTIFY under way go
   * out as the latest one (LISTEN/NOTIFY only; Redis publishes each at once).
   */
  coalesce?: (topic: string) => boolean;
  /**
   * Topics `<routingKey>:<id>` whose listeners `members` lists: each process listens to its
   * own id, a positive 32-bit integer (PostgreSQL keeps it as an advisory lock).
   */
  counted?: (topic: string) => boolean;
}

/**
 * Redis when `redisUrl` is set; otherwise PostgreSQL LISTEN/NOTIFY on `databaseUrl`, so
 * several processes on one database need no Redis; in-process only without either (tests).
 */
export function createEventBus(options: EventBusOptions = {}): EventBusHandle {
  const { redisUrl, databaseUrl, logger, catchUp, coalesce, counted } = options;
  if (redisUrl) return redisEventBus(redisUrl, catchUp, logger);
  if (databaseUrl && logger) {
    const postgres = createPostgresEventTarget(databaseUrl, logger, { catchUp, coalesce, counted });
    return {
      bus: queuedPubSub(postgres.target as PubSubEventTarget<Topics>),
      ready: postgres.ready,
      link: postgres.link,
      delivered: postgres.delivered,
      fence: postgres.fence,
      members: postgres.members,
      alone: postgres.alone,
      close: () => postgres.close(),
    };
  }
  return {
    bus: queuedPubSub(new EventTarget()),
    ready: Promise.resolve(),
    link: () => 0,
    delivered: async () => undefined,
    fence: async () => undefined,
    // One process: the others are none.
    members: async () => [],
    alone: () => true,
    close: async () => undefined,
  };
}

/**
 * graphql-yoga's pub/sub, whose subscriptions queue what their reader has not taken yet. Its
 * own iterator (a Repeater) throws once 1,024 events are unread, inside the publisher's event
 * listener, where EventTarget rethrows it as an uncaught exception: 10,000 reminders reaching
 * one subscriber at once ended the process. A subscription listens from the moment it is made
 * until it is returned (graphql-ws returns it when the operation ends or the socket closes).
 */
function queuedPubSub(target: PubSubEventTarget<Topics>): EventBus {
  const { publish } = createPubSub<Topics>({ eventTarget: target });
  const subscribe = (routingKey: string, id?: string) => {
    const topic = id === undefined ? routingKey : `${routingKey}:${id}`;
    const listener = (event: Event) => queue.push((event as CustomEvent).detail);
    const queue = new FeedQueue<unknown>(() => target.removeEventListener(topic, listener as never));
    target.addEventListener(topic, listener as never);
    return queue;
  };
  // Callers only iterate what `subscribe` returns; the type says Repeater, which it also iterates like.
  return { publish, subscribe } as unknown as EventBus;
}

function redisEventBus(
  redisUrl: string,
  catchUp: EventBusOptions['catchUp'],
  logger: Logger | undefined,
): EventBusHandle {
  // No retry limit: while Redis is down, commands wait for it to come back. With a limit they
  // fail, and the event target's publish and subscribe are not awaited by anyone, so the
  // rejection is unhandled and kills the process (tests/load: Redis restarted under load).
  const options = { lazyConnect: false, maxRetriesPerRequest: null };
  const publishClient = connectRedis(redisUrl, options, logger, 'event bus, publishing');
  const subscribeClient = connectRedis(redisUrl, options, logger, 'event bus, listening');
  const eventTarget = catchUpOnReconnect(
    createRedisEventTarget({ publishClient, subscribeClient }),
    subscribeClient,
    catchUp,
  );
  let links = 0;
  subscribeClient.on('ready', () => (links += 1));
  // The subscriber connection answers PING after the messages published before it.
  const fence = sharedRoundTrip(async () => void (await subscribeClient.ping()));
  return {
    bus: queuedPubSub(eventTarget),
    // Subscriptions made while a connection is still in its handshake can put it in subscriber
    // mode before ioredis's ready check, which then fails (an unhandled error): start once both
    // are ready, or after a while without Redis (commands then wait for it, as after a restart).
    ready: Promise.all([whenReady(publishClient), whenReady(subscribeClient)]).then(() => undefined),
    link: () => (subscribeClient.status === 'ready' ? links : undefined),
    // Redis answers one connection's commands in order: once PING is answered, the PUBLISHes
    // sent before it have reached the subscribers.
    delivered: async () => void (await publishClient.ping()),
    fence,
    // The fence follows this process's SUBSCRIBE; Redis lists the channels someone listens to.
    members: async (routingKey) => {
      await fence();
      const channels = (await publishClient.pubsub('CHANNELS', `${routingKey}:*`)) as string[];
      return channels.map((channel) => channel.slice(routingKey.length + 1));
    },
    alone: () => false,
    close: async () => {
      // Unsubscribes of listeners that just ended are sent on a later tick; they go first.
      await new Promise((resolve) => setImmediate(resolve));
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}

type Listener = (event: CustomEvent) => void;

function whenReady(client: Redis, waitMs = 10_000): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, waitMs);
    client.once('ready', done);
    function done() {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    }
  });
}

/**
 * Wake-ups published while this process was cut off from Redis are lost; what they announced
 * is not (it is in the database). So when the subscriber connection is back, every topic with
 * a catch-up wake-up (the change feeds') is woken once to read what it missed, instead of
 * waiting for the workspace's next write.
 */
function catchUpOnReconnect<T extends ReturnType<typeof createRedisEventTarget>>(
  target: T,
  subscribeClient: Redis,
  catchUp: EventBusOptions['catchUp'],
): T {
  const listeners = new Map<string, Set<Listener>>();
  onReconnect(subscribeClient, () => {
    for (const [topic, set] of listeners) {
      const wakeUp = catchUp?.(topic);
      if (wakeUp !== undefined)
        for (const listener of set) listener(new CustomEvent(topic, { detail: wakeUp }));
    }
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
