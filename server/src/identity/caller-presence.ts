import { randomInt } from 'node:crypto';
import { onEachEvent, type EventBus, type Logger } from '../platform/index.js';
import type { PresenceMessage } from './topics.js';

/**
 * Every process with a caller cache listens to `<processRoutingKey>:<its id>`: the bus's
 * server lists them (EventBusHandle.members, `counted`).
 */
export const processRoutingKey = 'identity.caller-process';

export interface CallerPresenceOptions {
  bus: EventBus;
  /** The bus's unbroken link (EventBusHandle.link): presence is learnt again on each. */
  link: () => number | undefined;
  /** EventBusHandle.fence: once it settles, this process's subscriptions are in place. */
  fence: () => Promise<void>;
  /** EventBusHandle.members: the ids of the processes listening under `processRoutingKey`. */
  members: (routingKey: string) => Promise<string[]>;
  logger: Logger;
}

/** What this process learnt on one link: a new link starts over (it may have missed a hello). */
interface Round {
  number: number;
  link: number;
  /** The other processes on the bus's list, read after this one's hello, once known. */
  others?: string[];
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
 * 1. listens under its id (the bus's server lists it from then on) and to the greetings,
 * 2. says `hello`, then reads the list (`members`);
 * 3. is alone while the list held no one else and it has heard no other process since;
 * 4. answers every other process's `hello` with `here`, after it stopped being alone.
 * Of any two processes, the later to subscribe lists the earlier (so is never alone), and its
 * hello reaches the earlier; `acknowledged` settles once everyone listed has answered, and
 * `forget` waits for it: a change it announces reaches its client only after any process that
 * believed itself alone has stopped believing it (a stalled one is waited for, not skipped).
 */
export class CallerPresence {
  /** A positive 32-bit integer: PostgreSQL lists it as an advisory lock's key. */
  readonly id = String(randomInt(1, 2 ** 31));
  private round: Round | undefined;
  private rounds = 0;
  private readonly stops: (() => Promise<unknown>)[] = [];
  private deaf = false;

  constructor(private readonly options: CallerPresenceOptions) {
    this.listen();
    this.current();
  }

  /** True while no other process can announce caller changes: the fence may be skipped. */
  alone(): boolean {
    const round = this.current();
    return round?.others?.length === 0 && !round.peerHeard;
  }

  /**
   * Settles true once every process listed on this link has answered this one's hello
   * (each stopped believing itself alone first); false after `waitMs` or when cut off.
   */
  async acknowledged(waitMs: number): Promise<boolean> {
    const round = this.current();
    if (!round) return false;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, waitMs, false)));
    const answered = await Promise.race([round.acknowledged.then(() => true), late]);
    clearTimeout(timer);
    if (!answered) this.forgetDeparted(round);
    return answered;
  }

  async close(): Promise<void> {
    this.round = undefined;
    this.deaf = true;
    await Promise.all(this.stops.splice(0).map((stop) => stop()));
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
      // Listed before the hello: whoever reads the list after it finds this process.
      await this.options.fence();
      if (this.round !== round) return;
      this.greet(round);
      const members = await this.options.members(processRoutingKey);
      if (this.round !== round) return;
      round.others = members.filter((id) => id !== this.id);
      this.settle(round);
    })().catch((error: unknown) => {
      // Not alone meanwhile; the next read or forget starts again.
      if (this.round === round) this.round = undefined;
      this.options.logger.warn({ err: error }, 'caller presence could not join the event bus');
    });
    return round;
  }

  /**
   * A process listed but gone before it answered (crashed) is waited for no longer once the
   * list no longer holds it. One still listed is waited for: it may be stalled, still alone.
   */
  private forgetDeparted(round: Round): void {
    this.options.members(processRoutingKey).then(
      (listed) => {
        if (!round.others) return;
        round.others = round.others.filter((id) => listed.includes(id));
        this.settle(round);
      },
      () => undefined,
    );
  }

  private greet(round: Round): void {
    this.publish({ hello: this.id, round: round.number });
  }

  private settle(round: Round): void {
    if (round.others?.every((id) => round.answered.has(id))) round.acknowledge();
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
    // Greetings first: once listed, a process hears every hello (Redis subscribes in order).
    const greetings = this.options.bus.subscribe('identity.presence', 'callers');
    const listed = this.options.bus.subscribe('identity.caller-process', this.id)[Symbol.asyncIterator]();
    this.stops.push(
      async () => listed.return?.(),
      onEachEvent(
        greetings,
        (message) => this.heard(message),
        (error) => {
          // Deaf to hellos, it can never know it is alone again.
          this.deaf = true;
          this.round = undefined;
          this.options.logger.error({ err: error }, 'caller presence listener failed');
        },
      ),
    );
  }
}
