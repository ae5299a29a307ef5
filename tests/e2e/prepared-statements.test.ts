import { describe, expect, it } from 'vitest';
import { newUser } from '../support/client.js';
import { addFields, defineObject, schemaOf } from '../support/records.js';
import { sentStatements } from '../support/sent-statements.js';
import { useServer } from '../support/server.js';

// Issue 23: a list's page and count run as prepared statements (parsed once per connection),
// and no connection keeps more than DATABASE_PREPARED_STATEMENTS of them. Two here, so a few
// shapes of query make the connections drop their oldest while the answers stay right.

const server = useServer({ DATABASE_PREPARED_STATEMENTS: '2' });

interface Listing {
  name: string;
  price: number;
  city: string;
}

const listings: Listing[] = [
  { name: 'Loft', price: 100, city: 'Porto' },
  { name: 'Barn', price: 250, city: 'Braga' },
  { name: 'Cabin', price: 400, city: 'Porto' },
  { name: 'Dock house', price: 550, city: 'Faro' },
  { name: 'Estate', price: 700, city: 'Braga' },
];

/** Four shapes of query, each asked with other values on every round, and what each must answer. */
const shapes = [
  {
    query: `query ($v: Float!) { listings(filter: { price: { gte: $v } }) { totalCount } }`,
    values: [100, 300, 600],
    read: (data: { listings: { totalCount: number } }) => data.listings.totalCount,
    expected: (v: unknown) => listings.filter((l) => l.price >= Number(v)).length,
  },
  {
    query: `query ($v: Float!) { listings(filter: { price: { lte: $v } }, sort: [{ field: price, direction: DESC }]) { nodes { name } } }`,
    values: [250, 700, 99],
    read: (data: { listings: { nodes: { name: string }[] } }) => data.listings.nodes.map((n) => n.name),
    expected: (v: unknown) =>
      listings
        .filter((l) => l.price <= Number(v))
        .sort((a, b) => b.price - a.price)
        .map((l) => l.name),
  },
  {
    query: `query ($v: String!) { listings(filter: { city: { eq: $v } }, sort: [{ field: name, direction: ASC }]) { nodes { name } } }`,
    values: ['Porto', 'Braga', 'Lisbon'],
    read: (data: { listings: { nodes: { name: string }[] } }) => data.listings.nodes.map((n) => n.name),
    expected: (v: unknown) =>
      listings
        .filter((l) => l.city === v)
        .map((l) => l.name)
        .sort(),
  },
  {
    query: `query ($v: String!) { listings(filter: { city: { neq: $v } }) { totalCount nodes { price } } }`,
    values: ['Faro', 'Porto', 'Braga'],
    read: (data: { listings: { totalCount: number; nodes: { price: number }[] } }) => [
      data.listings.totalCount,
      data.listings.nodes.map((n) => n.price).sort((a, b) => a - b),
    ],
    expected: (v: unknown) => {
      const rest = listings.filter((l) => l.city !== v).map((l) => l.price);
      return [rest.length, rest.sort((a, b) => a - b)];
    },
  },
] as const;

describe('prepared list statements', () => {
  it('keep their name across values, answer right, and stay within the bound per connection', async () => {
    const admin = await newUser(server);
    await defineObject(admin.client, { key: 'listing', labelSingular: 'Listing', labelPlural: 'Listings' });
    await addFields(admin.client, 'listing', [
      { key: 'price', type: 'NUMBER' },
      { key: 'city', type: 'TEXT' },
    ]);
    for (const listing of listings) {
      await admin.client.data(`mutation ($input: ListingCreateInput!) { createListing(input: $input) { id } }`, {
        input: listing,
      });
    }

    const statements = sentStatements();
    for (let round = 0; round < 3; round++) {
      for (const shape of shapes) {
        const v = shape.values[round];
        const data = await admin.client.data(shape.query, { v });
        expect((shape.read as (d: unknown) => unknown)(data), `${shape.query} with ${v}`).toEqual(
          shape.expected(v),
        );
      }
    }
    const sent = statements.take();
    const ours = sent.filter((s) => s.text.includes(schemaOf(admin.workspaceId)));
    const named = ours.filter((s) => s.name);
    // Five statements per round (one shape asks a page and its count), each under one name.
    const names = new Map<string, Set<string>>();
    for (const s of named) names.set(s.text, (names.get(s.text) ?? new Set()).add(s.name!));
    expect(names.size).toBe(5);
    for (const set of names.values()) expect(set.size).toBe(1);
    expect(named).toHaveLength(15);
    // Five names on connections that keep two: the oldest were dropped, and no client holds more.
    expect(sent.filter((s) => /^deallocate "s[\w-]+"$/.test(s.text)).length).toBeGreaterThan(0);
    const ourNames = new Set(named.map((s) => s.name));
    for (const client of new Set(named.map((s) => s.client))) {
      const parsed = Object.keys(client.connection?.parsedStatements ?? {});
      expect(parsed.filter((name) => ourNames.has(name)).length).toBeLessThanOrEqual(2);
    }
  });
});
