import { describe, expect, it, vi } from 'vitest';
import { createLogger, type EventBus } from '../platform/index.js';
import { CallerPresence } from './caller-presence.js';
import type { PresenceMessage } from './topics.js';

/**
 * Processes on one bus. Each hears what is published in order; one that is `stalled` keeps
 * what it hears queued (an event loop busy elsewhere). The bus lists a process once its
 * subscription is in place and while its link lasts.
 */
class Network {
  readonly processes: Peer[] = [];

  join(): Peer {
    const peer = new Peer(this);
    this.processes.push(peer);
    peer.start();
    return peer;
  }

  /** Called after each message went out: a test joins a process at a chosen moment. */
  afterPublish: ((message: PresenceMessage) => void) | undefined;

  publish(message: PresenceMessage): void {
    for (const peer of this.processes) peer.hear(message);
    this.afterPublish?.(message);
  }

  members(): string[] {
    return this.processes
      .filter((peer) => peer.listed && peer.link !== undefined)
      .map((peer) => peer.presence.id);
  }
}

class Peer {
  link: number | undefined = 1;
  /** Listening under its id: on the bus's list. */
  listed = false;
  subscribed = false;
  stalled = false;
  presence!: CallerPresence;
  private queue: PresenceMessage[] = [];
  private waiting: ((message: IteratorResult<PresenceMessage>) => void) | undefined;

  constructor(private readonly network: Network) {}

  start(): void {
    const bus = {
      publish: (_topic: string, _id: string, message: PresenceMessage) =>
        queueMicrotask(() => this.network.publish(message)),
      subscribe: (topic: string) => ({
        [Symbol.asyncIterator]: () => {
          if (topic === 'identity.caller-process') this.listed = true;
          else this.subscribed = true;
          return {
            next: () =>
              topic === 'identity.caller-process'
                ? new Promise(() => undefined)
                : new Promise<IteratorResult<PresenceMessage>>((resolve) => (this.waiting = resolve)),
            return: async () => ({ done: true, value: undefined }),
          };
        },
      }),
    } as unknown as EventBus;
    this.presence = new CallerPresence({
      bus,
      link: () => this.link,
      // The subscription is in place once a turn of the loop has passed.
      fence: () => new Promise((resolve) => setImmediate(resolve)),
      // The bus's server answers the count a turn later.
      members: () => new Promise((resolve) => setImmediate(() => resolve(this.network.members()))),
      logger: createLogger('silent'),
    });
  }

  hear(message: PresenceMessage): void {
    if (!this.subscribed || this.link === undefined) return;
    this.queue.push(message);
    this.flush();
  }

  resume(): void {
    this.stalled = false;
    this.flush();
  }

  private flush(): void {
    if (this.stalled || !this.waiting || this.queue.length === 0) return;
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve({ done: false, value: this.queue.shift()! });
    // The reader asks for the next one on a later turn.
    setImmediate(() => this.flush());
  }
}

async function settled(peer: Peer): Promise<void> {
  await vi.waitFor(() => expect(peer.presence.acknowledged(0)).resolves.toBe(true));
}

describe('CallerPresence', () => {
  it('a process alone on the bus knows it at once, and its changes need no answer', async () => {
    const network = new Network();
    const a = network.join();
    expect(a.presence.alone()).toBe(false);
    expect(await a.presence.acknowledged(1_000)).toBe(true);
    expect(a.presence.alone()).toBe(true);
  });

  it('a process joining is never alone, and is acknowledged only after the one alone stopped being so', async () => {
    const network = new Network();
    const a = network.join();
    await settled(a);
    expect(a.presence.alone()).toBe(true);

    const b = network.join();
    expect(await b.presence.acknowledged(5_000)).toBe(true);
    expect(a.presence.alone()).toBe(false);
    expect(b.presence.alone()).toBe(false);
  });

  it('waits for a stalled process to answer: it is not told until it has stopped being alone', async () => {
    const network = new Network();
    const a = network.join();
    await settled(a);
    a.stalled = true;

    const b = network.join();
    expect(await b.presence.acknowledged(200)).toBe(false);
    // Stalled, it still believes itself alone: nothing b announced may have reached a client.
    expect(a.presence.alone()).toBe(true);

    a.resume();
    expect(await b.presence.acknowledged(5_000)).toBe(true);
    expect(a.presence.alone()).toBe(false);
  });

  it('stops waiting for a listed process that left without answering', async () => {
    const network = new Network();
    const a = network.join();
    await settled(a);
    a.stalled = true;
    const b = network.join();
    expect(await b.presence.acknowledged(100)).toBe(false);
    network.processes.splice(network.processes.indexOf(a), 1);
    await vi.waitFor(() => expect(b.presence.acknowledged(0)).resolves.toBe(true));
  });

  it('an answer from a process that joined later does not stand in for a stalled one', async () => {
    const network = new Network();
    const a = network.join();
    await settled(a);
    a.stalled = true;
    const b = network.join();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // c answers b (after b greets again), and waits for a as well.
    const c = network.join();
    expect(await b.presence.acknowledged(100)).toBe(false);
    expect(a.presence.alone()).toBe(true);
    a.resume();
    expect(await b.presence.acknowledged(5_000)).toBe(true);
    expect(await c.presence.acknowledged(5_000)).toBe(true);
  });

  it('two processes that join together both fence', async () => {
    const network = new Network();
    const a = network.join();
    const b = network.join();
    await Promise.all([settled(a), settled(b)]);
    expect(a.presence.alone()).toBe(false);
    expect(b.presence.alone()).toBe(false);
  });

  it('a third process joining with the second is answered by both', async () => {
    const network = new Network();
    const a = network.join();
    await settled(a);
    const b = network.join();
    const c = network.join();
    await Promise.all([settled(b), settled(c)]);
    for (const peer of [a, b, c]) expect(peer.presence.alone()).toBe(false);
  });

  it('a process that subscribed just after a hello, and is listed by its sender, answers it too', async () => {
    const network = new Network();
    const a = network.join();
    await settled(a);
    let c: Peer | undefined;
    network.afterPublish = (message) => {
      if ('hello' in message && !c) c = network.join();
    };
    const b = network.join();
    // b lists c, which never heard b's first hello: b greets again when it hears c's.
    expect(await b.presence.acknowledged(5_000)).toBe(true);
    await settled(c!);
    for (const peer of [a, b, c!]) expect(peer.presence.alone()).toBe(false);
  });

  it('stays fenced once it heard a peer, even after the peer left', async () => {
    const network = new Network();
    const a = network.join();
    await settled(a);
    const b = network.join();
    await settled(b);
    network.processes.splice(network.processes.indexOf(b), 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(a.presence.alone()).toBe(false);
  });

  it('after a reconnect, fences until it has read the list again (it may have missed a hello)', async () => {
    const network = new Network();
    const a = network.join();
    await settled(a);

    a.link = undefined;
    expect(a.presence.alone()).toBe(false);
    expect(await a.presence.acknowledged(0)).toBe(false);
    // Joined while a was cut off: a never heard its hello, and b listed only itself.
    const b = network.join();
    await settled(b);
    expect(b.presence.alone()).toBe(true);

    a.link = 2;
    expect(a.presence.alone()).toBe(false);
    await settled(a);
    expect(a.presence.alone()).toBe(false);
    expect(b.presence.alone()).toBe(false);
  });

  it('alone again after a reconnect when no one else is there', async () => {
    const network = new Network();
    const a = network.join();
    await settled(a);
    a.link = 2;
    expect(a.presence.alone()).toBe(false);
    await settled(a);
    expect(a.presence.alone()).toBe(true);
  });
});
