import { describe, expect, it, vi } from 'vitest';
import { createEventBus, createLogger } from '../platform/index.js';
import { CallerCache, type CachedCaller } from './caller-cache.js';
import { Role } from './roles.js';

const caller: CachedCaller = {
  user: {
    id: 'u1',
    email: 'a@example.com',
    name: 'A',
    timeZone: null,
    language: null,
    createdAt: new Date(0),
  },
  via: 'session',
  workspace: { id: 'w1', role: Role.MEMBER, metadataVersion: 1 },
  expiresAt: null,
};

/** Another process is on the bus's list unless `members` says otherwise. */
function cacheWithFence(fence: () => Promise<void>, members = ['another']) {
  const bus = createEventBus();
  return new CallerCache({
    bus: bus.bus,
    link: () => 1,
    delivered: async () => undefined,
    fence,
    members: async () => members,
    logger: createLogger('silent'),
  });
}

describe('CallerCache', () => {
  it('serves a hit once the fence has passed', async () => {
    const cache = cacheWithFence(async () => undefined);
    let loads = 0;
    const load = async () => (loads++, caller);
    expect(await cache.read('k', load)).toEqual(caller);
    expect(await cache.read('k', load)).toEqual(caller);
    expect(loads).toBe(1);
    await cache.close();
  });

  it('reads the caller again when the fence does not answer (a bus that just went away)', async () => {
    const cache = cacheWithFence(() => new Promise<void>(() => undefined));
    let loads = 0;
    const load = async () => (loads++, caller);
    await cache.read('k', load);
    expect(await cache.read('k', load)).toEqual(caller);
    expect(loads).toBe(2);
    await cache.close();
  });

  it('serves hits without the fence once it knows it is the only process on the bus', async () => {
    const cache = cacheWithFence(async () => undefined, []);
    const load = async () => caller;
    await cache.read('k', load);
    await vi.waitFor(async () => {
      const before = cache.fences;
      await cache.read('k', load);
      expect(cache.fences).toBe(before);
    });
    const fences = cache.fences;
    for (let i = 0; i < 5; i++) expect(await cache.read('k', load)).toEqual(caller);
    expect(cache.fences).toBe(fences);
    // Its own changes drop entries at once.
    let loads = 0;
    await cache.forget({ userId: 'u1' });
    await cache.read('k', async () => (loads++, caller));
    expect(loads).toBe(1);
    await cache.close();
  });
});
