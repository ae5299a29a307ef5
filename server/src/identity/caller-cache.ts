import { onEachEvent, setBounded, type EventBus, type Logger } from '../platform/index.js';
import { CallerPresence } from './caller-presence.js';
import type { Role } from './roles.js';
import type { CallerChange } from './topics.js';

/** A caller as authentication read it, free of any request's entity manager. */
export interface CachedCaller {
  user: {
    id: string;
    email: string;
    name: string;
    timeZone: string | null;
    language: string | null;
    createdAt: Date;
  };
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  ssoWorkspaceId?: string;
  workspace: { id: string; role: Role; metadataVersion: number; twoFactorMissing?: boolean };
  /** When the session or token expires (ms since the epoch), if it does. */
  expiresAt: number | null;
}

export interface CallerCacheOptions {
  bus: EventBus;
  /** The bus's unbroken link to the other processes (EventBusHandle.link). */
  link: () => number | undefined;
  /** Settles once what was published has reached the other processes (EventBusHandle.delivered). */
  delivered: () => Promise<void>;
  /** Settles once what other processes published before the call was heard (EventBusHandle.fence). */
  fence: () => Promise<void>;
  /** The processes listening to a counted routing key (EventBusHandle.members). */
  members: (routingKey: string) => Promise<string[]>;
  logger: Logger;
  /** A backstop only: changes are announced on the bus and dropped at once. */
  ttlMs?: number;
  capacity?: number;
}

/**
 * How long `forget` waits for the bus to hand a change on. Only a bus that is down takes this
 * long (the request then answers without the guarantee); a loaded server can take seconds to
 * open the publishing connection again, so the wait is generous.
 */
const deliveryWaitMs = 5_000;

/**
 * How long a cache hit waits for the bus's fence. A Redis that just went away answers the
 * fence's PING only once it is back; the request reads the database instead of waiting.
 */
const fenceWaitMs = 1_000;

interface Entry {
  caller: CachedCaller;
  until: number;
  link: number;
}

/**
 * Callers authenticated in the last seconds, by credential (session or token hash) and
 * requested workspace, so a request skips the session and membership lookup. Whatever could
 * make an entry wrong (sign-out, token revocation, role change, removal, workspace deletion,
 * metadata change) is announced with `forget` after its commit, to every process through the
 * event bus. Three rules keep a revoked caller out:
 * - a hit is served only after the bus's fence: every change another process committed before
 *   this request arrived has been heard and dropped here (their clients' next request, on
 *   any process, sees the change). A process that knows it is the only one that can announce
 *   changes (CallerPresence) skips the fence: its own changes drop entries at once;
 * - a lookup that overlapped any change is used but not kept (it may predate the commit);
 * - entries live only as long as the bus link they were stored under (a reconnect may have
 *   lost changes; while cut off, nothing is kept).
 * The TTL is only a backstop, for a change written behind the server's back.
 */
export class CallerCache {
  private readonly entries = new Map<string, Entry>();
  /** Moves on every change heard, so lookups that straddle one are not kept. */
  private changes = 0;
  private readonly ttlMs: number;
  private readonly capacity: number;
  private stop: (() => Promise<unknown>) | undefined;
  /** Set when the invalidation listener failed: nothing is cached any more. */
  private deaf = false;
  private readonly presence: CallerPresence;
  private fenced = 0;

  constructor(private readonly options: CallerCacheOptions) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.capacity = options.capacity ?? 10_000;
    this.listen();
    this.presence = new CallerPresence(options);
  }

  /** How many hits waited for the bus's fence (tests and benchmarks read it). */
  get fences(): number {
    return this.fenced;
  }

  /** The cached caller for `key`, or what `load` reads (kept when it is a workspace member). */
  async read(key: string, load: () => Promise<CachedCaller | null>): Promise<CachedCaller | null> {
    const now = Date.now();
    const link = this.link();
    const hit = this.entries.get(key);
    if (hit && (hit.until <= now || hit.link !== link)) this.entries.delete(key);
    else if (hit && (this.presence.alone() || (await this.heardEverything()))) {
      // Alone, or still there after the fence: no change published before this request dropped it.
      const current = this.entries.get(key);
      if (current && current.link === this.link()) {
        this.entries.delete(key);
        this.entries.set(key, current);
        return current.caller;
      }
    }
    const changesBefore = this.changes;
    const caller = await load();
    if (caller && link !== undefined && changesBefore === this.changes && link === this.link()) {
      const until = Math.min(now + this.ttlMs, caller.expiresAt ?? Infinity);
      setBounded(this.entries, key, { caller, until, link }, this.capacity);
    }
    return caller;
  }

  /**
   * Call after the change committed: drops matching callers here at once, then on every
   * other process, and settles when the bus has handed the change on and every process that
   * may have believed itself alone has heard of this one (so it fences the client's next request).
   */
  async forget(change: CallerChange): Promise<void> {
    this.drop(change);
    await this.options.bus.publish('identity.revoked', 'credentials', change);
    // A bus that is down must not hang the request: the others then keep it until the TTL.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, deliveryWaitMs, true)));
    const timedOut = await Promise.race([this.options.delivered().then(() => false), late]);
    clearTimeout(timer);
    if (timedOut) this.options.logger.warn({ change }, 'caller change not handed to the event bus in time');
    else if (!(await this.presence.acknowledged(deliveryWaitMs)))
      this.options.logger.warn({ change }, 'caller change announced before every process answered this one');
  }

  async close(): Promise<void> {
    const stop = this.stop;
    this.stop = undefined;
    this.entries.clear();
    await Promise.all([stop?.(), this.presence.close()]);
  }

  /**
   * Waits until the changes other processes committed before now have been heard and
   * dropped here: the bus's round trip, then a turn of the event loop for the listener.
   */
  private async heardEverything(): Promise<boolean> {
    this.fenced += 1;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, fenceWaitMs, false)));
    const heard = this.options.fence().then(
      () => true,
      () => false,
    );
    const fenced = await Promise.race([heard, late]);
    clearTimeout(timer);
    if (!fenced) return false;
    await new Promise((resolve) => setImmediate(resolve));
    return true;
  }

  private link(): number | undefined {
    return this.deaf ? undefined : this.options.link();
  }

  private drop(change: CallerChange): void {
    this.changes += 1;
    for (const [key, { caller }] of this.entries) {
      if (matches(caller, change)) this.entries.delete(key);
    }
  }

  private listen(): void {
    this.stop = onEachEvent(
      this.options.bus.subscribe('identity.revoked', 'credentials'),
      (change) => this.drop(change),
      (error) => {
        // Without the listener the cache could keep revoked callers: it stops caching.
        this.deaf = true;
        this.entries.clear();
        this.options.logger.error({ err: error }, 'caller cache invalidation listener failed');
      },
    );
  }
}

function matches(caller: CachedCaller, change: CallerChange): boolean {
  if (change.sessionId !== undefined) return caller.sessionId === change.sessionId;
  if (change.tokenId !== undefined) return caller.tokenId === change.tokenId;
  // A change to the user themselves (their time zone…) reaches every workspace they are in.
  if (change.workspaceId === undefined)
    return change.userId !== undefined && caller.user.id === change.userId;
  return (
    caller.workspace.id === change.workspaceId &&
    (change.userId === undefined || caller.user.id === change.userId)
  );
}
