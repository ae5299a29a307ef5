import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser, type TestClient } from '../support/client.js';
import { query } from '../support/database.js';
import { newServer, type TestServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Comments on records with @mentions, followers, assignment notifications and per-kind
// notification settings, through GraphQL over HTTP and graphql-ws.

const addComment = /* GraphQL */ `
  mutation ($object: String!, $recordId: ID!, $body: String!) {
    addComment(object: $object, recordId: $recordId, body: $body) {
      id
      object
      recordId
      authorId
      authorName
      body
      mentions {
        userId
        name
      }
      createdAt
      editedAt
    }
  }
`;

const editComment = /* GraphQL */ `
  mutation ($id: ID!, $body: String!) {
    editComment(id: $id, body: $body) {
      id
      body
      editedAt
      mentions {
        userId
      }
    }
  }
`;

const deleteComment = /* GraphQL */ `
  mutation ($id: ID!) {
    deleteComment(id: $id)
  }
`;

const thread = /* GraphQL */ `
  query ($object: String!, $recordId: ID!, $first: Int, $after: String) {
    comments(object: $object, recordId: $recordId, first: $first, after: $after) {
      nodes {
        id
        body
        authorId
      }
      hasNextPage
      endCursor
      totalCount
    }
  }
`;

const commentChanged = /* GraphQL */ `
  subscription ($object: String!, $recordId: ID!) {
    commentChanged(object: $object, recordId: $recordId) {
      kind
      commentId
      comment {
        id
        body
        authorName
        mentions {
          userId
          name
        }
      }
    }
  }
`;

const inbox = /* GraphQL */ `
  query {
    notifications(first: 100) {
      nodes {
        id
        kind
        object
        recordId
        label
        actorId
        actorName
        excerpt
      }
      unreadCount
    }
  }
`;

interface Notification {
  id: string;
  kind: string;
  object: string;
  recordId: string;
  label: string;
  actorId: string | null;
  actorName: string | null;
  excerpt: string;
}

interface ChangeEvent {
  kind: string;
  commentId: string;
  comment: {
    id: string;
    body: string;
    authorName: string;
    mentions: { userId: string; name: string }[];
  } | null;
}

const mention = (user: SignedUpUser) => `<@${user.userId}>`;

describe('comments, mentions and notifications', { timeout: 180_000 }, () => {
  let server: TestServer;
  let admin: SignedUpUser;
  let author: SignedUpUser;
  let mentioned: SignedUpUser;
  let colleague: SignedUpUser;
  let viewer: SignedUpUser;
  let leaver: SignedUpUser;
  let outsider: SignedUpUser;
  let companyId: string;
  const sockets: Client[] = [];
  /** The mentioned member's notificationAdded, opened long before the assignment test. */
  let inboxLive: ReturnType<typeof collect<{ notificationAdded: Notification }>> | undefined;

  beforeAll(async () => {
    server = await newServer();
    admin = await newUser(server, { name: 'Ada Admin' });
    author = await newMember(server, admin, 'MEMBER');
    mentioned = await newMember(server, admin, 'MEMBER');
    colleague = await newMember(server, admin, 'MEMBER');
    viewer = await newMember(server, admin, 'VIEWER');
    leaver = await newMember(server, admin, 'MEMBER');
    outsider = await newUser(server);
    companyId = await createCompany(admin.client, 'Acme');
    const { client } = newSocketClient(server, {
      cookie: mentioned.client.cookie,
      workspaceId: admin.workspaceId,
    });
    sockets.push(client);
    inboxLive = collect<{ notificationAdded: Notification }>(
      client,
      `subscription { notificationAdded { id kind recordId label actorName excerpt } }`,
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await server?.close();
  });

  async function createCompany(client: TestClient, name: string): Promise<string> {
    const { createCompany } = await client.data<{ createCompany: { id: string } }>(
      `mutation ($input: CompanyCreateInput!) { createCompany(input: $input) { id } }`,
      { input: { name } },
    );
    return createCompany.id;
  }

  async function inboxOf(user: SignedUpUser): Promise<Notification[]> {
    return (await user.client.data<{ notifications: { nodes: Notification[] } }>(inbox)).notifications.nodes;
  }

  async function commentCount(): Promise<number> {
    const rows = await query<{ n: string }>(server.databaseUrl, 'select count(*) as n from comment', []);
    return Number(rows[0]!.n);
  }

  function comment(user: SignedUpUser, body: string, recordId = companyId) {
    return user.client.data<{ addComment: { id: string; body: string; mentions: { userId: string }[] } }>(
      addComment,
      { object: 'company', recordId, body },
    );
  }

  it('refuses bad input with coded errors and the argument path, writing nothing', async () => {
    const before = await commentCount();
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ object: 'nope', recordId: companyId, body: 'hi' }, 'BAD_USER_INPUT', ['object']],
      [{ object: 'company', recordId: 'not-an-id', body: 'hi' }, 'BAD_USER_INPUT', ['recordId']],
      [{ object: 'company', recordId: crypto.randomUUID(), body: 'hi' }, 'NOT_FOUND', []],
      [{ object: 'company', recordId: companyId, body: '   ' }, 'BAD_USER_INPUT', ['body']],
      [{ object: 'company', recordId: companyId, body: 'x'.repeat(10_001) }, 'BAD_USER_INPUT', ['body']],
      [{ object: 'company', recordId: companyId, body: 'nul \u0000 here' }, 'BAD_USER_INPUT', ['body']],
      [{ object: 'company', recordId: companyId, body: 'lone \uD800 surrogate' }, 'BAD_USER_INPUT', ['body']],
      [
        { object: 'company', recordId: companyId, body: `hi ${mention(outsider)}` },
        'BAD_USER_INPUT',
        ['body'],
      ],
    ];
    for (const [variables, code, path] of cases) {
      const { body } = await author.client.request(addComment, variables);
      const extensions = body.errors?.[0]?.extensions;
      expect(extensions?.code, JSON.stringify(variables).slice(0, 100)).toBe(code);
      if (path.length) expect(extensions?.argumentPath).toEqual(path);
    }
    // The refused mention is named.
    const { body } = await author.client.request(addComment, {
      object: 'company',
      recordId: companyId,
      body: `hi ${mention(mentioned)} and ${mention(outsider)}`,
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', mention: outsider.userId });
    expect(body.errors?.[0]?.message).toContain(outsider.userId);
    // Exactly at the limit is fine (counted in characters, not UTF-16 units).
    const long = await comment(author, '😀'.repeat(10_000));
    expect([...long.addComment.body]).toHaveLength(10_000);
    await author.client.data(deleteComment, { id: long.addComment.id });
    expect(await commentCount()).toBe(before);
    expect(await inboxOf(mentioned)).toEqual([]);
  });

  it('lets a viewer read the thread but not write to it', async () => {
    const { addComment: added } = await comment(author, 'Viewer test');
    const { comments } = await viewer.client.data<{ comments: { nodes: { id: string }[] } }>(thread, {
      object: 'company',
      recordId: companyId,
    });
    expect(comments.nodes.map((c) => c.id)).toContain(added.id);
    const before = await commentCount();
    for (const [operation, variables] of [
      [addComment, { object: 'company', recordId: companyId, body: 'may I?' }],
      [addComment, { object: 'company', recordId: companyId, body: '' }],
      [editComment, { id: added.id, body: 'changed' }],
      [deleteComment, { id: added.id }],
    ] as const) {
      const { body } = await viewer.client.request(operation, variables);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await commentCount()).toBe(before);
    // Others' comments: a member can neither edit nor delete them; an admin may delete.
    const edit = await colleague.client.request(editComment, { id: added.id, body: 'mine now' });
    expect(edit.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const remove = await colleague.client.request(deleteComment, { id: added.id });
    expect(remove.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await admin.client.data(deleteComment, { id: added.id });
    expect(await commentCount()).toBe(before - 1);
  });

  it('notifies only the mentioned members: not an outsider, not a removed member', async () => {
    const recordId = await createCompany(admin.client, 'Mentions Inc');
    // The leaver follows the record, then leaves the workspace.
    await leaver.client.data(`mutation ($r: ID!) { followRecord(object: "company", recordId: $r) }`, {
      r: recordId,
    });
    await admin.client.data(`mutation ($id: ID!) { removeMember(userId: $id) }`, { id: leaver.userId });
    const { body: refused } = await author.client.request(addComment, {
      object: 'company',
      recordId,
      body: `${mention(leaver)} are you there?`,
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', mention: leaver.userId });

    const { addComment: added } = await comment(author, `Hello ${mention(mentioned)}, see this`, recordId);
    expect(added.mentions).toEqual([{ userId: mentioned.userId, name: 'A MEMBER' }]);
    await eventually(async () => (await inboxOf(mentioned)).some((n) => n.recordId === recordId));
    const [notice] = (await inboxOf(mentioned)).filter((n) => n.recordId === recordId);
    expect(notice).toMatchObject({
      kind: 'MENTION',
      object: 'company',
      recordId,
      label: 'Mentions Inc',
      actorId: author.userId,
      excerpt: 'Hello @A MEMBER, see this',
    });
    expect((await inboxOf(colleague)).filter((n) => n.recordId === recordId)).toEqual([]);
    expect((await inboxOf(author)).filter((n) => n.recordId === recordId)).toEqual([]);
    expect(await inboxOf(outsider)).toEqual([]);
    const leaverRows = await query(
      server.databaseUrl,
      'select 1 from notification where user_id = $1 and record_id = $2',
      [leaver.userId, recordId],
    );
    expect(leaverRows).toEqual([]);
    // The record's owner (its creator) hears of the comment, as a COMMENT.
    expect((await inboxOf(admin)).filter((n) => n.recordId === recordId).map((n) => n.kind)).toEqual([
      'COMMENT',
    ]);

    // An edit that adds a mention tells only the newly mentioned.
    const { editComment: edited } = await author.client.data(editComment, {
      id: added.id,
      body: `Hello ${mention(mentioned)} and ${mention(colleague)}`,
    });
    expect(edited.editedAt).not.toBeNull();
    await eventually(async () => (await inboxOf(colleague)).some((n) => n.recordId === recordId));
    expect((await inboxOf(colleague)).filter((n) => n.recordId === recordId).map((n) => n.kind)).toEqual([
      'MENTION',
    ]);
    expect((await inboxOf(mentioned)).filter((n) => n.recordId === recordId)).toHaveLength(1);
    expect((await inboxOf(admin)).filter((n) => n.recordId === recordId)).toHaveLength(1);
  });

  it('tells followers and the record’s people of new comments, until they unfollow', async () => {
    const recordId = await createCompany(admin.client, 'Followed Ltd');
    const follow = (user: SignedUpUser, on: boolean) =>
      user.client.data(
        `mutation ($r: ID!) { ${on ? 'followRecord' : 'unfollowRecord'}(object: "company", recordId: $r) }`,
        { r: recordId },
      );
    const following = async (user: SignedUpUser) =>
      (
        await user.client.data<{ followingRecord: boolean }>(
          `query ($r: ID!) { followingRecord(object: "company", recordId: $r) }`,
          { r: recordId },
        )
      ).followingRecord;
    await follow(colleague, true);
    expect(await following(colleague)).toBe(true);
    expect(await following(mentioned)).toBe(false);
    expect(await following(admin)).toBe(true); // the owner
    await comment(author, 'First!', recordId);
    expect(await following(author)).toBe(true); // commenting follows
    const kinds = async (user: SignedUpUser) =>
      (await inboxOf(user)).filter((n) => n.recordId === recordId).map((n) => n.kind);
    expect(await kinds(colleague)).toEqual(['COMMENT']);
    expect(await kinds(admin)).toEqual(['COMMENT']);
    expect(await kinds(mentioned)).toEqual([]);
    // The author follows now; the owner unfollows and is not told again.
    await follow(admin, false);
    await comment(colleague, 'Second', recordId);
    expect(await kinds(author)).toEqual(['COMMENT']);
    expect(await kinds(admin)).toEqual(['COMMENT']);
    expect(await kinds(colleague)).toEqual(['COMMENT']);
  });

  it('pushes added, edited and deleted comments live to everyone on the record, across processes', async () => {
    const recordId = await createCompany(admin.client, 'Live Co');
    // A second server process on the same database: events cross over LISTEN/NOTIFY.
    const other = await newServer({ DATABASE_URL: server.databaseUrl });
    try {
      const here = newSocketClient(server, { cookie: viewer.client.cookie, workspaceId: admin.workspaceId });
      const there = newSocketClient(other, {
        cookie: colleague.client.cookie,
        workspaceId: admin.workspaceId,
      });
      sockets.push(here.client, there.client);
      const variables = { object: 'company', recordId };
      const live = [here, there].map((s) =>
        collect<{ commentChanged: ChangeEvent }>(s.client, commentChanged, variables),
      );
      // A subscription on a missing record is refused.
      const missing = collect(here.client, commentChanged, {
        object: 'company',
        recordId: crypto.randomUUID(),
      });
      await eventually(() => missing.results.length > 0 || !!missing.error());
      expect(JSON.stringify(missing.results[0]?.errors ?? missing.error())).toContain('NOT_FOUND');
      // Live once both hear a warm-up comment (one is written until they do).
      await eventually(async () => {
        if (live.every((l) => l.results.length > 0)) return true;
        await comment(admin, 'warm-up', recordId);
        return false;
      });

      const { addComment: added } = await comment(author, `Live ${mention(mentioned)}`, recordId);
      await author.client.data(editComment, { id: added.id, body: 'Live, edited' });
      await author.client.data(deleteComment, { id: added.id });
      for (const { results } of live) {
        const of = () => results.map((r) => r.data!.commentChanged).filter((e) => e.commentId === added.id);
        await eventually(() => of().length >= 3);
        const events = of();
        expect(events.map((e) => e.kind)).toEqual(['ADDED', 'EDITED', 'DELETED']);
        expect(events[0]!.comment).toMatchObject({
          id: added.id,
          body: `Live ${mention(mentioned)}`,
          authorName: 'A MEMBER',
          mentions: [{ userId: mentioned.userId, name: 'A MEMBER' }],
        });
        expect(events[1]!.comment?.body).toBe('Live, edited');
        expect(events[2]).toEqual({ kind: 'DELETED', commentId: added.id, comment: null });
      }
    } finally {
      await other.close();
    }
  });

  it('brings, from the changeCursor read with the thread, what happened before the subscription began', async () => {
    const recordId = await createCompany(admin.client, 'Resumed Co');
    const { addComment: kept } = await comment(author, 'Kept as it was', recordId);
    const { addComment: edited } = await comment(author, 'To be edited', recordId);
    const { addComment: deleted } = await comment(author, 'To be deleted', recordId);
    const { changeCursor } = await viewer.client.data<{ changeCursor: string }>(
      `query ($recordId: ID!) {
        comments(object: "company", recordId: $recordId, first: 10) { totalCount }
        changeCursor
      }`,
      { recordId },
    );
    // Nobody listens yet: what a page would miss between its read and its subscription.
    const { addComment: added } = await comment(author, 'Added after the read', recordId);
    await author.client.data(editComment, { id: added.id, body: 'Added, then edited' });
    await author.client.data(editComment, { id: edited.id, body: 'Edited after the read' });
    await author.client.data(deleteComment, { id: deleted.id });

    const socket = newSocketClient(server, { cookie: viewer.client.cookie, workspaceId: admin.workspaceId });
    sockets.push(socket.client);
    const resumed = /* GraphQL */ `
      subscription ($recordId: ID!, $after: String) {
        commentChanged(object: "company", recordId: $recordId, after: $after) {
          kind
          commentId
          comment {
            body
          }
        }
      }
    `;
    const refused = collect(socket.client, resumed, { recordId, after: 'not a cursor' });
    await eventually(() => refused.results.length > 0 || !!refused.error());
    expect(refused.results[0]?.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['after'],
    });

    const live = collect<{ commentChanged: ChangeEvent }>(socket.client, resumed, {
      recordId,
      after: changeCursor,
    });
    const events = () => live.results.map((r) => r.data!.commentChanged);
    await eventually(() => events().length >= 3);
    expect(live.error()).toBeUndefined();
    expect(events()).toEqual([
      { kind: 'EDITED', commentId: edited.id, comment: { body: 'Edited after the read' } },
      { kind: 'ADDED', commentId: added.id, comment: { body: 'Added, then edited' } },
      { kind: 'DELETED', commentId: deleted.id, comment: null },
    ]);
    expect(events().map((e) => e.commentId)).not.toContain(kept.id);
    // Then live.
    const { addComment: later } = await comment(author, 'Live again', recordId);
    await eventually(() => events().some((e) => e.commentId === later.id && e.kind === 'ADDED'));
  });

  it('brings, from the changeCursor read with the inbox, the notifications added before the subscription', async () => {
    const assign = async (name: string) =>
      (
        await admin.client.data<{ createTask: { id: string } }>(
          `mutation ($input: TaskCreateInput!) { createTask(input: $input) { id } }`,
          { input: { name, assignee: colleague.userId } },
        )
      ).createTask.id;
    const inbox = () =>
      colleague.client.data<{
        notifications: { nodes: { id: string; recordId: string }[] };
        changeCursor: string;
      }>(`{ notifications(first: 50) { nodes { id recordId } } changeCursor }`);
    const seenTask = await assign('Seen before the read');
    await eventually(async () => (await inbox()).notifications.nodes.some((n) => n.recordId === seenTask));
    const { notifications, changeCursor } = await inbox();
    // Nobody listens yet: what the bell would miss between its read and its subscription.
    const missed = [await assign('Missed one'), await assign('Missed two')];
    // Marking read is not an addition: it does not come again.
    await colleague.client.data(`mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) }`, {
      ids: notifications.nodes.map((n) => n.id),
    });

    const socket = newSocketClient(server, {
      cookie: colleague.client.cookie,
      workspaceId: admin.workspaceId,
    });
    sockets.push(socket.client);
    const resumed = `subscription ($after: String) { notificationAdded(after: $after) { id kind recordId label } }`;
    const refused = collect(socket.client, resumed, { after: 'not a cursor' });
    await eventually(() => refused.results.length > 0 || !!refused.error());
    expect(refused.results[0]?.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['after'],
    });
    const live = collect<{ notificationAdded: Notification }>(socket.client, resumed, {
      after: changeCursor,
    });
    await eventually(() => live.results.length >= 2);
    expect(live.error()).toBeUndefined();
    expect(live.results.map((r) => r.data!.notificationAdded)).toEqual([
      expect.objectContaining({ kind: 'ASSIGNMENT', recordId: missed[0], label: 'Missed one' }),
      expect.objectContaining({ kind: 'ASSIGNMENT', recordId: missed[1], label: 'Missed two' }),
    ]);
    // Then live.
    const later = await assign('Live again');
    await eventually(() => live.results.some((r) => r.data?.notificationAdded.recordId === later));
    expect(live.results).toHaveLength(3);
    live.stop();
  });

  it('notifies an assignment to you, live, but not one you make yourself', async () => {
    const live = inboxLive!;
    const createTask = async (by: SignedUpUser, name: string, assignee: string) =>
      (
        await by.client.data<{ createTask: { id: string } }>(
          `mutation ($input: TaskCreateInput!) { createTask(input: $input) { id } }`,
          { input: { name, assignee } },
        )
      ).createTask.id;
    const assigned = await createTask(admin, 'Call Acme', mentioned.userId);
    await eventually(() => live.results.some((r) => r.data?.notificationAdded.recordId === assigned));
    expect(live.results.find((r) => r.data?.notificationAdded.recordId === assigned)?.data).toEqual({
      notificationAdded: expect.objectContaining({
        kind: 'ASSIGNMENT',
        label: 'Call Acme',
        excerpt: 'Assignee',
        actorName: 'Ada Admin',
      }),
    });
    // Assigning yourself, or a task already yours being edited, tells nobody.
    const own = await createTask(mentioned, 'My own task', mentioned.userId);
    await mentioned.client.data(
      `mutation ($id: ID!) { updateTask(id: $id, input: { name: "Renamed" }) { id } }`,
      {
        id: assigned,
      },
    );
    // Reassigning to someone else tells them.
    await admin.client.data(
      `mutation ($id: ID!, $a: ID) { updateTask(id: $id, input: { assignee: $a }) { id } }`,
      {
        id: own,
        a: colleague.userId,
      },
    );
    const colleagueKinds = (await inboxOf(colleague)).filter((n) => n.recordId === own).map((n) => n.kind);
    expect(colleagueKinds).toEqual(['ASSIGNMENT']);
    const mine = (await inboxOf(mentioned)).filter((n) => n.kind === 'ASSIGNMENT');
    expect(mine.map((n) => n.recordId)).toEqual([assigned]);
  });

  it('keeps per-kind settings: a kind turned off in-app creates no notification', async () => {
    const settingsQuery = `query { notificationSettings { kind inApp email } }`;
    const set = /* GraphQL */ `
      mutation ($settings: [NotificationSettingInput!]!) {
        setNotificationSettings(settings: $settings) {
          kind
          inApp
          email
        }
      }
    `;
    const defaults = await colleague.client.data(settingsQuery);
    expect(defaults.notificationSettings).toEqual(
      ['REMINDER', 'MENTION', 'COMMENT', 'ASSIGNMENT', 'AUTOMATION', 'MATCH'].map((kind) => ({
        kind,
        inApp: true,
        email: false,
      })),
    );
    const twice = await colleague.client.request(set, {
      settings: [
        { kind: 'MENTION', inApp: false, email: false },
        { kind: 'MENTION', inApp: true, email: false },
      ],
    });
    expect(twice.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['settings', '1', 'kind'],
    });
    const saved = await colleague.client.data(set, {
      settings: [
        { kind: 'MENTION', inApp: false, email: true },
        { kind: 'ASSIGNMENT', inApp: false, email: false },
      ],
    });
    expect(saved.setNotificationSettings).toContainEqual({ kind: 'MENTION', inApp: false, email: true });
    expect(saved.setNotificationSettings).toContainEqual({ kind: 'COMMENT', inApp: true, email: false });
    // Settings are the member's own: another member's stay the defaults.
    expect((await mentioned.client.data(settingsQuery)).notificationSettings[1]).toEqual({
      kind: 'MENTION',
      inApp: true,
      email: false,
    });

    const recordId = await createCompany(admin.client, 'Quiet Corp');
    await comment(author, `Psst ${mention(colleague)} ${mention(mentioned)}`, recordId);
    await admin.client.data(`mutation ($input: TaskCreateInput!) { createTask(input: $input) { id } }`, {
      input: { name: 'Quiet task', assignee: colleague.userId },
    });
    await eventually(async () => (await inboxOf(mentioned)).some((n) => n.recordId === recordId));
    const quiet = (await inboxOf(colleague)).filter(
      (n) => n.recordId === recordId || n.label === 'Quiet task',
    );
    expect(quiet).toEqual([]);
  });

  it('pages a thread oldest first', async () => {
    const recordId = await createCompany(admin.client, 'Paged');
    for (const n of [1, 2, 3]) await comment(author, `Comment ${n}`, recordId);
    const first = await viewer.client.data(thread, { object: 'company', recordId, first: 2 });
    expect(first.comments.nodes.map((c: { body: string }) => c.body)).toEqual(['Comment 1', 'Comment 2']);
    expect(first.comments).toMatchObject({ hasNextPage: true, totalCount: 3 });
    const second = await viewer.client.data(thread, {
      object: 'company',
      recordId,
      first: 2,
      after: first.comments.endCursor,
    });
    expect(second.comments.nodes.map((c: { body: string }) => c.body)).toEqual(['Comment 3']);
    expect(second.comments.hasNextPage).toBe(false);
    const { body } = await viewer.client.request(thread, { object: 'company', recordId, first: 0 });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['first'] });
  });
});
