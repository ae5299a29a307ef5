import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiToken, newMember, newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { floodSubscriptions } from '../support/flood.js';
import { expectHealthzNotStalled, healthzMs } from '../support/health.js';
import { useServer } from '../support/server.js';
import {
  eventually,
  openRawSocket,
  rawGraphQLSocket,
  UpgradeRefused,
  type GraphQLWsMessage,
} from '../support/ws.js';

// The graphql-ws door (issue 11): caps per socket and per user, the Origin check, what a
// removed member's sockets still hear, and how refusals and bad operations are answered.

const recordChanged = `subscription { recordChanged { changeId values previous } }`;
const partnerOrigin = 'https://partner.example';

const server = useServer({ ALLOWED_ORIGINS: partnerOrigin });
const openSockets: { close(): void }[] = [];
afterEach(() => {
  for (const socket of openSockets.splice(0)) socket.close();
  vi.restoreAllMocks();
});

async function graphqlSocket(user: SignedUpUser, headers: Record<string, string> = {}) {
  const raw = await rawGraphQLSocket(server, { cookie: user.client.cookie!, ...headers });
  openSockets.push(raw.socket);
  await raw.init({ workspaceId: user.workspaceId });
  return raw;
}

async function createCompany(user: SignedUpUser, name: string): Promise<void> {
  await user.client.data(`mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`, {
    name,
  });
}

/** The errors of an `error` message (its payload) or of a `next` message's result. */
function errorsOf(message: GraphQLWsMessage): { message: string; extensions?: Record<string, unknown> }[] {
  if (message.type === 'error') return message.payload as unknown as ReturnType<typeof errorsOf>;
  return message.payload?.errors ?? [];
}

describe('subscriptions per socket (WS_MAX_SUBSCRIPTIONS_PER_SOCKET, default 100)', () => {
  it('refuses all but 100 of 1,000 subscribe messages with LIMIT_EXCEEDED; /healthz is not stalled; closing frees every listener', async () => {
    const owner = await newUser(server);
    // The workspace's schema is built on its first request; that is not what is measured here.
    await createCompany(owner, 'Warm-up');
    const feed = server.server.services.changeFeed;
    expect(feed.stats()).toEqual({ dispatchers: 0, listeners: 0 });

    const flood = floodSubscriptions({
      url: server.wsUrl,
      headers: { cookie: owner.client.cookie! },
      init: { workspaceId: owner.workspaceId },
      query: recordChanged,
      count: 1000,
    });
    await eventually(() => flood.counts.acknowledged, 10_000);
    const timings: number[] = [];
    const deadline = Date.now() + 60_000;
    while (
      (flood.counts.errors.LIMIT_EXCEEDED ?? 0) + feed.stats().listeners < 1000 &&
      Date.now() < deadline
    ) {
      timings.push(await healthzMs(server));
    }
    expect(flood.counts.errors).toEqual({ LIMIT_EXCEEDED: 900 });
    expect(feed.stats()).toEqual({ dispatchers: 1, listeners: 100 });
    // Without the cap /healthz took 6.4 s here.
    expectHealthzNotStalled(timings);

    // The 100 accepted are live: one write reaches each of them once.
    await createCompany(owner, 'Fan-out');
    await eventually(() => flood.counts.results === 100, 20_000);
    // A subscription ended frees its slot for another.
    flood.complete('s0');
    await eventually(() => feed.stats().listeners === 99);
    flood.subscribe('again', recordChanged);
    await eventually(() => feed.stats().listeners === 100);
    expect(flood.counts.errors).toEqual({ LIMIT_EXCEEDED: 900 });

    await flood.close();
    await eventually(() => feed.stats().listeners === 0 && feed.stats().dispatchers === 0, 10_000);
  });
});

describe('sockets per user (WS_MAX_SOCKETS_PER_USER, default 20)', () => {
  it('accepts 20 of 300 sockets of one user and closes the rest with 4429; a closed one frees its place', async () => {
    const owner = await newUser(server);
    const attempts = await Promise.all(
      Array.from({ length: 300 }, async () => {
        const raw = await rawGraphQLSocket(server, { cookie: owner.client.cookie! });
        openSockets.push(raw.socket);
        raw.send({ type: 'connection_init', payload: { workspaceId: owner.workspaceId } });
        const outcome = await Promise.race([
          raw.closed.then((close) => close.code),
          eventually(() => raw.received.some((m) => m.type === 'connection_ack'), 30_000).then(() => 'ack'),
        ]);
        return { raw, outcome };
      }),
    );
    const accepted = attempts.filter((a) => a.outcome === 'ack');
    expect(accepted).toHaveLength(20);
    expect(attempts.filter((a) => a.outcome === 4429)).toHaveLength(280);
    expect(server.server.userSockets.count(owner.userId)).toBe(20);

    // Another user is not affected, and one socket closed makes room for one more.
    const other = await newUser(server);
    await graphqlSocket(other);
    accepted[0]!.raw.socket.close();
    await eventually(() => server.server.userSockets.count(owner.userId) === 19);
    const again = await graphqlSocket(owner);
    expect(again.received.some((m) => m.type === 'connection_ack')).toBe(true);

    for (const attempt of accepted) attempt.raw.socket.close();
    again.socket.close();
    await eventually(() => server.server.userSockets.count(owner.userId) === 0);
  });
});

describe('Origin of the upgrade', () => {
  const createQuery = `mutation { createCompany(input: { name: "Cross-site" }) { id } }`;

  async function companiesNamed(user: SignedUpUser, name: string): Promise<number> {
    const data = await user.client.data<{ companies: { totalCount: number } }>(
      `query ($name: String!) { companies(filter: { name: { eq: $name } }) { totalCount } }`,
      { name },
    );
    return data.companies.totalCount;
  }

  it('refuses a foreign Origin with 403 before the cookie is used: the mutation never runs', async () => {
    const owner = await newUser(server);
    const attempt = rawGraphQLSocket(server, {
      cookie: owner.client.cookie!,
      origin: 'https://evil.example',
    });
    await expect(attempt).rejects.toEqual(new UpgradeRefused(403));
    expect(await companiesNamed(owner, 'Cross-site')).toBe(0);
  });

  it('accepts the same origin, an allowed origin and a client without Origin', async () => {
    const owner = await newUser(server);
    const originHeaders: Record<string, string>[] = [{ origin: server.url }, { origin: partnerOrigin }, {}];
    for (const headers of originHeaders) {
      const socket = await graphqlSocket(owner, headers);
      socket.subscribe('create', createQuery);
      await eventually(() => socket.of('create').some((m) => m.type === 'complete'), 10_000);
      expect(socket.of('create')[0]?.payload?.errors).toBeUndefined();
    }
    expect(await companiesNamed(owner, 'Cross-site')).toBe(3);
  });
});

describe('a removed member and a revoked token', () => {
  it("closes a removed member's sockets with 4403: metadataChanged and recordChanged stop", async () => {
    const owner = await newUser(server);
    const member = await newMember(server, owner, 'MEMBER');
    const socket = await graphqlSocket(member);
    socket.subscribe('metadata', `subscription { metadataChanged { version } }`);
    socket.subscribe('records', recordChanged);
    // metadataChanged is not resumable: fields are added until it is heard.
    for (let attempt = 0; socket.of('metadata').length === 0 && attempt < 30; attempt++) {
      await owner.client.data(
        `mutation ($key: String!) { createField(input: { object: "company", key: $key, label: "Fleet", type: NUMBER }) { id } }`,
        { key: `fleet${attempt}` },
      );
      await eventually(() => socket.of('metadata').length > 0, 300).catch(() => undefined);
    }
    expect(socket.of('metadata')[0]?.type).toBe('next');

    await owner.client.data(`mutation ($id: ID!) { removeMember(userId: $id) }`, { id: member.userId });
    expect((await socket.closed).code).toBe(4403);
    // Reconnecting is refused as well.
    const again = await rawGraphQLSocket(server, { cookie: member.client.cookie! });
    again.send({ type: 'connection_init', payload: { workspaceId: member.workspaceId } });
    expect((await again.closed).code).toBe(4403);
  });

  it('answers a subscribe on a socket whose token was revoked elsewhere with UNAUTHENTICATED, logging nothing', async () => {
    const owner = await newUser(server);
    const { id, token } = await createApiToken(owner.client);
    const logged = vi.spyOn(server.server.services.logger, 'error');
    const printed = vi.spyOn(console, 'error');
    const socket = await rawGraphQLSocket(server, {});
    openSockets.push(socket.socket);
    await socket.init({ token });
    // As another process without a shared bus would: the row says revoked, this process was not told.
    await query(server.databaseUrl, 'update api_token set revoked_at = now() where id = $1', [id]);
    socket.subscribe('after', recordChanged);
    await eventually(() => socket.of('after').length > 0, 10_000);
    expect(socket.of('after')[0]?.type).toBe('error');
    expect(errorsOf(socket.of('after')[0]!)[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(logged).not.toHaveBeenCalled();
    expect(printed).not.toHaveBeenCalled();
  });
});

describe('operation errors over WebSocket are classified like on HTTP', () => {
  it.each([
    ['a syntax error', 'subscription {', {}, 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', 'subscription { nope }', {}, 'GRAPHQL_VALIDATION_FAILED'],
    [
      'an argument of the wrong type',
      'subscription { recordChanged(object: 5) { changeId } }',
      {},
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'a variable of the wrong type',
      'subscription ($o: String) { recordChanged(object: $o) { changeId } }',
      { o: 5 },
      'BAD_USER_INPUT',
    ],
    [
      'an unknown object',
      'subscription { recordChanged(object: "nope") { changeId } }',
      {},
      'BAD_USER_INPUT',
    ],
    [
      'an invalid mutation input',
      'mutation { createCompany(input: { name: "" }) { id } }',
      {},
      'BAD_USER_INPUT',
    ],
  ])('%s', async (_case, operation, variables, code) => {
    const owner = await newUser(server);
    const logged = vi.spyOn(server.server.services.logger, 'error');
    const printed = vi.spyOn(console, 'error');
    const socket = await graphqlSocket(owner);
    socket.subscribe('op', operation, variables);
    await eventually(() => socket.of('op').some((m) => m.type === 'error' || m.type === 'next'), 10_000);
    expect(errorsOf(socket.of('op')[0]!)[0]?.extensions?.code).toBe(code);
    expect(logged).not.toHaveBeenCalled();
    expect(printed).not.toHaveBeenCalled();
    expect(socket.socket.readyState).toBe(socket.socket.OPEN);
  });
});

describe('the upgrade router', () => {
  it('refuses a foreign Origin on /collab too, and answers nothing on other paths', async () => {
    await expect(
      openRawSocket(server.url.replace(/^http/, 'ws') + '/collab', { origin: 'https://evil.example' }),
    ).rejects.toEqual(new UpgradeRefused(403));
    const elsewhere = openRawSocket(server.url.replace(/^http/, 'ws') + '/nowhere');
    await expect(elsewhere).rejects.toBeInstanceOf(Error);
  });
});
