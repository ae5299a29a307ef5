import { beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { createRecord, expectBadInput } from '../support/records.js';
import { useServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Buyer ↔ property matching (issue 22): the real-estate template declares a match between
// buyers (people with a budget) and listed properties; matches are scored in SQL both ways, a
// new match tells the buyer's owner once per pair, and a record's matches are pushed live.

const server = useServer();
let owner: SignedUpUser;
const agents: SignedUpUser[] = [];

interface Match {
  recordId: string;
  object: string;
  label: string;
  score: number;
  matched: { key: string }[];
}

const create = (type: string, input: Record<string, unknown>) => createRecord(owner.client, type, input);

async function matchNotifications(user: SignedUpUser): Promise<{ recordId: string; excerpt: string }[]> {
  const { notifications } = await user.client.data<{
    notifications: { nodes: { kind: string; recordId: string; excerpt: string }[] };
  }>(`{ notifications(first: 50) { nodes { kind recordId excerpt } } }`);
  return notifications.nodes.filter((n) => n.kind === 'MATCH');
}

async function matchesFor(side: 'Seeker' | 'Candidate', object: string, id: string): Promise<Match[]> {
  const data = await owner.client.data<Record<string, Match[]>>(
    `query ($object: String!, $id: ID!) {
      matchesFor${side}(object: $object, id: $id) { recordId object label score matched { key } }
    }`,
    { object, id },
  );
  return data[`matchesFor${side}`]!;
}

const buyer = (name: string, agent: SignedUpUser, search: Record<string, unknown>) =>
  create('Person', {
    name,
    email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
    owner: agent.userId,
    ...search,
  });

const money = (amount: number) => ({ amount, currency: 'USD' });

const setBedrooms = (id: string, minBedrooms: number) =>
  owner.client.data(
    `mutation ($id: ID!, $n: Float) { updatePerson(id: $id, input: { minBedrooms: $n }) { id } }`,
    {
      id,
      n: minBedrooms,
    },
  );

beforeAll(async () => {
  owner = await newUser(server);
  await owner.client.data(
    `mutation { installTemplate(key: "real-estate", withSampleData: false) { __typename } }`,
  );
  for (let i = 0; i < 4; i++) agents.push(await newMember(server, owner, 'MEMBER'));
});

describe('matching buyers and listings', () => {
  const fitting: string[] = [];
  const others: string[] = [];
  let listing: string;

  it('notifies the agents of the 3 of 10 buyers a new listing matches, once each', async () => {
    const harbour = { preferredAreas: 'Harbour, Old Town', minBedrooms: 2 };
    fitting.push(await buyer('Ada Fit', agents[0]!, { budget: money(520000), ...harbour }));
    fitting.push(await buyer('Ben Fit', agents[1]!, { budget: money(480000), ...harbour })); // within 5 %
    fitting.push(
      await buyer('Cy Fit', agents[2]!, {
        budget: money(600000),
        preferredAreas: 'harbour',
        minBedrooms: 4,
        wantedPropertyTypes: ['house'],
      }),
    );
    // Too poor, elsewhere, too few bedrooms or no budget (not a buyer): agent 3's, never told.
    others.push(await buyer('Dee Poor', agents[3]!, { budget: money(300000), ...harbour }));
    others.push(
      await buyer('Eve Away', agents[3]!, {
        budget: money(900000),
        preferredAreas: 'Seaside',
        minBedrooms: 5,
      }),
    );
    others.push(
      await buyer('Fay Flat', agents[3]!, {
        budget: money(700000),
        preferredAreas: 'Uptown',
        minBedrooms: 5,
        wantedPropertyTypes: ['apartment'],
      }),
    );
    others.push(
      await buyer('Gus Pool', agents[3]!, {
        budget: money(400000),
        wantedFeatures: ['pool'],
        minBedrooms: 4,
      }),
    );
    others.push(await buyer('Hal None', agents[3]!, { preferredAreas: 'Harbour' }));
    others.push(await buyer('Ivy Rent', agents[3]!, { budget: money(2000), ...harbour }));
    others.push(
      await buyer('Jo Big', agents[3]!, { budget: money(450000), preferredAreas: 'Hills', minBedrooms: 6 }),
    );
    listing = await create('Property', {
      name: 'Harbour house',
      address: '1 Quay',
      area: 'Harbour',
      propertyType: 'house',
      price: money(500000),
      bedrooms: 3,
      features: ['garden'],
      listingStage: 'listed',
    });
    for (const [i, id] of fitting.entries())
      await eventually(
        async () => (await matchNotifications(agents[i]!)).some((n) => n.recordId === id),
        60_000,
      );
    for (const [i, id] of fitting.entries()) {
      const told = await matchNotifications(agents[i]!);
      expect(told).toEqual([
        { kind: 'MATCH', recordId: id, excerpt: expect.stringContaining('Harbour house') },
      ]);
    }
    expect(await matchNotifications(agents[3]!)).toEqual([]);
  });

  it('scores matches both ways, with the criteria each meets', async () => {
    const buyers = await matchesFor('Candidate', 'property', listing);
    expect(buyers.map((m) => [m.label, m.score])).toEqual([
      ['Ada Fit', 100],
      ['Ben Fit', 100],
      ['Cy Fit', 80],
    ]);
    expect(buyers.every((m) => m.object === 'person')).toBe(true);
    expect(buyers[2]!.matched.map((m) => m.key)).toEqual(['price', 'area', 'propertyType', 'features']);
    const listings = await matchesFor('Seeker', 'person', fitting[0]!);
    expect(listings).toEqual([
      {
        recordId: listing,
        object: 'property',
        label: 'Harbour house',
        score: 100,
        matched: ['price', 'bedrooms', 'area', 'propertyType', 'features'].map((key) => ({ key })),
      },
    ]);
    expect(await matchesFor('Seeker', 'person', others[0]!)).toEqual([]);
  });

  it('does not notify again when the listing changes, only about a pair that is new', async () => {
    await owner.client.data(
      `mutation ($id: ID!) { updateProperty(id: $id, input: { price: { amount: 440000, currency: "USD" }, bedrooms: 4 }) { id } }`,
      { id: listing },
    );
    // The 3 buyers still match (Cy now at 100 %), the 7 others still fall short; then Jo's search
    // changes so that the cheaper listing fits: a new pair, told to Jo's agent.
    await owner.client.data(
      `mutation ($id: ID!) { updatePerson(id: $id, input: { preferredAreas: "Harbour", minBedrooms: 4 }) { id } }`,
      { id: others[6]! },
    );
    await eventually(async () => (await matchNotifications(agents[3]!)).length === 1, 60_000);
    expect((await matchNotifications(agents[3]!))[0]!.recordId).toBe(others[6]);
    for (const [i, id] of fitting.entries())
      expect((await matchNotifications(agents[i]!)).map((n) => n.recordId)).toEqual([id]);
  });

  it('pushes a record’s matches when the other side changes', async () => {
    const socket = newSocketClient(server, { cookie: owner.client.cookie, workspaceId: owner.workspaceId });
    const pushed = collect<{ matchesChanged: { recordId: string; matches: Match[] } }>(
      socket.client,
      `subscription ($id: ID!) {
        matchesChanged(object: "person", id: $id) { recordId matches { recordId score } }
      }`,
      { id: fitting[1]! },
    );
    try {
      // Open once a change made after it arrives: Ben's bedrooms wanted (5 misses, 2 fits) until one does.
      let poke = 0;
      await eventually(async () => {
        await setBedrooms(fitting[1]!, ++poke % 2 ? 5 : 2);
        return pushed.results.length > 0;
      }, 60_000);
      await setBedrooms(fitting[1]!, 2);
      await eventually(() => pushed.results.at(-1)?.data?.matchesChanged.matches[0]?.score === 100, 60_000);
      // Withdrawn: no longer a candidate, so Ben's page loses it.
      await owner.client.data(
        `mutation ($id: ID!) { updateProperty(id: $id, input: { listingStage: "withdrawn" }) { id } }`,
        { id: listing },
      );
      await eventually(() => pushed.results.at(-1)?.data?.matchesChanged.matches.length === 0, 60_000);
      expect(pushed.results.at(-1)!.data!.matchesChanged.recordId).toBe(fitting[1]);
    } finally {
      pushed.stop();
      await socket.client.dispose();
    }
  });

  it('brings, from a changeCursor read with the matches, a change made before the subscription', async () => {
    const ben = fitting[1]!;
    // The listing is withdrawn (the test before): Ben has no match.
    const { changeCursor } = await owner.client.data<{ changeCursor: string }>(
      `query ($id: ID!) { matchesForSeeker(object: "person", id: $id) { recordId } changeCursor }`,
      { id: ben },
    );
    // Nobody listens yet: the listing is back on the market, and the job has rescored Ben's pair.
    await owner.client.data(
      `mutation ($id: ID!) { updateProperty(id: $id, input: { listingStage: "listed" }) { id } }`,
      { id: listing },
    );
    await eventually(async () => {
      const [pair] = await query<{ active: boolean }>(
        server.databaseUrl,
        'select active from match_pair where seeker_id = $1 and candidate_id = $2',
        [ben, listing],
      );
      return pair?.active === true;
    }, 60_000);

    const socket = newSocketClient(server, { cookie: owner.client.cookie, workspaceId: owner.workspaceId });
    const resumed = `subscription ($id: ID!, $after: String) {
      matchesChanged(object: "person", id: $id, after: $after) { recordId matches { recordId score } }
    }`;
    try {
      const refused = collect(socket.client, resumed, { id: ben, after: 'not a cursor' });
      await eventually(() => refused.results.length > 0 || !!refused.error());
      expect(refused.results[0]?.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentPath: ['after'],
      });
      // No change after the subscription: this event can only be the catch-up.
      const pushed = collect<{ matchesChanged: { recordId: string; matches: Match[] } }>(
        socket.client,
        resumed,
        {
          id: ben,
          after: changeCursor,
        },
      );
      await eventually(() => pushed.results.length > 0);
      expect(pushed.results[0]!.data!.matchesChanged).toEqual({
        recordId: ben,
        matches: [{ recordId: listing, score: 100 }],
      });
      pushed.stop();
    } finally {
      await socket.client.dispose();
    }
  });

  it('e-mails a buyer their matches, and refuses a buyer without any', async () => {
    await owner.client.data(
      `mutation ($id: ID!) { updateProperty(id: $id, input: { listingStage: "listed" }) { id } }`,
      { id: listing },
    );
    await eventually(async () => (await matchesFor('Seeker', 'person', fitting[0]!)).length === 1);
    const { emailMatches } = await owner.client.data<{ emailMatches: number }>(
      `mutation ($id: ID!) { emailMatches(object: "person", id: $id) }`,
      { id: fitting[0]! },
    );
    expect(emailMatches).toBe(1);
    const { mailOutbox } = await owner.client.data<{
      mailOutbox: { nodes: { to: string; subject: string }[] };
    }>(`{ mailOutbox(first: 20) { nodes { to subject } } }`);
    expect(mailOutbox.nodes).toContainEqual({
      to: 'ada@example.com',
      subject: 'A match for what you are looking for',
    });
    const refused = await owner.client.request(
      `mutation ($id: ID!) { emailMatches(object: "person", id: $id) }`,
      { id: others[0]! },
    );
    expectBadInput(refused, ['id']);
  });
});
