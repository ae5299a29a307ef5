import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiToken,
  newMember,
  newUser,
  TestClient,
  tokenClient,
  type SignedUpUser,
} from '../support/client.js';
import { query } from '../support/database.js';
import { startServerCli, type CliProcess } from '../support/process.js';
import { newServer, type TestServer } from '../support/server.js';
import { collect, eventually, newSocketClient, type SocketOptions } from '../support/ws.js';

// Two server processes on one database and no REDIS_URL: the event bus runs over
// PostgreSQL LISTEN/NOTIFY, so what happens on one process reaches sockets on the other
// (issue 11, finding 10), also after the listening connection was dropped.

const memberChanged = /* GraphQL */ `
  subscription {
    memberChanged {
      kind
      userId
    }
  }
`;

const recordChanged = /* GraphQL */ `
  subscription {
    recordChanged(object: "company") {
      recordId
      values
    }
  }
`;

const revokeToken = `mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`;

/** A `TestServer` view of the second process, enough for the socket helpers. */
function remote(url: string, databaseUrl: string): TestServer {
  return { url, wsUrl: `${url.replace(/^http/, 'ws')}/graphql`, databaseUrl } as TestServer;
}

/** The backends listening for the bus, as PostgreSQL sees them. */
async function listenerPids(databaseUrl: string): Promise<number[]> {
  const rows = await query<{ pid: number }>(
    databaseUrl,
    `select pid from pg_stat_activity
     where datname = current_database() and application_name = 'crm-events-listen' and query ilike 'listen%'`,
  );
  return rows.map((row) => row.pid).sort();
}

describe('the event bus across two processes without Redis', () => {
  let a: TestServer;
  let b: TestServer;
  let cli: CliProcess;
  const sockets: Client[] = [];

  beforeAll(async () => {
    a = await newServer();
    let url: string;
    ({ cli, url } = await startServerCli(
      { DATABASE_URL: a.databaseUrl, AUTH_RATE_LIMIT: '10000', WORKSPACE_CREATE_LIMIT: '10000' },
      120_000,
    ));
    b = remote(url, a.databaseUrl);
    await eventually(async () => (await listenerPids(a.databaseUrl)).length === 2, 30_000);
  }, 180_000);
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((socket) => socket.dispose()));
  });
  afterAll(async () => {
    await cli?.stop();
    await a?.close();
  });

  function open(server: TestServer, options: SocketOptions) {
    const socket = newSocketClient(server, options);
    sockets.push(socket.client);
    return socket;
  }

  /** Resolves once the socket is authenticated and tracked (a query answers on it). */
  async function connected(client: Client): Promise<void> {
    const me = collect<{ me: { user: { id: string } } }>(client, `{ me { user { id } } }`);
    await eventually(() => me.results.length > 0, 30_000);
    expect(me.results[0]!.data?.me.user.id).toEqual(expect.any(String));
  }

  /** The protocol does not acknowledge a subscribe: trigger until the first event arrives. */
  async function firstEvent(subscription: { results: unknown[] }, trigger: () => Promise<unknown>) {
    for (let attempt = 0; attempt < 50 && subscription.results.length === 0; attempt++) {
      await trigger();
      await eventually(() => subscription.results.length > 0, 500).catch(() => undefined);
    }
    expect(subscription.results.length).toBeGreaterThan(0);
  }

  function roleToggler(owner: SignedUpUser, member: SignedUpUser) {
    let role = 'VIEWER';
    return () =>
      owner.client.data(
        `mutation ($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { role } }`,
        {
          input: { userId: member.userId, role: (role = role === 'VIEWER' ? 'MEMBER' : 'VIEWER') },
        },
      );
  }

  it('closes a socket on B when its API token is revoked on A', async () => {
    const owner = await newUser(a);
    const { id, token } = await createApiToken(owner.client);
    const socket = open(b, { token });
    await connected(socket.client);

    await owner.client.data(revokeToken, { id });

    const { code, reason } = await socket.closed;
    expect(code).toBe(4401);
    expect(reason).toMatch(/revoked/);
  });

  it('closes a session’s socket on B when it signs out on A', async () => {
    const owner = await newUser(a);
    const socket = open(b, { cookie: owner.client.cookie });
    await connected(socket.client);

    await owner.client.data(`mutation { signOut }`);

    expect((await socket.closed).code).toBe(4401);
  });

  it('ends a removed member’s subscriptions and token sockets on B when removeMember runs on A', async () => {
    const owner = await newUser(a);
    const member = await newMember(a, owner, 'ADMIN');
    const other = await newMember(a, owner, 'VIEWER');
    const toggle = roleToggler(owner, other);
    const memberToken = await createApiToken(member.client);
    const tokenSocket = open(b, { token: memberToken.token });
    const cookieSocket = open(b, { cookie: member.client.cookie, workspaceId: owner.workspaceId });
    // Ended either way: completed by the feed, or its socket closed for the removal (4403).
    let ended = false;
    const events: unknown[] = [];
    cookieSocket.client.subscribe(
      { query: memberChanged },
      {
        next: (event) => void events.push(event),
        error: () => (ended = true),
        complete: () => (ended = true),
      },
    );
    await connected(tokenSocket.client);
    // Member events cross from A to B.
    await firstEvent({ results: events }, toggle);

    await owner.client.data(`mutation ($userId: ID!) { removeMember(userId: $userId) }`, {
      userId: member.userId,
    });

    const { code } = await tokenSocket.closed;
    // Removal (4403) and the revocation of the member's tokens (4401) each close it; whichever
    // event reaches B first does.
    expect([4401, 4403]).toContain(code);
    await eventually(() => ended, 30_000);
  });

  describe('callers cached on B are dropped by what happens on A, before the next request', () => {
    const companies = `query { companies { totalCount } }`;
    const createCompany = `mutation { createCompany(input: { name: "Acme" }) { id } }`;

    /** The same credentials, asking B. */
    function onB(client: TestClient): TestClient {
      const copy = new TestClient(b);
      Object.assign(copy, { cookie: client.cookie, token: client.token, workspaceId: client.workspaceId });
      return copy;
    }

    /** Asks twice, so B has the caller cached when the change happens. */
    async function warm(client: TestClient, query = companies): Promise<void> {
      await client.data(query);
      await client.data(query);
    }

    async function errorCode(client: TestClient, query: string): Promise<unknown> {
      const { body } = await client.request(query);
      return body.errors?.[0]?.extensions?.code;
    }

    it('an API token revoked on A is refused by B', async () => {
      const owner = await newUser(a);
      const { id, token } = await createApiToken(owner.client);
      const there = tokenClient(b, token, owner.workspaceId);
      await warm(there);

      await owner.client.data(revokeToken, { id });

      expect(await errorCode(there, companies)).toBe('UNAUTHENTICATED');
    });

    it('a session signed out on A is anonymous on B', async () => {
      const owner = await newUser(a);
      const there = onB(owner.client);
      await warm(there);

      await owner.client.data(`mutation { signOut }`);

      expect((await there.request(`{ me { user { id } } }`)).body).toEqual({ data: { me: null } });
    });

    it('a role lowered on A counts on B', async () => {
      const owner = await newUser(a);
      const member = await newMember(a, owner, 'MEMBER');
      const memberToken = await createApiToken(member.client);
      const byCookie = onB(member.client);
      const byToken = tokenClient(b, memberToken.token, owner.workspaceId);
      await warm(byCookie, createCompany);
      await warm(byToken, createCompany);

      await owner.client.data(
        `mutation ($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { role } }`,
        { input: { userId: member.userId, role: 'VIEWER' } },
      );

      expect(await errorCode(byCookie, createCompany)).toBe('FORBIDDEN');
      expect(await errorCode(byToken, createCompany)).toBe('FORBIDDEN');
    });

    it('a member removed on A is refused by B', async () => {
      const owner = await newUser(a);
      const member = await newMember(a, owner, 'MEMBER');
      const there = onB(member.client);
      await warm(there);

      await owner.client.data(`mutation ($userId: ID!) { removeMember(userId: $userId) }`, {
        userId: member.userId,
      });

      const { body } = await there.request(`{ apiTokens { id } }`);
      expect(body.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/not a member of this workspace/),
        extensions: { code: 'FORBIDDEN' },
      });
    });
  });

  it('carries record changes written on A to a change-feed subscriber on B', async () => {
    const owner = await newUser(a);
    const feed = collect<{ recordChanged: { recordId: string; values: { name?: string } } }>(
      open(b, { cookie: owner.client.cookie, workspaceId: owner.workspaceId }).client,
      recordChanged,
    );
    const createCompany = async (name: string) =>
      (
        await owner.client.data(
          `mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`,
          {
            name,
          },
        )
      ).createCompany.id as string;

    await firstEvent(feed, () => createCompany('probe'));
    const id = await createCompany('Written on A');

    await eventually(() => feed.results.some((r) => r.data?.recordChanged.recordId === id), 30_000);
  });

  it('carries every one of many concurrent writes on A to B, once each (their wake-ups coalesce)', async () => {
    const owner = await newUser(a);
    const feed = collect<{ recordChanged: { recordId: string } }>(
      open(b, { cookie: owner.client.cookie, workspaceId: owner.workspaceId }).client,
      recordChanged,
    );
    const createCompany = async (name: string) =>
      (
        await owner.client.data(
          `mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`,
          {
            name,
          },
        )
      ).createCompany.id as string;
    await firstEvent(feed, () => createCompany('probe'));
    const before = feed.results.length;

    const ids = await Promise.all(Array.from({ length: 24 }, (_, i) => createCompany(`Concurrent ${i}`)));

    const heard = () => feed.results.slice(before).map((r) => r.data?.recordChanged.recordId);
    await eventually(() => ids.every((id) => heard().includes(id)), 30_000);
    expect(heard().sort()).toEqual([...ids].sort());
  });

  it('tells a metadataChanged subscriber on B about a field created on A', async () => {
    const owner = await newUser(a);
    const feed = collect<{ metadataChanged: { version: number } }>(
      open(b, { cookie: owner.client.cookie, workspaceId: owner.workspaceId }).client,
      `subscription { metadataChanged { version } }`,
    );
    let fields = 0;
    await firstEvent(feed, () =>
      owner.client.data(
        `mutation ($key: String!) { createField(input: { object: "company", key: $key, label: $key, type: NUMBER }) { id } }`,
        { key: `fleet${(fields += 1)}` },
      ),
    );

    expect(feed.results[0]!.data!.metadataChanged.version).toBeGreaterThan(1);
  });

  it('reconnects a dropped listener, logs it at warn, and carries revocations again', async () => {
    const before = await listenerPids(a.databaseUrl);
    expect(before).toHaveLength(2);

    await query(a.databaseUrl, 'select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [before]);

    await eventually(async () => {
      const now = await listenerPids(a.databaseUrl);
      return now.length === 2 && now.every((pid) => !before.includes(pid));
    }, 60_000);
    const [warning] = await cli.waitFor(/.*"level":40.*event bus listener reconnected.*/, 30_000);
    expect(warning).toMatch(/"msg":"event bus listener reconnected"/);
    // Both directions work again: B's listener hears A, A's hears B.
    const owner = await newUser(a);
    const onB = await createApiToken(owner.client);
    const socketOnB = open(b, { token: onB.token });
    await connected(socketOnB.client);
    await owner.client.data(revokeToken, { id: onB.id });
    expect((await socketOnB.closed).code).toBe(4401);

    const onA = await createApiToken(owner.client);
    const socketOnA = open(a, { token: onA.token });
    await connected(socketOnA.client);
    const bOwner = remote(b.url, b.databaseUrl);
    const viaB = await fetch(`${bOwner.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: owner.client.cookie!,
        'x-workspace-id': owner.workspaceId,
      },
      body: JSON.stringify({ query: revokeToken, variables: { id: onA.id } }),
    });
    expect(((await viaB.json()) as { errors?: unknown }).errors).toBeUndefined();
    expect((await socketOnA.closed).code).toBe(4401);
  });
});
