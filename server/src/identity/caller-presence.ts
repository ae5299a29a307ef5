import { randomUUID } from 'node:crypto';
import type { EventBus, Logger } from '../platform/index.js';
import type { PresenceMessage } from './topics.js';

/** The bus topic whose listeners are counted: every process with a caller cache. */
export const presenceTopic = 'identity.presence:callers';

export interface CallerPresenceOptions {
  bus: EventBus;
  /** The bus's unbroken link (EventBusHandle.link): presence is learnt again on each. */
  link: () => number | undefined;
  /** EventBusHandle.fence: once it settles, this process's subscription is in place. */
  fence: () => Promise<void>;
  /** EventBusHandle.members: how many processes listen to `presenceTopic`, this one included. */
  members: (topic: string) => Promise<number>;
  logger: Logger;
}

/** What this process learnt on one link: a new link starts over (it may have missed a hello). */
interface Round {
  number: number;
  link: number;
  /** How many processes were counted in after this one's hello (itself included), once known. */
  members?: number;
  /** Another process was heard on this link: this one is not alone. Never unset. */
  peerHeard: boolean;
  /** The peers that answered this round's hello. */
  answered: Set<string>;
  /** Peers greeted again because they joined after this round's hello and never heard it. */
  greetedAgain: Set<string>;
  acknowledged: Promise<void>;
  acknowledge: () => void;
}

/**
 * Whether this process is the only one that can announce caller changes (a process without a
 * caller cache cannot announce one). Each such process, on each link to the bus:
 * 1. subscribes to `presenceTopic` (the bus's server counts it in from then on),
 * 2. says `hello`, then counts the subscribers (`members`);
 * 3. is alone while that count was 1 and it has heard no other process since;
 * 4. answers every other process's `hello` with `here`, after it stopped being alone.
 * Of any two processes, the later to subscribe counts the earlier (so is never alone) and
 * its hello reaches the earlier; `acknowledged` settles once every process counted answered,
 * and `forget` waits for it: a change it announces reaches its client only after any process
 * that believed itself alone has stopped believing it.
 */
export class CallerPresence {
  readonly id = randomUUID();
  private round: Round | undefined;
  private rounds = 0;
  private stop: (() => Promise<unknown>) | undefined;
  private deaf = false;

  constructor(private readonly options: CallerPresenceOptions) {
    this.listen();
    this.current();
  }

  /** True while no other process can announce caller changes: the fence may be skipped. */
  alone(): boolean {
    const round = this.current();
    return round?.members === 1 && !round.peerHeard;
  }

  /**
   * Settles true once every process counted in on this link has answered this one's hello
   * (each stopped believing itself alone first); false after `waitMs` or when cut off.
   */
  async acknowledged(waitMs: number): Promise<boolean> {
    const round = this.current();
    if (!round) return false;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, waitMs, false)));
    const answered = await Promise.race([round.acknowledged.then(() => true), late]);
    clearTimeout(timer);
    return answered;
  }

  async close(): Promise<void> {
    const stop = this.stop;
    this.stop = undefined;
    this.round = undefined;
    this.deaf = true;
    await stop?.();
  }

  /** The round of the current link, begun when the link is new; none while cut off. */
  private current(): Round | undefined {
    const link = this.deaf ? undefined : this.options.link();
    if (link === undefined) return undefined;
    if (this.round?.link === link) return this.round;
    return this.begin(link);
  }

  private begin(link: number): Round {
    let acknowledge!: () => void;
    const acknowledged = new Promise<void>((resolve) => (acknowledge = resolve));
    const number = (this.rounds += 1);
    const round: Round = {
      number,
      link,
      peerHeard: false,
      answered: new Set(),
      greetedAgain: new Set(),
      acknowledged,
      acknowledge,
    };
    this.round = round;
    void (async () => {
      // Subscribed (so counted) before the hello: whoever counts after it counts this process.
      await this.options.fence();
      if (this.round !== round) return;
      this.greet(round);
      const members = await this.options.members(presenceTopic);
      if (this.round !== round) return;
      round.members = members;
      this.settle(round);
    })().catch((error: unknown) => {
      // Not alone meanwhile; the next read or forget starts again.
      if (this.round === round) this.round = undefined;
      this.options.logger.warn({ err: error }, 'caller presence could not join the event bus');
    });
    return round;
  }

  private greet(round: Round): void {
    this.publish({ hello: this.id, round: round.number });
  }

  private settle(round: Round): void {
    if (round.members !== undefined && round.answered.size >= round.members - 1) round.acknowledge();
  }

  private heard(message: PresenceMessage): void {
    const from = 'hello' in message ? message.hello : message.here;
    if (from === this.id) return;
    const round = this.current();
    // First of all: no longer alone, before answering.
    if (round) round.peerHeard = true;
    if ('hello' in message) {
      this.publish({ here: this.id, to: from, round: message.round });
      // It subscribed after this round's hello, so never heard it: say it again for its answer.
      if (round && !round.answered.has(from) && !round.greetedAgain.has(from)) {
        round.greetedAgain.add(from);
        this.greet(round);
      }
    } else if (round && message.to === this.id && message.round === round.number) {
      round.answered.add(from);
      this.settle(round);
    }
  }

  private publish(message: PresenceMessage): void {
    this.options.bus.publish('identity.presence', 'callers', message);
  }

  private listen(): void {
    const iterator = this.options.bus.subscribe('identity.presence', 'callers')[Symbol.asyncIterator]();
    this.stop = async () => iterator.return?.();
    void (async () => {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        this.heard(next.value);
      }
    })().catch((error: unknown) => {
      // Deaf to hellos, it can never know it is alone again.
      this.deaf = true;
      this.round = undefined;
      this.options.logger.error({ err: error }, 'caller presence listener failed');
    });
  }
}
