import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import { defineObject } from '../support/records.js';
import { useServer } from '../support/server.js';

// Issue 23: a request forks its entity manager only when something in it needs the identity
// map; a page, its count and an update of plain fields only send statements. Forks made for
// anything else in this process (jobs, automation) are not counted: only a request's own.

const server = useServer();

/** Counts the request forks (platform/lazy-fork.ts) of the server running in this process. */
function requestForks(): { take(): number; restore(): void } {
  const crm = createRequire(createRequire(import.meta.url).resolve('@crm/server'));
  const orm = createRequire(crm.resolve('@mikro-orm/postgresql'));
  const { EntityManager } = orm('@mikro-orm/core') as { EntityManager: { prototype: object } };
  const prototype = EntityManager.prototype as { fork: (...args: unknown[]) => unknown };
  const fork = prototype.fork;
  let forks = 0;
  prototype.fork = function (this: unknown, ...args: unknown[]) {
    if (/lazy-fork\.[jt]s/.test(new Error().stack ?? '')) forks++;
    return fork.apply(this, args);
  };
  return {
    take: () => {
      const taken = forks;
      forks = 0;
      return taken;
    },
    restore: () => void (prototype.fork = fork),
  };
}

const page = `query ($min: Float!) {
  listings(filter: { price: { gte: $min } }, sort: [{ field: price, direction: ASC }], first: 2) {
    nodes { id name price }
    totalCount
  }
}`;

describe('the request’s entity manager', () => {
  let owner: SignedUpUser;
  let ids: string[];
  let forks: ReturnType<typeof requestForks>;

  beforeAll(async () => {
    owner = await newUser(server, { name: 'Fork Owner' });
    await defineObject(owner.client, { key: 'listing', labelSingular: 'Listing' }, [
      { key: 'price', type: 'NUMBER' },
    ]);
    ids = [];
    for (const price of [10, 20, 30]) {
      const { createListing } = await owner.client.data<{ createListing: { id: string } }>(
        `mutation ($input: ListingCreateInput!) { createListing(input: $input) { id } }`,
        { input: { name: `Listing ${price}`, price } },
      );
      ids.push(createListing.id);
    }
    forks = requestForks();
  });
  afterAll(() => forks.restore());

  it('is not forked for a page, its count and an update of plain fields', async () => {
    // The schema built and the caller cached, as for every request after the first.
    await owner.client.data(page, { min: 0 });
    forks.take();

    const { listings } = await owner.client.data(page, { min: 15 });
    expect(listings.nodes.map((n: { price: number }) => n.price)).toEqual([20, 30]);
    expect(listings.totalCount).toBe(2);
    const { updateListing } = await owner.client.data(
      `mutation ($id: ID!) { updateListing(id: $id, input: { price: 25 }) { id price version } }`,
      { id: ids[1] },
    );
    expect(updateListing).toMatchObject({ id: ids[1], price: 25, version: 2 });
    expect(forks.take()).toBe(0);

    // What it wrote is what the next request reads.
    const again = await owner.client.data(page, { min: 21 });
    expect(again.listings.nodes.map((n: { price: number }) => n.price)).toEqual([25, 30]);
    expect(forks.take()).toBe(0);
  });

  it('is forked once when a resolver needs the identity map, and answers as before', async () => {
    forks.take();
    const { listing } = await owner.client.data(
      `query ($id: ID!) { listing(id: $id) { id createdBy { id name } updatedBy { name } } }`,
      { id: ids[0] },
    );
    expect(listing).toEqual({
      id: ids[0],
      createdBy: { id: owner.userId, name: 'Fork Owner' },
      updatedBy: { name: 'Fork Owner' },
    });
    expect(forks.take()).toBe(1);
  });
});
