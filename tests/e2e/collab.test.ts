import { rm } from 'node:fs/promises';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import { Redis } from 'ioredis';
import type WebSocket from 'ws';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { TestClient, newMember, newUser, type SignedUpUser } from '../support/client.js';
import {
  allAcknowledged,
  connect,
  disconnect,
  disconnectAll,
  refused,
  synced,
  textOf,
} from '../support/collab.js';
import { newDatabase, query } from '../support/database.js';
import { RedisProcess } from '../support/redis.js';
import { newDataDir, startServerCli, stopAllClis } from '../support/process.js';
import { newServer, useServer, type TestServer } from '../support/server.js';
import { eventually } from '../support/ws.js';

// Co-edited long text on WS /collab: Hocuspocus providers against the real server.

function noteName(user: SignedUpUser, noteId: string): string {
  return `${user.workspaceId}/note/${noteId}/body`;
}

async function createNote(client: TestClient, body: string | null): Promise<string> {
  const data = await client.data<{ createNote: { id: string } }>(
    `mutation ($body: String) { createNote(input: { name: "Call notes", body: $body }) { id } }`,
    { body },
  );
  return data.createNote.id;
}

async function noteBody(client: TestClient, id: string): Promise<string | null> {
  const data = await client.data<{ note: { body: string | null } }>(
    `query ($id: ID!) { note(id: $id) { body } }`,
    { id },
  );
  return data.note.body;
}

async function setNoteBody(client: TestClient, id: string, body: string): Promise<void> {
  await client.data(
    `mutation ($id: ID!, $body: String) { updateNote(id: $id, input: { body: $body }) { id } }`,
    { id, body },
  );
}

async function createApiToken(user: SignedUpUser, role?: string): Promise<string> {
  const data = await user.client.data<{ createApiToken: { token: string } }>(
    `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
    { input: { name: 'collab test', ...(role ? { role } : {}) } },
  );
  return data.createApiToken.token;
}

function clientOn(baseUrl: string, user: SignedUpUser): TestClient {
  const client = new TestClient({ url: baseUrl } as TestServer);
  client.cookie = user.client.cookie;
  client.workspaceId = user.workspaceId;
  return client;
}

afterEach(() => disconnectAll());

describe('co-editing on one server', () => {
  const server = useServer();

  it('two providers editing one note body converge, and the record gets the text', async () => {
    const owner = await newUser(server);
    const member = await newMember(server, owner, 'MEMBER');
    const noteId = await createNote(owner.client, 'Agenda: ');
    const name = noteName(owner, noteId);
    const a = connect(server.url, name, { cookie: owner.client.cookie });
    const b = connect(server.url, name, { token: await createApiToken(member) });
    await Promise.all([synced(a), synced(b)]);
    expect(textOf(a)).toBe('Agenda: ');
    expect(textOf(b)).toBe('Agenda: ');

    const textA = a.document.getText('text');
    const textB = b.document.getText('text');
    for (let i = 0; i < 20; i++) {
      textA.insert(textA.length, 'x');
      textB.insert(0, 'y');
    }
    textB.insert(textB.length, ' end');
    await eventually(() => textOf(a) === textOf(b) && textOf(a).length === 'Agenda: '.length + 44);
    expect(textOf(a).startsWith('y'.repeat(20) + 'Agenda: ')).toBe(true);
    expect(textOf(a).replace(/[xy]/g, '')).toBe('Agenda:  end');

    // Projected through the record store (within about a second on a quiet machine).
    await eventually(async () => (await noteBody(owner.client, noteId)) === textOf(a));
  });

  it('a GraphQL update of the body reaches an open provider, and the record is not rewritten', async () => {
    const owner = await newUser(server);
    const noteId = await createNote(owner.client, 'draft');
    const provider = connect(server.url, noteName(owner, noteId), { cookie: owner.client.cookie });
    await synced(provider);

    await setNoteBody(owner.client, noteId, 'final text from the API');
    await eventually(() => textOf(provider) === 'final text from the API');
    // No echo: the projection writes nothing back, so the version stays.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const versions = await owner.client.data<{ note: { body: string; version: number } }>(
      `query ($id: ID!) { note(id: $id) { body version } }`,
      { id: noteId },
    );
    expect(versions.note).toEqual({ body: 'final text from the API', version: 2 });
  });

  it('closes the documents of a deleted record and refuses to open them again', async () => {
    const owner = await newUser(server);
    const noteId = await createNote(owner.client, 'soon gone');
    const name = noteName(owner, noteId);
    const provider = connect(server.url, name, { cookie: owner.client.cookie });
    await synced(provider);
    const closed = new Promise<void>((resolve) => provider.on('close', () => resolve()));
    await owner.client.data(`mutation ($id: ID!) { deleteNote(id: $id) { id } }`, { id: noteId });
    await closed;
    expect(await refused(connect(server.url, name, { cookie: owner.client.cookie }))).toMatch(/Unknown/);
  });

  it('a new document starts with the record text; a change made while it was closed wins', async () => {
    const owner = await newUser(server);
    const noteId = await createNote(owner.client, 'initial');
    const name = noteName(owner, noteId);
    const first = connect(server.url, name, { cookie: owner.client.cookie });
    await synced(first);
    expect(textOf(first)).toBe('initial');
    first.document.getText('text').insert(7, ' and edited');
    await eventually(async () => (await noteBody(owner.client, noteId)) === 'initial and edited');
    disconnect(first);
    await new Promise((resolve) => setTimeout(resolve, 300));

    await setNoteBody(owner.client, noteId, 'rewritten through GraphQL');
    const second = connect(server.url, name, { cookie: owner.client.cookie });
    await synced(second);
    expect(textOf(second)).toBe('rewritten through GraphQL');
  });

  it('a viewer connects read-only: its edits are not applied, it sees the others', async () => {
    const owner = await newUser(server);
    const viewer = await newMember(server, owner, 'VIEWER');
    const noteId = await createNote(owner.client, 'shared');
    const name = noteName(owner, noteId);
    const editor = connect(server.url, name, { cookie: owner.client.cookie });
    const reader = connect(server.url, name, { cookie: viewer.client.cookie });
    await Promise.all([synced(editor), synced(reader)]);

    reader.document.getText('text').insert(0, 'VIEWER WAS HERE ');
    editor.document.getText('text').insert(6, ' by the editor');
    await eventually(() => textOf(reader).includes('shared by the editor'));
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(textOf(editor)).toBe('shared by the editor');
    expect(await noteBody(owner.client, noteId)).toBe('shared by the editor');
    // The viewer's change was never acknowledged.
    expect(reader.hasUnsyncedChanges).toBe(true);

    // So is an API token capped at VIEWER.
    const tokenReader = connect(server.url, name, { token: await createApiToken(owner, 'VIEWER') });
    await synced(tokenReader);
    tokenReader.document.getText('text').insert(0, 'NOPE ');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(textOf(editor)).toBe('shared by the editor');
  });

  it('a member made viewer loses write access on the open document; a removed member is shut out', async () => {
    const owner = await newUser(server);
    const member = await newMember(server, owner, 'MEMBER');
    const noteId = await createNote(owner.client, 'start');
    const name = noteName(owner, noteId);
    const editor = connect(server.url, name, { cookie: owner.client.cookie });
    const writer = connect(server.url, name, { cookie: member.client.cookie });
    await Promise.all([synced(editor), synced(writer)]);
    writer.document.getText('text').insert(5, ' one');
    await eventually(() => textOf(editor) === 'start one');

    // The provider is disconnected, reconnects and is authorised again, now read-only.
    const readOnlyAgain = new Promise<void>((resolve) =>
      writer.on('authenticated', ({ scope }: { scope: string }) => scope === 'readonly' && resolve()),
    );
    await owner.client.data(
      `mutation ($input: UpdateMemberRoleInput!) { updateMemberRole(input: $input) { role } }`,
      { input: { userId: member.userId, role: 'VIEWER' } },
    );
    await readOnlyAgain;
    await synced(writer);
    writer.document.getText('text').insert(0, 'NOT ANY MORE ');
    editor.document.getText('text').insert(9, ' two');
    await eventually(() => textOf(writer).includes('start one two'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(textOf(editor)).toBe('start one two');

    const shutOut = new Promise<string>((resolve) =>
      writer.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason)),
    );
    await owner.client.data(`mutation ($id: ID!) { removeMember(userId: $id) }`, { id: member.userId });
    expect(await shutOut).toMatch(/Forbidden|Unauthenticated/);
    editor.document.getText('text').insert(0, '> ');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(textOf(writer)).not.toContain('> start');
  });

  it('shuts out an open provider whose session signs out or whose token is revoked', async () => {
    const owner = await newUser(server);
    const noteId = await createNote(owner.client, 'private');
    const name = noteName(owner, noteId);
    const tokenId = await owner.client.data<{ createApiToken: { token: string; apiToken: { id: string } } }>(
      `mutation { createApiToken(input: { name: "editor" }) { token apiToken { id } } }`,
    );
    const viaToken = connect(server.url, name, { token: tokenId.createApiToken.token });
    const viaSession = connect(server.url, name, { cookie: owner.client.cookie });
    await Promise.all([synced(viaToken), synced(viaSession)]);
    const shutOut = (provider: HocuspocusProvider) =>
      new Promise<string>((resolve) =>
        provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve(reason)),
      );

    const tokenRefused = shutOut(viaToken);
    await owner.client.data(`mutation ($id: ID!) { revokeApiToken(id: $id) { id } }`, {
      id: tokenId.createApiToken.apiToken.id,
    });
    expect(await tokenRefused).toMatch(/Unauthenticated/);

    const sessionRefused = shutOut(viaSession);
    await owner.client.data(`mutation { signOut }`);
    expect(await sessionRefused).toMatch(/Unauthenticated/);
  });

  it('refuses other workspaces, unknown documents and missing or bad credentials', async () => {
    const owner = await newUser(server);
    const stranger = await newUser(server);
    const noteId = await createNote(owner.client, 'secret');
    const name = noteName(owner, noteId);

    expect(await refused(connect(server.url, name, { cookie: stranger.client.cookie }))).toMatch(/Forbidden/);
    expect(await refused(connect(server.url, name, { token: await createApiToken(stranger) }))).toMatch(
      /another workspace/,
    );
    expect(await refused(connect(server.url, name, {}))).toMatch(/Unauthenticated/);
    expect(await refused(connect(server.url, name, { token: 'crm_api_not-a-token' }))).toMatch(
      /Unauthenticated/,
    );

    const ws = owner.workspaceId;
    const unknown = [
      `${ws}/note/${crypto.randomUUID()}/body`, // no such record
      `${ws}/note/${noteId}/name`, // not a long-text field
      `${ws}/note/${noteId}/nothing`,
      `${ws}/spaceship/${noteId}/body`,
      `${ws}/note/${noteId}`,
      'not-a-document',
    ];
    for (const documentName of unknown) {
      expect(await refused(connect(server.url, documentName, { cookie: owner.client.cookie }))).toMatch(
        /Unknown/,
      );
    }
  });

  it('refuses an archived field', async () => {
    const owner = await newUser(server);
    const noteId = await createNote(owner.client, 'text');
    const fields = await owner.client.data<{ object: { fields: { id: string; key: string }[] } }>(
      `query { object(key: "note") { fields { id key } } }`,
    );
    const body = fields.object.fields.find((f) => f.key === 'body')!;
    await owner.client.data(`mutation ($id: ID!) { archiveField(id: $id) { id } }`, { id: body.id });
    const reason = await refused(
      connect(server.url, noteName(owner, noteId), { cookie: owner.client.cookie }),
    );
    expect(reason).toMatch(/Unknown/);
  });

  it('shares awareness in presence rooms and drops a client that disconnects', async () => {
    const owner = await newUser(server);
    const member = await newMember(server, owner, 'MEMBER');
    const noteId = await createNote(owner.client, null);
    const room = `${owner.workspaceId}/presence/record/${noteId}`;
    const a = connect(server.url, room, { cookie: owner.client.cookie });
    const b = connect(server.url, room, { cookie: member.client.cookie });
    await Promise.all([synced(a), synced(b)]);
    a.setAwarenessField('user', { id: owner.userId, name: 'Owner', color: '#f00' });
    a.setAwarenessField('field', 'body');
    b.setAwarenessField('user', { id: member.userId, name: 'Member', color: '#00f' });
    b.setAwarenessField('dragging', noteId);

    const peers = (provider: HocuspocusProvider) =>
      [...provider.awareness!.getStates().entries()]
        .filter(([clientId]) => clientId !== provider.document.clientID)
        .map(([, state]) => state);
    await eventually(() => peers(a).some((s) => s.user?.id === member.userId));
    expect(peers(a).find((s) => s.user?.id === member.userId)).toMatchObject({ dragging: noteId });
    await eventually(() => peers(b).some((s) => s.user?.id === owner.userId && s.field === 'body'));

    // A socket that goes away without a word: the server drops its state at once.
    (b.configuration.websocketProvider.webSocket as unknown as WebSocket).terminate();
    disconnect(b);
    await eventually(() => !peers(a).some((s) => s.user?.id === member.userId));

    // A client that stops answering (its socket paused, no pongs) is dropped within a few seconds.
    const c = connect(server.url, room, { cookie: member.client.cookie });
    await synced(c);
    c.setAwarenessField('user', { id: member.userId, name: 'Frozen', color: '#999' });
    // The server stamps the user's own name; the colour is the client's and tells this tab apart.
    await eventually(() => peers(a).some((s) => s.user?.color === '#999'));
    (c.configuration.websocketProvider.webSocket as unknown as WebSocket).pause();
    await eventually(() => !peers(a).some((s) => s.user?.color === '#999'));

    // Presence rooms have no content: edits are refused.
    a.document.getText('text').insert(0, 'x');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(a.hasUnsyncedChanges).toBe(true);

    const stranger = await newUser(server);
    expect(await refused(connect(server.url, room, { cookie: stranger.client.cookie }))).toMatch(/Forbidden/);
  });
});

describe('durability', () => {
  const dataDirs: string[] = [];
  afterEach(() => stopAllClis());
  afterAll(() => Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  async function start(databaseUrl: string) {
    const dataDir = await newDataDir();
    dataDirs.push(dataDir);
    return startServerCli({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
  }

  // Two server processes start one after the other: a budget for a busy machine.
  it('keeps every acknowledged edit when the server is killed with SIGKILL', async () => {
    const databaseUrl = await newDatabase();
    const first = await start(databaseUrl);
    const owner = await newUser({ url: first.url } as TestServer);
    const noteId = await createNote(owner.client, 'before the crash:');
    const name = noteName(owner, noteId);
    const editor = connect(first.url, name, { cookie: owner.client.cookie });
    await synced(editor);
    const text = editor.document.getText('text');
    for (let i = 0; i < 50; i++) text.insert(text.length, ` ${i}`);
    await eventually(() => allAcknowledged(editor), 20_000);
    const acknowledged = textOf(editor);
    // Killed at once: well within the projection's debounce, before any compaction.
    first.cli.child.kill('SIGKILL');
    await first.cli.exited;
    disconnect(editor);

    const second = await start(databaseUrl);
    const reader = connect(second.url, name, { cookie: owner.client.cookie });
    await synced(reader);
    expect(textOf(reader)).toBe(acknowledged);
    // The edits that were never projected reach the record now.
    const client = clientOn(second.url, owner);
    await eventually(async () => (await noteBody(client, noteId)) === acknowledged, 20_000);
    // And the updates were compacted into the document's state.
    await eventually(async () => {
      const [row] = await query<{ updates: number }>(
        databaseUrl,
        'select count(*)::int as updates from collab_update where name = $1',
        [name],
      );
      return row!.updates === 0;
    }, 20_000);
  }, 300_000);
});

describe('two processes on one Redis', () => {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

  it('share documents: providers on different processes converge', async () => {
    // Redis is required here (CI has one): unreachable fails the test.
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: true });
    await redis.connect();
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();

    const a = await newServer({ REDIS_URL: redisUrl });
    const b = await newServer({ REDIS_URL: redisUrl, DATABASE_URL: a.databaseUrl });
    try {
      const owner = await newUser(a);
      const member = await newMember(a, owner, 'MEMBER');
      const noteId = await createNote(owner.client, 'shared: ');
      const name = noteName(owner, noteId);
      const onA = connect(a.url, name, { cookie: owner.client.cookie });
      const onB = connect(b.url, name, { cookie: member.client.cookie });
      await Promise.all([synced(onA), synced(onB)]);
      onA.document.getText('text').insert(8, 'from A');
      onB.document.getText('text').insert(0, '[B] ');
      await eventually(
        () => textOf(onA) === textOf(onB) && textOf(onA).includes('from A') && textOf(onA).includes('[B]'),
      );
      expect(textOf(onA)).toBe('[B] shared: from A');

      for (let i = 0; i < 10; i++) {
        onA.document.getText('text').insert(0, 'a');
        onB.document.getText('text').insert(onB.document.getText('text').length, 'b');
      }
      await eventually(
        () => textOf(onA) === textOf(onB) && textOf(onA).length === '[B] shared: from A'.length + 20,
      );

      // Awareness crosses processes too.
      onB.setAwarenessField('user', { id: member.userId, name: 'B', color: '#0f0' });
      await eventually(() =>
        [...onA.awareness!.getStates().values()].some((s) => s.user?.id === member.userId),
      );

      // A GraphQL write on process B reaches the provider on process A.
      await setNoteBody(clientOn(b.url, owner), noteId, 'set through B');
      await eventually(() => textOf(onA) === 'set through B' && textOf(onB) === 'set through B');
      await eventually(async () => (await noteBody(owner.client, noteId)) === 'set through B');

      // Even when the document is open on A only.
      const onlyOnA = await createNote(owner.client, 'open on A');
      const provider = connect(a.url, noteName(owner, onlyOnA), { cookie: owner.client.cookie });
      await synced(provider);
      await setNoteBody(clientOn(b.url, owner), onlyOnA, 'written through B');
      await eventually(() => textOf(provider) === 'written through B');
    } finally {
      disconnectAll();
      await b.close();
      await a.close();
    }
  });

  /** Processes A and B on one database and on Redis at `url`, each with a provider on one note. */
  async function twoProcessesOnANote(url: string, body: string) {
    const a = await newServer({ REDIS_URL: url });
    const b = await newServer({ REDIS_URL: url, DATABASE_URL: a.databaseUrl });
    const close = async () => {
      disconnectAll();
      await b.close();
      await a.close();
    };
    try {
      const owner = await newUser(a);
      const noteId = await createNote(owner.client, body);
      const name = noteName(owner, noteId);
      const onA = connect(a.url, name, { cookie: owner.client.cookie });
      const onB = connect(b.url, name, { cookie: owner.client.cookie });
      await Promise.all([synced(onA), synced(onB)]);
      return { owner, noteId, onA, onB, close };
    } catch (error) {
      await close();
      throw error;
    }
  }

  /** Time for the at-most-once-a-second exchange of a document's state vectors to go out. */
  async function pastTheNextExchange() {
    const from = Date.now();
    await eventually(() => Date.now() - from > 1_500);
  }

  it('a keystroke crosses to the other process as its update, not as a sync-step exchange', async () => {
    const { noteId, onA, onB, close } = await twoProcessesOnANote(redisUrl, '');
    const listener = new Redis(redisUrl, { lazyConnect: true });
    try {
      onA.document.getText('text').insert(0, 'ready');
      await eventually(() => textOf(onB) === 'ready');

      // Every message on the document's channel, from either process, while A's provider types.
      await listener.connect();
      let messages = 0;
      listener.on('pmessageBuffer', () => (messages += 1));
      await listener.psubscribe(`crm:collab*${noteId}*`);
      for (let i = 0; i < 20; i++) onA.document.getText('text').insert(0, 'k');
      await eventually(() => textOf(onB) === `${'k'.repeat(20)}ready`);
      // Then count: 20 updates and the odd repair exchange (4 messages). One exchange per
      // keystroke was 80.
      await pastTheNextExchange();
      expect(messages).toBeGreaterThanOrEqual(20);
      expect(messages).toBeLessThan(40);
    } finally {
      listener.disconnect();
      await close();
    }
  });

  it('a process cut off from Redis while a document changed catches up once it listens again', async () => {
    const redis = await RedisProcess.start();
    const admin = new Redis(redis.url, { lazyConnect: true });
    const { owner, noteId, onA, onB, close } = await twoProcessesOnANote(redis.url, 'base');
    try {
      await admin.connect();
      onA.document.getText('text').insert(4, '1');
      await eventually(() => textOf(onB) === 'base1');

      // No new connection is let in, and every listening connection is cut: neither process
      // hears anything until they are let back.
      await admin.config('SET', 'maxclients', '1');
      await admin.client('KILL', 'TYPE', 'pubsub');
      onA.document.getText('text').insert(5, '2');
      await eventually(async () => (await noteBody(owner.client, noteId)) === 'base12');
      // The update and the state-vector exchange that follows it both go out unheard; nothing
      // is typed afterwards.
      await pastTheNextExchange();
      expect(textOf(onB)).toBe('base1');

      await admin.config('SET', 'maxclients', '10000');
      await eventually(() => textOf(onB) === 'base12');
    } finally {
      admin.disconnect();
      await close();
      await redis.kill();
    }
  });

  it("a copy that missed another process's write takes it from the database instead of overwriting it", async () => {
    // Each process on a Redis of its own: nothing B publishes reaches A, as when a message is lost.
    const other = await RedisProcess.start();
    const a = await newServer({ REDIS_URL: redisUrl });
    const b = await newServer({ REDIS_URL: other.url, DATABASE_URL: a.databaseUrl });
    try {
      const owner = await newUser(a);
      const noteId = await createNote(owner.client, 'base');
      const provider = connect(a.url, noteName(owner, noteId), { cookie: owner.client.cookie });
      await synced(provider);
      // B opens the document for the write, stores the change, and publishes it where A cannot hear.
      await setNoteBody(clientOn(b.url, owner), noteId, 'from B');
      await eventually(async () => {
        const [row] = await query<{ text: string }>(
          a.databaseUrl,
          'select record_text as text from collab_document where name = $1',
          [noteName(owner, noteId)],
        );
        return row?.text === 'from B';
      });
      expect(textOf(provider)).toBe('base');
      // A's copy is edited and stored: projecting 'base!' would lose B's write.
      provider.document.getText('text').insert(4, '!');
      await eventually(async () => {
        const body = await noteBody(owner.client, noteId);
        // Both edits are kept; where Yjs puts the '!' of a deleted word is its call.
        return (
          body === textOf(provider) && body.includes('from B') && body.includes('!') && !body.includes('base')
        );
      });
    } finally {
      disconnectAll();
      await b.close();
      await a.close();
      await other.kill();
    }
  });
});
