import type { Client } from 'graphql-ws';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, newMember, newUser, tokenClient, type SignedUpUser } from '../support/client.js';
import { newServer, useServer, type TestServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// The change feed: committed record changes reach subscribers live, and a subscriber that
// resumes with `after` gets what it missed from the change log, in order and exactly once.

const recordChanged = /* GraphQL */ `
  subscription ($object: String, $id: ID, $after: String) {
    recordChanged(object: $object, id: $id, after: $after) {
      changeId
      object
      recordId
      kind
      version
      actorId
      at
      changedFields
      values
      previous
    }
  }
`;

interface Change {
  changeId: string;
  object: string;
  recordId: string;
  kind: string;
  version: number;
  actorId: string;
  at: string;
  changedFields: string[];
  values: Record<string, unknown>;
  previous: Record<string, unknown>;
}

const server = useServer();
let owner: SignedUpUser;
const sockets: Client[] = [];

function socketFor(user: SignedUpUser, target = server): Client {
  const { client } = newSocketClient(target, { cookie: user.client.cookie, workspaceId: user.workspaceId });
  sockets.push(client);
  return client;
}

async function createCompany(user: SignedUpUser, name: string): Promise<string> {
  const data = await user.client.data<{ createCompany: { id: string } }>(
    `mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`,
    { name },
  );
  return data.createCompany.id;
}

async function renameCompany(user: SignedUpUser, id: string, name: string): Promise<void> {
  await user.client.data(
    `mutation ($id: ID!, $name: String!) { updateCompany(id: $id, input: { name: $name }) { id } }`,
    {
      id,
      name,
    },
  );
}

/**
 * Resolves once the subscription is live: graphql-ws does not acknowledge a subscribe,
 * so probe changes are made until one arrives on it.
 */
async function subscribed(results: { data?: { recordChanged: Change } | null }[], user: SignedUpUser) {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const probe = await createCompany(user, 'probe');
    const seen = await eventually(
      () => results.some((r) => r.data?.recordChanged.recordId === probe),
      500,
    ).then(
      () => true,
      () => false,
    );
    if (seen) return probe;
  }
  throw new Error('the subscription never went live');
}

beforeAll(async () => {
  owner = await newUser(server);
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.dispose()));
});

describe('live delivery', () => {
  it('delivers creates and updates of an object with the changed values', async () => {
    const feed = collect<{ recordChanged: Change }>(socketFor(owner), recordChanged, { object: 'company' });
    await subscribed(feed.results, owner);
    const id = await createCompany(owner, 'Harbour Marine');
    await renameCompany(owner, id, 'Harbour Marine Ltd');
    await eventually(() => feed.results.filter((r) => r.data?.recordChanged.recordId === id).length === 2);
    const [created, updated] = feed.results
      .filter((r) => r.data?.recordChanged.recordId === id)
      .map((r) => r.data!.recordChanged);
    expect(created).toMatchObject({ object: 'company', kind: 'create', version: 1, actorId: owner.userId });
    expect(created!.values.name).toBe('Harbour Marine');
    // Regression: the feed read created_at as text and failed to serialise `at`.
    expect(Date.parse(created!.at)).not.toBeNaN();
    expect(updated).toMatchObject({ kind: 'update', version: 2, changedFields: ['name'] });
    expect(updated!.values).toEqual({ name: 'Harbour Marine Ltd' });
    expect(updated!.previous).toEqual({ name: 'Harbour Marine' });
    expect(BigInt(updated!.changeId)).toBeGreaterThan(BigInt(created!.changeId));
  });

  it('filters by record and by object', async () => {
    const watched = await createCompany(owner, 'Watched');
    const other = await createCompany(owner, 'Other');
    // `after: "0"` replays from the start of the log, so a late registration misses nothing.
    const perRecord = collect<{ recordChanged: Change }>(socketFor(owner), recordChanged, {
      object: 'company',
      id: watched,
      after: '0',
    });
    const people = collect<{ recordChanged: Change }>(socketFor(owner), recordChanged, {
      object: 'person',
      after: '0',
    });
    const all = collect<{ recordChanged: Change }>(socketFor(owner), recordChanged, {});
    await subscribed(all.results, owner);
    await renameCompany(owner, other, 'Other 2');
    await renameCompany(owner, watched, 'Watched 2');
    await eventually(() => perRecord.results.length === 2);
    await eventually(() => all.results.filter((r) => r.data?.recordChanged.kind === 'update').length >= 2);
    expect(perRecord.results.map((r) => r.data!.recordChanged)).toMatchObject([
      { recordId: watched, kind: 'create', values: { name: 'Watched' } },
      { recordId: watched, kind: 'update', values: { name: 'Watched 2' } },
    ]);
    expect(people.results).toHaveLength(0);
  });

  it('refuses an unknown object and a malformed cursor with BAD_USER_INPUT', async () => {
    for (const variables of [{ object: 'spaceship' }, { object: 'company', after: 'yesterday' }]) {
      const sub = collect(socketFor(owner), recordChanged, variables);
      await eventually(() => sub.results.length > 0 || sub.error() !== undefined);
      const errors = (sub.results[0]?.errors ??
        (sub.error() as { message: string; extensions?: object }[])) as {
        extensions?: { code?: string };
      }[];
      expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('resuming', () => {
  it('gets the three changes it missed, in order and once each, then continues live', async () => {
    const id = await createCompany(owner, 'Resume Co');
    const first = collect<{ recordChanged: Change }>(socketFor(owner), recordChanged, {
      object: 'company',
      id,
      after: '0',
    });
    await renameCompany(owner, id, 'v1');
    await eventually(() => first.results.length === 2);
    const seen = first.results[1]!.data!.recordChanged.changeId;
    first.stop();
    await sockets.pop()!.dispose();

    for (const name of ['v2', 'v3', 'v4']) await renameCompany(owner, id, name);
    const resumed = collect<{ recordChanged: Change }>(socketFor(owner), recordChanged, {
      object: 'company',
      id,
      after: seen,
    });
    await eventually(() => resumed.results.length === 3);
    await renameCompany(owner, id, 'v5');
    await eventually(() => resumed.results.length === 4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const names = resumed.results.map((r) => r.data!.recordChanged.values.name);
    expect(names).toEqual(['v2', 'v3', 'v4', 'v5']);
    const ids = resumed.results.map((r) => BigInt(r.data!.recordChanged.changeId));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
  });
});

describe('concurrency', () => {
  it('two people updating different fields of one record both win, and both see the final state', async () => {
    const other = await newMember(server, owner, 'MEMBER');
    const { createCompany: company } = await owner.client.data<{ createCompany: { id: string } }>(
      `mutation { createCompany(input: { name: "Shared", industry: "Boats" }) { id } }`,
    );
    const feed = collect<{ recordChanged: Change }>(socketFor(other), recordChanged, {
      object: 'company',
      id: company.id,
      after: '0',
    });
    await Promise.all([
      owner.client.data(
        `mutation ($id: ID!) { updateCompany(id: $id, input: { industry: "Yachts" }) { id } }`,
        company,
      ),
      other.client.data(
        `mutation ($id: ID!) { updateCompany(id: $id, input: { phone: "+44 20 7946 0000" }) { id } }`,
        company,
      ),
    ]);
    await eventually(() => feed.results.length === 3);
    for (const user of [owner, other]) {
      const data = await user.client.data<{ company: { industry: string; phone: string; version: number } }>(
        `query ($id: ID!) { company(id: $id) { industry phone version } }`,
        company,
      );
      expect(data.company).toEqual({ industry: 'Yachts', phone: '+44 20 7946 0000', version: 3 });
    }
  });

  it('refuses an update based on a stale version with CONFLICT naming the fields changed meanwhile', async () => {
    const id = await createCompany(owner, 'Versioned');
    await owner.client.data(
      `mutation ($id: ID!) { updateCompany(id: $id, input: { industry: "Cars" }) { id } }`,
      { id },
    );
    const stale = await owner.client.request(
      `mutation ($id: ID!) { updateCompany(id: $id, input: { name: "Mine" }, expectedVersion: 1) { id } }`,
      { id },
    );
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', fields: ['industry'] });
    const data = await owner.client.data<{ company: { name: string } }>(
      `query ($id: ID!) { company(id: $id) { name } }`,
      { id },
    );
    expect(data.company.name).toBe('Versioned');
  });
});

describe('rights and isolation', () => {
  it('another workspace hears nothing; a viewer hears the changes; a removed member stops hearing', async () => {
    const stranger = await newUser(server);
    const viewer = await newMember(server, owner, 'VIEWER');
    const strangerFeed = collect<{ recordChanged: Change }>(socketFor(stranger), recordChanged, {
      after: '0',
    });
    const viewerFeed = collect<{ recordChanged: Change }>(socketFor(viewer), recordChanged, {
      object: 'company',
    });
    await subscribed(viewerFeed.results, owner);
    await createCompany(stranger, 'Own company');
    await eventually(() => strangerFeed.results.length === 1);
    const before = viewerFeed.results.length;
    await owner.client.data(
      `mutation ($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { role } }`,
      {
        input: { userId: viewer.userId, role: 'VIEWER' },
      },
    );
    await owner.client.data(`mutation ($id: ID!) { removeMember(userId: $id) }`, { id: viewer.userId });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await createCompany(owner, 'After removal');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(viewerFeed.results.length).toBe(before);
    expect(strangerFeed.results.map((r) => r.data!.recordChanged.values.name)).toEqual(['Own company']);
  });
});

describe('metadata changes', () => {
  it('tells subscribers when objects or fields change, with the new version', async () => {
    const feed = collect<{ metadataChanged: { version: number } }>(
      socketFor(owner),
      `subscription { metadataChanged { version } }`,
    );
    // Not resumable: fields are added until the subscription, once live, hears one.
    for (let attempt = 0; feed.results.length === 0 && attempt < 20; attempt += 1) {
      await owner.client.data(
        `mutation ($key: String!) { createField(input: { object: "company", key: $key, label: "Fleet", type: NUMBER }) { id } }`,
        {
          key: `fleetSize${attempt}`,
        },
      );
      await eventually(() => feed.results.length > 0, 300).catch(() => undefined);
    }
    expect(feed.results[0]!.data!.metadataChanged.version).toBeGreaterThan(1);
  });

  it('a subscription opened after an object is created or archived sees the metadata as it is now', async () => {
    // Subscriptions take the workspace's metadata from a cache by version: warm it first, on
    // one socket that stays open across the changes.
    const socket = socketFor(owner);
    await subscribed(
      collect<{ recordChanged: Change }>(socket, recordChanged, { object: 'company' }).results,
      owner,
    );
    await owner.client.data(
      `mutation { createObject(input: { key: "yacht", labelSingular: "Yacht", labelPlural: "Yachts" }) { id } }`,
    );
    const yachts = collect<{ recordChanged: Change }>(socket, recordChanged, { object: 'yacht', after: '0' });
    const { createYacht } = await owner.client.data<{ createYacht: { id: string } }>(
      `mutation { createYacht(input: { name: "Sea Breeze" }) { id } }`,
    );
    await eventually(() => yachts.results.length > 0);
    expect(yachts.results[0]).toMatchObject({
      data: { recordChanged: { object: 'yacht', recordId: createYacht.id } },
    });

    await owner.client.data(`mutation { archiveObject(object: "yacht") { id } }`);
    const refused = collect(socket, recordChanged, { object: 'yacht' });
    await eventually(() => refused.results.length > 0 || refused.error() !== undefined);
    const errors = (refused.results[0]?.errors ?? refused.error()) as { extensions?: { code?: string } }[];
    expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('two processes on one Redis', () => {
  it('pass record changes both ways', async () => {
    const env = { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' };
    const a = await newServer(env);
    const b = await newServer({ ...env, DATABASE_URL: a.databaseUrl });
    try {
      const user = await newUser(a);
      const onA = collect<{ recordChanged: Change }>(socketFor(user, a), recordChanged, {
        object: 'company',
      });
      const onB = collect<{ recordChanged: Change }>(socketFor(user, b), recordChanged, {
        object: 'company',
      });
      const names = (feed: typeof onA) =>
        feed.results.map((r) => r.data!.recordChanged.values.name as string);
      // Both subscriptions are live once each hears a warm-up write (a busy machine may take a while).
      await eventually(async () => {
        await createCompany(user, 'Warm-up');
        return names(onA).includes('Warm-up') && names(onB).includes('Warm-up');
      }, 60_000);
      const viaB = new (user.client.constructor as new (s: TestServer) => typeof user.client)(b);
      Object.assign(viaB, { cookie: user.client.cookie, workspaceId: user.workspaceId });
      await createCompany(user, 'Made on A');
      await viaB.data(`mutation { createCompany(input: { name: "Made on B" }) { id } }`);
      for (const feed of [onA, onB]) {
        const made = () => names(feed).filter((name) => name !== 'Warm-up');
        await eventually(() => made().length === 2, 60_000);
        expect(made().sort()).toEqual(['Made on A', 'Made on B']);
      }
    } finally {
      await Promise.all(sockets.splice(0).map((s) => s.dispose()));
      await b.close();
      await a.close();
    }
  });

  it('carry a revocation: a token revoked on A closes its socket on B and is refused by B at once', async () => {
    const env = { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' };
    const a = await newServer(env);
    const b = await newServer({ ...env, DATABASE_URL: a.databaseUrl });
    try {
      const owner = await newUser(a);
      const { id, token } = await createApiToken(owner.client);
      const there = tokenClient(b, token, owner.workspaceId);
      // Twice, so B has the caller cached when the token is revoked.
      await there.data(`{ companies { totalCount } }`);
      await there.data(`{ companies { totalCount } }`);
      const socket = newSocketClient(b, { token });
      sockets.push(socket.client);
      const me = collect<{ me: { user: { id: string } } }>(socket.client, `{ me { user { id } } }`);
      await eventually(() => me.results.length > 0);

      await owner.client.data(`mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id });

      const { body } = await there.request(`{ companies { totalCount } }`);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await socket.closed).code).toBe(4401);
    } finally {
      await Promise.all(sockets.splice(0).map((s) => s.dispose()));
      await b.close();
      await a.close();
    }
  });
});
