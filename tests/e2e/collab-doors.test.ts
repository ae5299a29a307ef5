import type { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiToken, newMember, newUser, type SignedUpUser, type TestClient } from '../support/client.js';
import {
  allAcknowledged,
  closesOf,
  connect,
  disconnect,
  disconnectAll,
  rawCollabSocket,
  refused,
  synced,
  textOf,
} from '../support/collab.js';
import { query } from '../support/database.js';
import { useServer } from '../support/server.js';
import { closeOf, eventually } from '../support/ws.js';

// The /collab door (issue 11): update and document limits, the authentication timeout,
// sockets per user, the Origin check, presence stamped by the server, an object keyed `presence`.

const maxSocketsPerUser = 5;
const server = useServer({
  COLLAB_AUTH_TIMEOUT_MS: '1500',
  WS_MAX_SOCKETS_PER_USER: String(maxSocketsPerUser),
});
afterEach(() => disconnectAll());

async function createNote(client: TestClient, body: string | null): Promise<string> {
  const data = await client.data<{ createNote: { id: string } }>(
    `mutation ($body: String) { createNote(input: { name: "Limits", body: $body }) { id } }`,
    { body },
  );
  return data.createNote.id;
}

async function noteBody(client: TestClient, id: string): Promise<string | null> {
  const data = await client.data<{ note: { body: string | null } }>(
    `query ($id: ID!) { note(id: $id) { body } }`,
    {
      id,
    },
  );
  return data.note.body;
}

/** Bytes stored for a document: its compacted state plus the updates appended since. */
async function storedBytes(name: string): Promise<number> {
  const [row] = await query<{ bytes: string }>(
    server.databaseUrl,
    `select coalesce((select octet_length(state) from collab_document where name = $1), 0)
          + coalesce((select sum(octet_length(update)) from collab_update where name = $1), 0) as bytes`,
    [name],
  );
  return Number(row!.bytes);
}

/** An owner's note open in two providers, with its stored size once synced. */
async function openNote(owner: SignedUpUser, body: string) {
  const noteId = await createNote(owner.client, body);
  const name = `${owner.workspaceId}/note/${noteId}/body`;
  const writer = connect(server.url, name, { cookie: owner.client.cookie });
  const watcher = connect(server.url, name, { cookie: owner.client.cookie });
  await Promise.all([synced(writer), synced(watcher)]);
  await eventually(() => allAcknowledged(writer) && allAcknowledged(watcher));
  return { noteId, name, writer, watcher, bytesBefore: await storedBytes(name) };
}

/** After a refused edit: the record, the store and everyone else still have the old text. */
async function expectNothingKept(
  owner: SignedUpUser,
  note: Awaited<ReturnType<typeof openNote>>,
  body: string,
) {
  disconnect(note.writer); // it would send its refused state again on every reconnection
  expect(await noteBody(owner.client, note.noteId)).toBe(body);
  expect(await storedBytes(note.name)).toBe(note.bytesBefore);
  expect(textOf(note.watcher)).toBe(body);
  expect(note.watcher.document.share.size).toBe(1);
  const fresh = connect(server.url, note.name, { cookie: owner.client.cookie });
  await synced(fresh);
  expect(textOf(fresh)).toBe(body);
  expect([...fresh.document.share.keys()]).toEqual(['text']);
}

async function refusedWith(provider: HocuspocusProvider, code: number, edit: () => void): Promise<void> {
  const closes = closesOf(provider);
  edit();
  await eventually(() => closes.some((close) => close.code === code), 60_000);
}

describe('update and document limits', () => {
  it('closes with 1009 on a 6,000,000-character insert (over COLLAB_MAX_MESSAGE_BYTES); nothing is stored', async () => {
    const owner = await newUser(server);
    const note = await openNote(owner, 'Original');
    await refusedWith(note.writer, 1009, () =>
      note.writer.document.getText('text').insert(0, 'x'.repeat(6_000_000)),
    );
    await expectNothingKept(owner, note, 'Original');
  });

  it('closes with 4413 on text over the field limit of 1,000,000 characters, even in a small frame', async () => {
    const owner = await newUser(server);
    const note = await openNote(owner, 'Original');
    await refusedWith(note.writer, 4413, () =>
      note.writer.document.getText('text').insert(8, 'y'.repeat(999_993)),
    );
    await expectNothingKept(owner, note, 'Original');
  });

  it('accepts text up to exactly the limit and projects it', async () => {
    const owner = await newUser(server);
    const note = await openNote(owner, 'Original');
    note.writer.document.getText('text').insert(8, 'y'.repeat(999_992));
    await eventually(() => allAcknowledged(note.writer), 30_000);
    await eventually(async () => (await noteBody(owner.client, note.noteId))?.length === 1_000_000, 30_000);
  });

  it('closes with 1009 on an 8 MB map value and with 4422 on a small one; nothing is stored', async () => {
    const owner = await newUser(server);
    const note = await openNote(owner, 'Original');
    await refusedWith(note.writer, 1009, () =>
      note.writer.document.getMap('m').set('k', 'z'.repeat(8 * 1024 * 1024)),
    );
    await expectNothingKept(owner, note, 'Original');

    const again = await openNote(owner, 'Second');
    await refusedWith(again.writer, 4422, () => again.writer.document.getMap('m').set('k', 'small'));
    await expectNothingKept(owner, again, 'Second');
  });
});

describe('sockets', () => {
  it('closes a socket that authenticates no document within COLLAB_AUTH_TIMEOUT_MS with 4408, not an authenticated one', async () => {
    const owner = await newUser(server);
    const note = await openNote(owner, 'Alive');
    const idle = await rawCollabSocket(server.url);
    expect((await closeOf(idle.socket)).code).toBe(4408);
    // The providers opened before the idle socket are still served.
    note.writer.document.getText('text').insert(5, ' and well');
    await eventually(() => textOf(note.watcher) === 'Alive and well');
    await eventually(() => allAcknowledged(note.writer));
  });

  it(`refuses a user's socket over WS_MAX_SOCKETS_PER_USER (${maxSocketsPerUser} here) with 4429`, async () => {
    const owner = await newUser(server);
    const noteId = await createNote(owner.client, 'Crowded');
    const name = `${owner.workspaceId}/note/${noteId}/body`;
    const admitted = Array.from({ length: maxSocketsPerUser }, () =>
      connect(server.url, name, { cookie: owner.client.cookie }),
    );
    await Promise.all(admitted.map(synced));
    const extra = connect(server.url, name, { cookie: owner.client.cookie });
    const closes = closesOf(extra);
    expect(await refused(extra)).toMatch(/Too many connections/);
    await eventually(() => closes.some((close) => close.code === 4429));
    // A closed one makes room.
    disconnect(admitted[0]!);
    disconnect(extra);
    const next = connect(server.url, name, { cookie: owner.client.cookie });
    await synced(next);
  });

  it('refuses a foreign Origin: the cookie is not used and nothing syncs; the same origin works', async () => {
    const owner = await newUser(server);
    const noteId = await createNote(owner.client, 'Mine');
    const name = `${owner.workspaceId}/note/${noteId}/body`;
    const document = new Y.Doc();
    document.getText('text').insert(0, 'EVIL ');
    const evil = connect(
      server.url,
      name,
      { cookie: owner.client.cookie, origin: 'https://evil.example' },
      document,
    );
    const closes = closesOf(evil);
    let opened = false;
    evil.on('synced', () => (opened = true));
    await eventually(() => closes.length > 0, 10_000);
    expect(closes[0]!.code).toBe(1006); // the upgrade was answered 403: no WebSocket at all
    disconnect(evil);
    expect(opened).toBe(false);
    expect(await noteBody(owner.client, noteId)).toBe('Mine');

    const same = connect(server.url, name, { cookie: owner.client.cookie, origin: server.url });
    await synced(same);
    expect(textOf(same)).toBe('Mine');
  });
});

describe('presence stamped by the server', () => {
  async function room(owner: SignedUpUser): Promise<string> {
    return `${owner.workspaceId}/presence/record/${await createNote(owner.client, null)}`;
  }

  const stateOf = (observer: HocuspocusProvider, clientId: number) =>
    observer.awareness!.getStates().get(clientId) as Record<string, unknown> | undefined;

  it('shows others the authenticated user, whatever identity a viewer claims', async () => {
    const owner = await newUser(server, { name: 'Olivia Owner' });
    const viewer = await newMember(server, owner, 'VIEWER');
    const name = await room(owner);
    const observer = connect(server.url, name, { cookie: owner.client.cookie });
    const forger = connect(server.url, name, { cookie: viewer.client.cookie });
    await Promise.all([synced(observer), synced(forger)]);
    forger.setAwarenessField('user', { id: owner.userId, name: 'Olivia Owner', color: '#123456' });
    forger.setAwarenessField('field', 'marker');
    const forgerId = forger.awareness!.clientID;
    await eventually(() => stateOf(observer, forgerId)?.field === 'marker');
    expect(stateOf(observer, forgerId)?.user).toEqual({
      id: viewer.userId,
      name: 'A VIEWER',
      color: '#123456',
    });
  });

  it("does not let a connection overwrite another client's state by reusing its client id", async () => {
    const owner = await newUser(server);
    const member = await newMember(server, owner, 'MEMBER');
    const viewer = await newMember(server, owner, 'VIEWER');
    const name = await room(owner);
    const observer = connect(server.url, name, { cookie: owner.client.cookie });
    const victim = connect(server.url, name, { cookie: member.client.cookie });
    await Promise.all([synced(observer), synced(victim)]);
    victim.setAwarenessField('user', { id: member.userId, name: 'A MEMBER' });
    victim.setAwarenessField('field', 'mine');
    const victimId = victim.awareness!.clientID;
    await eventually(() => stateOf(observer, victimId)?.field === 'mine');

    const raw = await rawCollabSocket(server.url);
    try {
      raw.authenticate(name, (await createApiToken(viewer.client)).token);
      const ownId = victimId + 1;
      raw.sendAwareness(name, [
        {
          clientId: victimId,
          clock: 1000,
          state: { user: { id: member.userId, name: 'A MEMBER' }, field: 'hijack' },
        },
        { clientId: ownId, clock: 1, state: { field: 'marker' } },
      ]);
      // Both entries travel in one message: once the second is seen, the first was judged.
      await eventually(() => stateOf(observer, ownId)?.field === 'marker', 10_000);
      expect(stateOf(observer, ownId)?.user).toEqual({ id: viewer.userId, name: 'A VIEWER' });
      expect(stateOf(observer, victimId)).toEqual({
        user: { id: member.userId, name: 'A MEMBER' },
        field: 'mine',
      });
    } finally {
      raw.socket.close();
    }
  });
});

describe('an object keyed presence', () => {
  // `presence` names the awareness rooms on /collab, so it is now a reserved key; an object
  // keyed so before that still co-edits (the name parser tells the two apart: document-name.test.ts).
  it('is refused as a reserved key, naming the key', async () => {
    const owner = await newUser(server);
    const response = await owner.client.request(
      `mutation { createObject(input: { key: "presence", labelSingular: "Presence", labelPlural: "Presences" }) { id } }`,
    );
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['input', 'key'],
    });
    expect(response.body.errors?.[0]?.message).toMatch(/presence/);
  });
});
