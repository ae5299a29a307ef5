import { randomUUID } from 'node:crypto';
import type { PubSubEventTarget } from '@graphql-yoga/subscription';
import pg from 'pg';
import { BusPeers, type PeerMessage } from './bus-peers.js';
import { sharedRoundTrip } from './shared-round-trip.js';
import type { Logger } from './logger.js';

const { escapeLiteral } = pg;

/** One channel for every topic: the topic travels in the payload, so one LISTEN hears all. */
const channel = 'crm_events';
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more. */
const maxPayloadBytes = 7_900;
const firstRetryMs = 100;
const maxRetryMs = 5_000;
/** What the listening connection calls itself (`pg_stat_activity`): every version so far. */
const listenerName = 'crm-events-listen';
/** The routing key under which every listener is on the server's list (`members`). */
const peerRoutingKey = 'platform.bus-peer';
/** While not alone, how often the list of processes is read again. */
const peerCheckMs = 10_000;

interface Notification {
  /** The publishing process, so it can skip its own echo. */
  o: string;
  /** The pub/sub topic (`<routing key>:<id>`). */
  t: string;
  d: unknown;
  /**
   * The publisher's count: PostgreSQL delivers one of identical notifications sent in one
   * transaction, and a batch is one; every event must arrive (and be echoed) on its own.
   */
  n: number;
  /** A peer message instead of an event (`t` and `d` unused). */
  c?: PeerMessage;
}

type AnyTopics = Record<string, [string, unknown]>;
type Listener = Parameters<EventTarget['addEventListener']>[1];

export interface PostgresEventTarget {
  target: PubSubEventTarget<AnyTopics>;
  /**
   * Settles once the first LISTEN is in place and every other process on the list answered
   * (or listening failed and is being retried).
   */
  ready: Promise<void>;
  /** A new number each time LISTEN is (again) in place; undefined while it is not. */
  link(): number | undefined;
  /** Settles once notifications committed before the call have reached this process. */
  fence(): Promise<void>;
  /** Settles once the notifications queued so far came back to this process's own LISTEN. */
  delivered(): Promise<void>;
  /** The ids `<id>` of the processes listening to a counted `<routingKey>:<id>`, this one's included. */
  members(routingKey: string): Promise<string[]>;
  /** True while no other process listens: events then stay in this process (nothing is sent). */
  alone(): boolean;
  close(): Promise<void>;
}

export interface PostgresEventTargetOptions {
  /** After the listening connection was lost and is back: a wake-up per local topic, if any. */
  catchUp?: (topic: string) => unknown;
  /**
   * Topics whose events are wake-ups: one still waiting to be sent, and last in line, takes
   * the payload of the next of its topic instead of queueing another (writers that commit
   * while a NOTIFY is under way share the next one).
   */
  coalesce?: (topic: string) => boolean;
  /**
   * Topics `<routingKey>:<id>`, `id` a positive 32-bit integer, that `members` lists: while a
   * process listens to one, its listening connection holds the advisory lock (hash of the
   * routing key, id), taken again on each reconnect.
   */
  counted?: (topic: string) => boolean;
}

/** The advisory lock a listener of a counted topic holds, as SQL arguments. */
function memberLock(topic: string): string {
  const at = topic.lastIndexOf(':');
  const id = Number(topic.slice(at + 1));
  if (at < 0 || !Number.isInteger(id) || id <= 0 || id >= 2 ** 31)
    throw new Error(`a counted topic ends with a positive 32-bit id: ${topic}`);
  return `hashtext(${escapeLiteral(topic.slice(0, at))}), ${id}`;
}

/**
 * An event target for graphql-yoga's pub/sub over PostgreSQL LISTEN/NOTIFY: processes that
 * share a database hear each other's events without Redis. Events reach this process's
 * listeners at once (no round trip) and go to the others through `pg_notify`, in publishing
 * order, what queued up while one statement was out sent together in the next (wake-ups that
 * can be merged are sent as one); one
 * dedicated connection listens and, when dropped, reconnects with backoff and listens again.
 */
/** Notifications sent in one statement at most (each payload is at most 8,000 bytes). */
const maxBatch = 100;

export function createPostgresEventTarget(
  databaseUrl: string,
  logger: Logger,
  options: PostgresEventTargetOptions = {},
): PostgresEventTarget {
  const origin = randomUUID();
  const local = new EventTarget();
  const listenerCounts = new Map<string, number>();
  const publisher = new pg.Pool({
    connectionString: databaseUrl,
    max: 1,
    application_name: 'crm-events-publish',
  });
  // An idle connection killed by the server must not crash the process; the pool replaces it.
  publisher.on('error', (error) => logger.warn({ err: error }, 'event bus publishing connection lost'));
  let listener: pg.Client | undefined;
  /** Counts the LISTENs that took; `listening` is false while none is in place. */
  let links = 0;
  let listening = false;
  /**
   * Our own notifications sent and heard back. Every listener is woken by the same commit,
   * so hearing ours back is the sign the others have theirs too (`delivered`).
   */
  let sent = 0;
  let echoed = 0;
  /** Events published here, numbered into their notifications. */
  let published = 0;
  let echoWaiters: { wanted: number; resolve: () => void }[] = [];
  const heardEcho = () => {
    const waiting = echoWaiters;
    echoWaiters = waiting.filter((w) => w.wanted > echoed);
    for (const w of waiting) if (w.wanted <= echoed) w.resolve();
  };
  /** Notifications not yet sent, in publishing order; one statement is out at a time. */
  const outbox: { topic: string; payload: string }[] = [];
  /** How many notifications the statement under way sends (0: none is out). */
  let inFlight = 0;
  let sending = false;
  let closed = false;
  let retryMs = firstRetryMs;
  let retryTimer: NodeJS.Timeout | undefined;
  let lostSince: number | undefined;

  const counted = (topic: string) => options.counted?.(topic) ?? false;
  const peers = new BusPeers({
    send: (message) => sendPeerMessage(message),
    list: async () => {
      // The list first: a process on it was listening before, so it is counted below.
      const ids = (await members(peerRoutingKey)).map(Number);
      const { rows } = await publisher.query<{ listeners: number }>(
        `select count(*)::int as listeners from pg_stat_activity
         where datname = current_database() and application_name = $1`,
        [listenerName],
      );
      return { ids, listeners: rows[0]!.listeners };
    },
    logger,
  });
  const peerTopic = () => `${peerRoutingKey}:${peers.id}`;
  /** The counted topics whose locks the listening connection holds (or has been sent). */
  let held = new Set<string>();
  /**
   * LISTEN first, so the connection's query text still says what it is for (tools and tests
   * find the listener by it); then the locks the counted topics now want and the connection
   * lacks, and those it holds for topics no longer listened to, in the same round trip.
   */
  const listenStatement = () => {
    const wanted = new Set([peerTopic(), ...[...listenerCounts.keys()].filter(counted)]);
    const lock = [...wanted].filter((topic) => !held.has(topic));
    const unlock = [...held].filter((topic) => !wanted.has(topic));
    held = wanted;
    return [
      `listen ${channel}`,
      ...lock.map((topic) => `select pg_advisory_lock_shared(${memberLock(topic)})`),
      ...unlock.map((topic) => `select pg_advisory_unlock_shared(${memberLock(topic)})`),
    ].join('; ');
  };
  /** The listening connection's statements, one at a time and in order, each after it connected. */
  let statements: Promise<unknown> = Promise.resolve();
  const onListener = (client: pg.Client, text: () => string): Promise<unknown> => {
    const run = () => client.query(text());
    const next = statements.then(run, run);
    statements = next.catch(() => undefined);
    return next;
  };
  /**
   * Locks taken or given back as counted topics gain their first or lose their last listener,
   * also while the connection is still connecting: the statement waits for it.
   */
  const relock = () => {
    if (listener) onListener(listener, listenStatement).catch(() => undefined);
  };

  const deliver = (topic: string, detail: unknown) => {
    local.dispatchEvent(new CustomEvent(topic, { detail }));
  };

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== channel || !message.payload) return;
    let notification: Notification;
    try {
      notification = JSON.parse(message.payload) as Notification;
    } catch {
      logger.warn({ payload: message.payload.slice(0, 200) }, 'event bus ignored a malformed notification');
      return;
    }
    if (notification.o === origin) {
      echoed += 1;
      heardEcho();
      return;
    }
    peers.heard(notification.c);
    if (notification.c || typeof notification.t !== 'string') return;
    deliver(notification.t, notification.d);
  };

  const scheduleListen = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void listen();
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, maxRetryMs);
  };

  const lose = (client: pg.Client, error?: unknown) => {
    if (closed || listener !== client) return;
    listener = undefined;
    listening = false;
    peers.leave();
    lostSince ??= Date.now();
    logger.warn({ err: error }, 'event bus listener connection lost; reconnecting');
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    scheduleListen();
  };

  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: listenerName });
    client.on('notification', onNotification);
    client.on('error', (error) => lose(client, error));
    client.on('end', () => lose(client));
    try {
      listener = client;
      held = new Set();
      statements = client.connect();
      await onListener(client, listenStatement);
    } catch (error) {
      if (listener === client) listener = undefined;
      void client.end().catch(() => undefined);
      if (closed) return;
      lostSince ??= Date.now();
      logger.warn({ err: error }, 'event bus could not listen; retrying');
      scheduleListen();
      return;
    }
    if (closed) {
      await client.end().catch(() => undefined);
      return;
    }
    retryMs = firstRetryMs;
    links += 1;
    listening = true;
    // Echoes of the gap were lost with it.
    echoed = Math.max(echoed, sent);
    heardEcho();
    await peers.join();
    if (listener !== client || closed) return;
    if (lostSince !== undefined) {
      logger.warn({ downMs: Date.now() - lostSince }, 'event bus listener reconnected');
      lostSince = undefined;
      // Events of the gap are lost; topics that can re-read what they missed are woken.
      for (const topic of listenerCounts.keys()) {
        const wakeUp = options.catchUp?.(topic);
        if (wakeUp !== undefined) deliver(topic, wakeUp);
      }
    }
  };

  const sendOutbox = async () => {
    if (sending) return;
    sending = true;
    while (outbox.length && !closed) {
      // Everything queued goes in one round trip, in order (a function scan reads the array in order).
      const batch = outbox.splice(0, maxBatch);
      inFlight = batch.length;
      try {
        await publisher.query('select pg_notify($1, p) from unnest($2::text[]) with ordinality as t(p, n)', [
          channel,
          batch.map((item) => item.payload),
        ]);
        sent += batch.length;
      } catch (error) {
        if (!closed)
          logger.warn(
            { err: error, topics: [...new Set(batch.map((item) => item.topic))] },
            'event bus could not notify other processes',
          );
      }
      inFlight = 0;
    }
    sending = false;
  };

  /** A notification's payload, numbered: an event (`topic`, `detail`) or a peer message. */
  const encode = (topic: string, detail: unknown, peerMessage?: PeerMessage) => {
    published += 1;
    const notification: Notification = { o: origin, t: topic, d: detail, n: published };
    if (peerMessage) notification.c = peerMessage;
    return JSON.stringify(notification);
  };

  const sendPeerMessage = (message: PeerMessage) => {
    outbox.push({ topic: '', payload: encode('', null, message) });
    void sendOutbox();
  };

  const notify = (topic: string, payload: string) => {
    const last = outbox.at(-1);
    if (last?.topic === topic && options.coalesce?.(topic)) last.payload = payload;
    else outbox.push({ topic, payload });
    void sendOutbox();
  };

  const target: PubSubEventTarget<AnyTopics> = {
    addEventListener(topic, callback) {
      if (!callback) return;
      const count = (listenerCounts.get(topic) ?? 0) + 1;
      listenerCounts.set(topic, count);
      local.addEventListener(topic, callback as Listener);
      if (count === 1 && counted(topic)) relock();
    },
    removeEventListener(topic, callback) {
      if (!callback) return;
      const count = (listenerCounts.get(topic) ?? 1) - 1;
      if (count > 0) listenerCounts.set(topic, count);
      else listenerCounts.delete(topic);
      local.removeEventListener(topic, callback as Listener);
      if (count === 0 && counted(topic)) relock();
    },
    dispatchEvent(event) {
      const detail: unknown = event.detail ?? null;
      deliver(event.type, detail);
      // No other process listens (and any that joins waits for this one's answer first).
      if (peers.alone()) return true;
      const payload = encode(event.type, detail);
      if (Buffer.byteLength(payload) > maxPayloadBytes) {
        logger.warn(
          { topic: event.type, bytes: Buffer.byteLength(payload) },
          'event too large for NOTIFY; kept local',
        );
        return true;
      }
      notify(event.type, payload);
      return true;
    },
  };

  // PostgreSQL sends a listener the notifications committed before a statement ends ahead
  // of its answer. LISTEN again is a no-op that keeps the connection's query text as it was.
  const fence = sharedRoundTrip(async () => {
    if (!listener || !listening) throw new Error('the event bus is not listening');
    await onListener(listener, () => `listen ${channel}`);
  });

  async function members(routingKey: string): Promise<string[]> {
    // The fence follows the lock this process queued on its listening connection.
    await fence();
    const { rows } = await publisher.query<{ id: string }>(
      `select objid::text as id from pg_locks
       where locktype = 'advisory' and granted and objsubid = 2 and classid = hashtext($1)::oid
         and database = (select oid from pg_database where datname = current_database())`,
      [routingKey],
    );
    return rows.map((row) => row.id);
  }

  // A process that stopped being alone finds out now and then whether it is again.
  const peerCheck = setInterval(() => {
    peers.recheck().catch(() => undefined);
  }, peerCheckMs);
  peerCheck.unref();

  return {
    target,
    ready: listen(),
    link: () => (listening && listener ? links : undefined),
    fence,
    members,
    alone: () => peers.alone(),
    delivered: () => {
      const wanted = sent + inFlight + outbox.length;
      if (wanted <= echoed) return Promise.resolve();
      return new Promise<void>((resolve) => echoWaiters.push({ wanted, resolve }));
    },
    close: async () => {
      closed = true;
      listening = false;
      clearInterval(peerCheck);
      peers.close();
      for (const { resolve } of echoWaiters.splice(0)) resolve();
      clearTimeout(retryTimer);
      const client = listener;
      listener = undefined;
      await Promise.allSettled([client?.end(), publisher.end()]);
    },
  };
}
