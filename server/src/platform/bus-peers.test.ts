import { describe, expect, it } from 'vitest';
import { BusPeers, type PeerList, type PeerMessage } from './bus-peers.js';
import { createLogger } from './logger.js';

/** A process's peer tracking with the server's list in the test's hands. */
function peers(listed: () => number[], options: { waitMs?: number; unlisted?: () => number } = {}) {
  const sent: PeerMessage[] = [];
  const warnings: string[] = [];
  const logger = createLogger('warn', { write: (line: string) => void warnings.push(line) });
  let lists = 0;
  let listing: (() => void) | undefined;
  const self: BusPeers = new BusPeers({
    send: (message) => void sent.push(message),
    list: async (): Promise<PeerList> => {
      lists += 1;
      listing?.();
      const ids = [self.id, ...listed()];
      return { ids, listeners: ids.length + (options.unlisted?.() ?? 0) };
    },
    logger,
    retryMs: 5,
    waitMs: options.waitMs,
  });
  return {
    self,
    sent,
    warnings,
    lists: () => lists,
    duringList: (action: () => void) => (listing = action),
  };
}

const here = (from: number, to: BusPeers, round = 1): PeerMessage => ({
  c: 'here',
  p: from,
  r: round,
  to: to.id,
});

describe('BusPeers', () => {
  it('is alone once its round found nobody else on the list, and not before', async () => {
    const { self, sent } = peers(() => []);
    expect(self.alone()).toBe(false);
    await self.join();
    expect(self.alone()).toBe(true);
    expect(sent).toEqual([{ c: 'hello', p: self.id, r: 1 }]);
  });

  it('joins only once every listed process answered its hello, and is not alone then', async () => {
    const { self } = peers(() => [11, 12]);
    let joined = false;
    const join = self.join().then(() => (joined = true));
    self.heard(here(11, self));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(joined).toBe(false);
    self.heard(here(12, self));
    await join;
    expect(self.alone()).toBe(false);
  });

  it('stops being alone at any message from another process, and answers a hello to its sender', async () => {
    const { self, sent } = peers(() => []);
    await self.join();
    self.heard({ c: 'hello', p: 42, r: 3 });
    expect(self.alone()).toBe(false);
    expect(sent.at(-1)).toEqual({ c: 'here', p: self.id, r: 3, to: 42 });

    const quiet = peers(() => []);
    await quiet.self.join();
    quiet.self.heard();
    expect(quiet.self.alone()).toBe(false);
  });

  it('ignores answers meant for another process or an earlier round', async () => {
    const { self } = peers(() => [11]);
    const join = self.join();
    self.heard({ c: 'here', p: 11, r: 1, to: 999 });
    self.heard({ c: 'here', p: 11, r: 0, to: self.id });
    let joined = false;
    void join.then(() => (joined = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(joined).toBe(false);
    self.heard(here(11, self));
    await join;
  });

  it('stops waiting for a listed process that left the list, and repeats its hello meanwhile', async () => {
    let others = [11];
    const { self, sent } = peers(() => others);
    const join = self.join();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent.filter((m) => m.c === 'hello').length).toBeGreaterThan(1);
    others = [];
    await join;
    // It never spoke: nobody is left to skip events for.
    expect(self.alone()).toBe(true);
  });

  it('joins after waitMs without an answer, with a warning naming who is missing', async () => {
    const { self, warnings } = peers(() => [11], { waitMs: 30 });
    await self.join();
    expect(self.alone()).toBe(false);
    const warning = JSON.parse(warnings.join('')) as { msg: string; missing: number[] };
    expect(warning).toMatchObject({
      msg: 'event bus joined before every listed process answered',
      missing: [11],
    });
  });

  it('is alone again after a recheck that finds nobody else, unless someone spoke during it', async () => {
    let others = [11];
    const { self, duringList } = peers(() => others);
    const join = self.join();
    self.heard(here(11, self));
    await join;
    others = [];

    duringList(() => self.heard({ c: 'hello', p: 12, r: 1 }));
    await self.recheck();
    expect(self.alone()).toBe(false);

    duringList(() => undefined);
    await self.recheck();
    expect(self.alone()).toBe(true);
  });

  it('is not alone while the server counts a listener off the list (an earlier version), nor waits for it', async () => {
    let unlisted = 1;
    const { self } = peers(() => [], { unlisted: () => unlisted });
    await self.join();
    expect(self.alone()).toBe(false);
    unlisted = 0;
    await self.recheck();
    expect(self.alone()).toBe(true);
  });

  it('is not alone after its link was lost, until the next round', async () => {
    const { self } = peers(() => []);
    await self.join();
    self.leave();
    expect(self.alone()).toBe(false);
    await self.join();
    expect(self.alone()).toBe(true);
  });
});
