import type { Client } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import { newMember, newUser, TestClient, type SignedUpUser } from '../support/client.js';
import { useServer } from '../support/server.js';
import { collect, eventually, newSocketClient, type SocketOptions } from '../support/ws.js';

// graphql-ws subscriptions: who may open a socket, and who hears which member events.

const memberChanged = /* GraphQL */ `
  subscription {
    memberChanged {
      kind
      userId
      member {
        user {
          id
          email
        }
        role
      }
    }
  }
`;

interface MemberEvent {
  memberChanged: {
    kind: string;
    userId: string;
    member: { user: { id: string; email: string }; role: string } | null;
  };
}

const updateRole = /* GraphQL */ `
  mutation ($input: UpdateMemberRoleInput!) {
    updateMemberRole(input: $input) {
      role
    }
  }
`;

function setRole(admin: SignedUpUser, member: SignedUpUser, role: string) {
  return admin.client.data(updateRole, { input: { userId: member.userId, role } });
}

describe('subscriptions over graphql-ws', () => {
  const server = useServer();
  const sockets: Client[] = [];
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((socket) => socket.dispose()));
  });

  function open(options: SocketOptions) {
    const socket = newSocketClient(server, options);
    sockets.push(socket.client);
    return socket;
  }

  function subscribe(options: SocketOptions) {
    return collect<MemberEvent>(open(options).client, memberChanged);
  }

  /**
   * The protocol does not acknowledge a subscription, so the first event is triggered
   * again until it arrives; later events on the same subscription need no retry.
   */
  async function firstEvent(subscription: { results: unknown[] }, trigger: () => Promise<unknown>) {
    for (let attempt = 0; attempt < 50 && subscription.results.length === 0; attempt++) {
      await trigger();
      await eventually(() => subscription.results.length > 0, 200).catch(() => undefined);
    }
    expect(subscription.results.length).toBeGreaterThan(0);
  }

  async function createApiToken(user: SignedUpUser): Promise<{ id: string; token: string }> {
    const { createApiToken } = await user.client.data<{
      createApiToken: { token: string; apiToken: { id: string } };
    }>(
      `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id } } }`,
      { input: { name: 'socket test' } },
    );
    return { id: createApiToken.apiToken.id, token: createApiToken.token };
  }

  it('announces a member who joins by signing up with an invitation', async () => {
    const owner = await newUser(server);
    const events = subscribe({ cookie: owner.client.cookie, workspaceId: owner.workspaceId });
    // Live once a role change arrives; then the sign-up by invitation must follow as ADDED.
    const first = await newMember(server, owner, 'MEMBER');
    await firstEvent(events, () => setRole(owner, first, 'VIEWER'));
    const joined = await newMember(server, owner, 'MEMBER');
    await eventually(() => events.results.some((r) => r.data?.memberChanged.userId === joined.userId));
    const added = events.results.find((r) => r.data?.memberChanged.userId === joined.userId)!.data!
      .memberChanged;
    expect(added).toMatchObject({ kind: 'ADDED', member: { role: 'MEMBER', user: { id: joined.userId } } });
  });

  it('authenticates with the session cookie and delivers a role change with the member', async () => {
    const owner = await newUser(server);
    const member = await newMember(server, owner, 'MEMBER');
    const events = subscribe({ cookie: owner.client.cookie, workspaceId: owner.workspaceId });

    await firstEvent(events, () => setRole(owner, member, 'ADMIN'));

    expect(events.results[0]).toEqual({
      data: {
        memberChanged: {
          kind: 'UPDATED',
          userId: member.userId,
          member: { user: { id: member.userId, email: member.email }, role: 'ADMIN' },
        },
      },
    });
  });

  it('authenticates with an API token sent in connection_init', async () => {
    const owner = await newUser(server);
    const member = await newMember(server, owner, 'VIEWER');
    const { token } = await createApiToken(owner);
    const events = subscribe({ token });

    await firstEvent(events, () => setRole(owner, member, 'MEMBER'));

    expect(events.results[0]?.data?.memberChanged).toMatchObject({ kind: 'UPDATED', userId: member.userId });
    expect(events.results[0]?.data?.memberChanged.member?.role).toBe('MEMBER');
  });

  it('closes a socket without credentials with 4401', async () => {
    const { closed } = open({});
    const { code, reason } = await closed;
    expect(code).toBe(4401);
    expect(reason).toMatch(/^Unauthenticated/);
  });

  it('closes a socket with a garbage token or an unknown session cookie with 4401', async () => {
    const garbage = await open({ token: 'crm_api_not-a-real-token' }).closed;
    expect(garbage.code).toBe(4401);
    expect(garbage.reason).toMatch(/^Unauthenticated/);

    const staleCookie = await open({ cookie: 'crm_session=not-a-session' }).closed;
    expect(staleCookie.code).toBe(4401);
    expect(staleCookie.reason).toMatch(/^Unauthenticated/);
  });

  it('closes a socket with a revoked API token with 4401', async () => {
    const owner = await newUser(server);
    const { id, token } = await createApiToken(owner);
    await owner.client.data(`mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id });

    const { code, reason } = await open({ token }).closed;
    expect(code).toBe(4401);
    expect(reason).toMatch(/^Unauthenticated/);
  });

  /** Alternates a member's role, so that every call announces a change. */
  function roleToggler(owner: SignedUpUser, member: SignedUpUser) {
    let role = 'VIEWER';
    return () => setRole(owner, member, (role = role === 'VIEWER' ? 'MEMBER' : 'VIEWER'));
  }

  it('closes an open socket when its API token is revoked, and only that socket', async () => {
    const owner = await newUser(server);
    const toggle = roleToggler(owner, await newMember(server, owner, 'VIEWER'));
    const { id, token } = await createApiToken(owner);
    const tokenSocket = open({ token });
    await firstEvent(collect<MemberEvent>(tokenSocket.client, memberChanged), toggle);
    const sessionEvents = subscribe({ cookie: owner.client.cookie });
    await firstEvent(sessionEvents, toggle);

    await owner.client.data(`mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id });
    const { code, reason } = await tokenSocket.closed;
    expect(code).toBe(4401);
    expect(reason).toMatch(/revoked/);
    const heard = sessionEvents.results.length;
    await toggle();
    await eventually(() => sessionEvents.results.length > heard);
  });

  it('closes the open sockets of a session that signs out, and only those', async () => {
    const owner = await newUser(server);
    const elsewhere = new TestClient(server);
    await elsewhere.data(`mutation ($input: SignInInput!) { signIn(input: $input) { user { id } } }`, {
      input: { email: owner.email, password: owner.password },
    });
    elsewhere.workspaceId = owner.workspaceId;
    // Driven from the other session, which stays signed in.
    const toggle = roleToggler({ ...owner, client: elsewhere }, await newMember(server, owner, 'VIEWER'));
    const mine = open({ cookie: owner.client.cookie });
    await firstEvent(collect<MemberEvent>(mine.client, memberChanged), toggle);
    const theirs = subscribe({ cookie: elsewhere.cookie });
    await firstEvent(theirs, toggle);

    await owner.client.data(`mutation { signOut }`);
    const { code, reason } = await mine.closed;
    expect(code).toBe(4401);
    expect(reason).toMatch(/session ended/);
    const heard = theirs.results.length;
    await toggle();
    await eventually(() => theirs.results.length > heard);
  });

  it('closes a socket that asks for a workspace the user is not a member of with 4403', async () => {
    const alice = await newUser(server);
    const bob = await newUser(server);

    const { code, reason } = await open({ cookie: alice.client.cookie, workspaceId: bob.workspaceId }).closed;
    expect(code).toBe(4403);
    expect(reason).toMatch(/^Forbidden/);
  });

  it('delivers member events only to subscribers of that workspace', async () => {
    const ownerA = await newUser(server);
    const memberA = await newMember(server, ownerA, 'MEMBER');
    const ownerB = await newUser(server);
    const memberB = await newMember(server, ownerB, 'MEMBER');
    const eventsA = subscribe({ cookie: ownerA.client.cookie, workspaceId: ownerA.workspaceId });
    const eventsB = subscribe({ cookie: ownerB.client.cookie, workspaceId: ownerB.workspaceId });

    await firstEvent(eventsA, () => setRole(ownerA, memberA, 'VIEWER'));
    // B's own event arrives after anything of A's would have, so B's list is complete.
    await firstEvent(eventsB, () => setRole(ownerB, memberB, 'ADMIN'));

    expect(eventsA.results.every((r) => r.data?.memberChanged.userId === memberA.userId)).toBe(true);
    expect(eventsB.results.length).toBeGreaterThan(0);
    expect(eventsB.results.every((r) => r.data?.memberChanged.userId === memberB.userId)).toBe(true);
  });

  it('stops delivering events to a subscriber removed from the workspace', async () => {
    const owner = await newUser(server);
    const leaver = await newMember(server, owner, 'ADMIN');
    const other = await newMember(server, owner, 'MEMBER');
    const ownerEvents = subscribe({ cookie: owner.client.cookie, workspaceId: owner.workspaceId });
    const leaverEvents = subscribe({ cookie: leaver.client.cookie, workspaceId: owner.workspaceId });
    await firstEvent(ownerEvents, () => setRole(owner, other, 'VIEWER'));
    await firstEvent(leaverEvents, () => setRole(owner, other, 'VIEWER'));

    await owner.client.data(`mutation ($userId: ID!) { removeMember(userId: $userId) }`, {
      userId: leaver.userId,
    });
    await eventually(() => ownerEvents.results.some((r) => r.data?.memberChanged.kind === 'REMOVED'));
    const heardBefore = leaverEvents.results.length;
    const ownerHeardBefore = ownerEvents.results.length;
    await setRole(owner, other, 'MEMBER');
    await eventually(() =>
      ownerEvents.results
        .slice(ownerHeardBefore)
        .some((r) => r.data?.memberChanged.member?.role === 'MEMBER'),
    );

    expect(leaverEvents.results.length).toBe(heardBefore);
    expect(leaverEvents.results.some((r) => r.data?.memberChanged.kind === 'REMOVED')).toBe(false);
  });
});
