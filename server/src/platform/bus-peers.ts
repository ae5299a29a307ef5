import { randomInt } from 'node:crypto';
import type { Logger } from './logger.js';

/** A peer message: `hello` asks every process to answer, `here` answers one hello. */
export type PeerMessage =
  { c: 'hello'; p: number; r: number } | { c: 'here'; p: number; r: number; to: number };

/** The server's list, and how many listeners it counts in all (listed or not). */
export interface PeerList {
  ids: number[];
  listeners: number;
}

export interface BusPeersOptions {
  /** Sends a peer message to every other process; never skipped, even while alone. */
  send(message: PeerMessage): void;
  /**
   * The ids of the processes whose listeners are in place, this one's included, and the number
   * of listeners in all: one not on the list (a process of an earlier version) never answers,
   * and while there is one nobody is alone.
   */
  list(): Promise<PeerList>;
  logger: Logger;
  /** While answers are missing, how often the list is read again and the hello repeated. */
  retryMs?: number;
  /** After this long a new link stops waiting for answers (a stalled process is warned of). */
  waitMs?: number;
}

/** What this process learnt on one link to the others: a new link starts over. */
interface Round {
  number: number;
  /** The other processes on the list, read after this one was on it; unknown until read. */
  others?: number[];
  /** Another process was heard since the round (or its last recheck) began. */
  peerHeard: boolean;
  /** The last list counted a listener not on it. */
  unlisted: boolean;
  answered: Set<number>;
  settled: boolean;
  answeredAll: Promise<void>;
  answerAll: () => void;
}

/**
 * Whether any other process listens on the bus, so a process alone keeps its events in
 * process and sends nothing to PostgreSQL. Each process, on each link (its LISTEN in place
 * and its id on the server's list, in one statement):
 * 1. says `hello`, then reads the list;
 * 2. waits until every process listed answered `here` (or left the list), before its link counts
 *    as joined: only then does it serve, or catch up what its link missed;
 * 3. is alone while the list held no one else, the server counted no listener off the list (a
 *    process of an earlier version, which does not answer) and it has heard no other process since;
 * 4. stops being alone at the first message of another process, before answering a `hello`.
 * Of two processes the later to be listed reads the earlier on the list, and joins only after
 * the earlier answered, so after the earlier stopped skipping: no event a joined process needs
 * is skipped. A process that is not alone reads the list again now and then, and is alone
 * again once it holds no one else and nobody was heard meanwhile.
 */
export class BusPeers {
  /** A positive 32-bit integer: PostgreSQL lists it as an advisory lock's key. */
  readonly id = randomInt(1, 2 ** 31);
  private round: Round | undefined;
  private rounds = 0;
  /** Messages heard from other processes, so a recheck knows whether one spoke meanwhile. */
  private heardCount = 0;
  private closed = false;
  private readonly retryMs: number;
  private readonly waitMs: number;

  constructor(private readonly options: BusPeersOptions) {
    this.retryMs = options.retryMs ?? 250;
    this.waitMs = options.waitMs ?? 10_000;
  }

  /** True while no other process listens: what is published here may stay here. */
  alone(): boolean {
    const round = this.round;
    return !!round && round.settled && round.others?.length === 0 && !round.peerHeard && !round.unlisted;
  }

  /** Begins a round for a new link; settles once it counts as joined (never rejects). */
  async join(): Promise<void> {
    let answerAll!: () => void;
    const answeredAll = new Promise<void>((resolve) => (answerAll = resolve));
    const round: Round = {
      number: (this.rounds += 1),
      peerHeard: false,
      unlisted: false,
      answered: new Set(),
      settled: false,
      answeredAll,
      answerAll,
    };
    this.round = round;
    const started = Date.now();
    try {
      for (;;) {
        this.options.send({ c: 'hello', p: this.id, r: round.number });
        const { ids: listed, listeners } = await this.options.list();
        if (this.round !== round || this.closed) return;
        // Once known, the others only shrink: a process listed later heard this one's hello or says its own.
        round.others = (round.others ?? listed).filter((id) => id !== this.id && listed.includes(id));
        round.unlisted = listeners > listed.length;
        if (this.answeredAll(round)) break;
        if (Date.now() - started >= this.waitMs) {
          const missing = round.others.filter((id) => !round.answered.has(id));
          this.options.logger.warn({ missing }, 'event bus joined before every listed process answered');
          break;
        }
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          answeredAll,
          new Promise((resolve) => (timer = setTimeout(resolve, this.retryMs))),
        ]);
        clearTimeout(timer);
        if (this.answeredAll(round)) break;
      }
    } catch (error) {
      // Not alone (the list is unknown); the next link tries again.
      this.options.logger.warn({ err: error }, 'event bus could not read the list of processes');
    }
    round.settled = true;
  }

  /** The link is lost: nothing is known of the others until the next `join`. */
  leave(): void {
    this.round = undefined;
  }

  /** Every message from another process comes here first, peer messages and events alike. */
  heard(message?: PeerMessage): void {
    this.heardCount += 1;
    const round = this.round;
    // First of all: no longer alone, before answering.
    if (round) round.peerHeard = true;
    if (!message || message.p === this.id) return;
    if (message.c === 'hello') this.options.send({ c: 'here', p: this.id, r: message.r, to: message.p });
    else if (round && message.to === this.id && message.r === round.number) {
      round.answered.add(message.p);
      this.answeredAll(round);
    }
  }

  /** Reads the list again: alone once it holds no one else and nobody spoke meanwhile. */
  async recheck(): Promise<void> {
    const round = this.round;
    if (!round?.settled || this.alone() || this.closed) return;
    const heardBefore = this.heardCount;
    const { ids, listeners } = await this.options.list();
    if (this.round !== round || this.heardCount !== heardBefore) return;
    round.unlisted = listeners > ids.length;
    if (ids.every((id) => id === this.id)) {
      round.others = [];
      round.peerHeard = false;
    }
  }

  close(): void {
    this.closed = true;
    this.round?.answerAll();
    this.round = undefined;
  }

  private answeredAll(round: Round): boolean {
    const all = !!round.others?.every((id) => round.answered.has(id));
    if (all) round.answerAll();
    return all;
  }
}
