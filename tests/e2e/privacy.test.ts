import { randomBytes } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, newMember, newUser, type SignedUpUser } from '../support/client.js';
import { connect, disconnectAll, synced, textOf } from '../support/collab.js';
import { query } from '../support/database.js';
import { uploadTo } from '../support/files.js';
import { addFields } from '../support/records.js';
import { useServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Privacy requests (docs/security.md): an admin exports everything about a person as a ZIP
// and erases them in place; a member is refused both. After erasure the person's name and
// e-mail appear nowhere: not in the record, search, history, timeline, comments, e-mails,
// related records, nor in the change feed replayed from the start. The deal's amount stays.

const server = useServer({ MAIL_SECRET_KEY: randomBytes(32).toString('hex') });

const tag = randomBytes(4).toString('hex');
const name = `Juniper Quillfeather ${tag}`;
const email = `juniper.${tag}@example.test`;

let admin: SignedUpUser;
let member: SignedUpUser;
let personId: string;
let dealId: string;
let noteId: string;

const exportUrl = (id: string) => `${server.url}/export/privacy/person/${id}.zip`;

async function exportZip(user: SignedUpUser, id: string) {
  return fetch(exportUrl(id), {
    headers: { ...user.client.authHeaders(), 'x-workspace-id': user.workspaceId },
  });
}

const erase = /* GraphQL */ `
  mutation ($recordId: ID!) {
    erasePersonalData(object: "person", recordId: $recordId) {
      object
      recordId
      fields
      relatedRecords
      comments
      emails
    }
  }
`;

beforeAll(async () => {
  admin = await newUser(server, { name: 'Ada Admin' });
  await admin.client.data(`mutation { installTemplate(key: "real-estate") { key } }`);
  await addFields(admin.client, 'person', [
    { key: 'documents', type: 'FILE' },
    { key: 'background', type: 'LONG_TEXT' },
  ]);
  member = await newMember(server, admin, 'MEMBER');

  const { createPerson } = await admin.client.data(
    `mutation ($input: PersonCreateInput!) { createPerson(input: $input) { id } }`,
    { input: { name, email, phone: '+1 202 555 0147', minBedrooms: 3 } },
  );
  personId = createPerson.id;
  const { createDeal } = await admin.client.data(
    `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`,
    {
      input: {
        name: `Offer by ${name}`,
        contact: personId,
        amount: { amount: 450000, currency: 'USD' },
      },
    },
  );
  dealId = createDeal.id;
  const { createNote } = await admin.client.data(
    `mutation ($input: NoteCreateInput!) { createNote(input: $input) { id } }`,
    { input: { name: `Call with ${name}`, body: `Reach ${name} at ${email}.`, person: personId } },
  );
  noteId = createNote.id;
  await admin.client.data(
    `mutation ($recordId: ID!, $body: String!) { addComment(object: "person", recordId: $recordId, body: $body) { id } }`,
    { recordId: personId, body: `${name} prefers mornings.` },
  );
  const upload = await uploadTo(
    admin.client,
    { object: 'person', field: 'documents' },
    'id-scan.txt',
    new TextEncoder().encode(`Passport of ${name}`),
  );
  expect(upload.status, JSON.stringify(upload.body)).toBe(201);
  await admin.client.data(
    `mutation ($id: ID!, $input: PersonUpdateInput!) { updatePerson(id: $id, input: $input) { id } }`,
    { id: personId, input: { documents: [upload.body.file!.id] } },
  );
  // An e-mail from the person, received through the HTTP door as a mail provider posts it.
  const token = await createApiToken(admin.client);
  const raw = [
    `From: ${name} <${email}>`,
    'To: agents@agency.test',
    `Subject: Viewing for ${name}`,
    `Message-ID: <${tag}@example.test>`,
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hello, this is ${name}; write to ${email}.`,
  ].join('\r\n');
  const received = await fetch(`${server.url}/mail/inbound`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token.token}`, 'content-type': 'message/rfc822' },
    body: raw,
  });
  expect(received.status, await received.clone().text()).toBe(201);
});

afterAll(() => disconnectAll());

describe('privacy requests', () => {
  it('exports the person as a ZIP of their record, timeline, comments, e-mails and files', async () => {
    const response = await exportZip(admin, personId);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toContain(`personal-data-person-${personId}.zip`);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const text = (entry: string) => strFromU8(files[entry]!);
    const json = (entry: string) => JSON.parse(text(entry));

    expect(json('record.json').record).toMatchObject({ id: personId, name, email, minBedrooms: 3 });
    expect(text('record.csv')).toContain(email);
    const timeline = json('timeline.json') as { kind: string; data: Record<string, unknown> }[];
    expect(timeline.map((item) => item.kind)).toEqual(
      expect.arrayContaining(['FIELD_CHANGE', 'NOTE', 'COMMENT', 'EMAIL_RECEIVED']),
    );
    expect(json('history.json').length).toBeGreaterThanOrEqual(2);
    expect(json('comments.json')[0].body).toBe(`${name} prefers mornings.`);
    expect(json('emails-received.json')).toMatchObject([
      { fromAddress: email, subject: `Viewing for ${name}` },
    ]);
    expect(text('emails-received.csv')).toContain(`Viewing for ${name}`);
    // Every relation from deals to people (real-estate 6 adds the seller), the deal by its contact.
    expect(json('related/deal.json')).toMatchObject({
      via: ['contact', 'seller'],
      records: [{ id: dealId, amount: { amount: 450000, currency: 'USD' } }],
    });
    expect(json('related/note.json').records).toMatchObject([{ id: noteId }]);
    const [scan] = json('files.json') as { name: string; entry: string }[];
    expect(scan!.name).toBe('id-scan.txt');
    expect(text(scan!.entry)).toBe(`Passport of ${name}`);
    // What the erasure below must make unfindable is findable now.
    const found = await admin.client.data(
      `query ($name: String, $email: String) {
         byName: people(search: $name) { totalCount }
         byEmail: people(search: $email) { totalCount }
         deals(search: "Quillfeather") { totalCount }
       }`,
      { name, email },
    );
    expect([found.byName, found.byEmail, found.deals].map((s) => s.totalCount)).toEqual([1, 1, 1]);
  });

  it('refuses members with FORBIDDEN, for the export and the erasure', async () => {
    const refused = await exportZip(member, personId);
    expect(refused.status).toBe(403);
    expect((await refused.json()).errors[0].extensions.code).toBe('FORBIDDEN');
    const { body } = await member.client.request(erase, { recordId: personId });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const missing = await admin.client.request(erase, { recordId: dealId });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('erases the person everywhere, keeps the deal amount, and audits the erasure', async () => {
    // A duplicate merged into the person earlier: kept deleted, with its own address.
    const alias = `j.q.${tag}@example.test`;
    const { createPerson: duplicate } = await admin.client.data(
      `mutation ($input: PersonCreateInput!) { createPerson(input: $input) { id } }`,
      { input: { name, email: alias, jobTitle: `Zephyr ${tag}` } },
    );
    await admin.client.data(`mutation ($input: MergeRecordsInput!) { mergeRecords(input: $input) { id } }`, {
      input: { objectKey: 'person', survivorId: personId, mergedIds: [duplicate.id], values: [] },
    });
    // Co-edited notes, open in an editor while the erasure runs.
    const documentName = `${admin.workspaceId}/person/${personId}/background`;
    const editor = connect(server.url, documentName, { cookie: admin.client.cookie });
    await synced(editor);
    editor.document.getText('text').insert(0, `Met ${name} at the open house.`);
    await eventually(async () => {
      const { person } = await admin.client.data(`query ($id: ID!) { person(id: $id) { background } }`, {
        id: personId,
      });
      return String(person.background).includes(name);
    });
    const storedDocument = async () => {
      const rows = await query<{ content: Buffer | null }>(
        server.databaseUrl,
        `select state as content from collab_document where name = $1
         union all select update from collab_update where name = $1`,
        [documentName],
      );
      return Buffer.concat(rows.flatMap((r) => (r.content ? [r.content] : [])));
    };
    expect((await storedDocument()).includes(name)).toBe(true);

    // A document draft of the deal: its default merged the person's name, and someone typed
    // their e-mail and took it out again (so it is only in the draft's history).
    const { saveDocumentTemplate } = await admin.client.data(
      `mutation ($input: DocumentTemplateInput!) { saveDocumentTemplate(input: $input) { id } }`,
      {
        input: {
          object: 'deal',
          name: 'Offer letter',
          blocks: [
            { type: 'draft', key: 'letter', label: 'Letter', default: 'Dear {{ record.contact.name }},' },
          ],
        },
      },
    );
    const draftName = `${admin.workspaceId}/draft/${saveDocumentTemplate.id}/${dealId}/letter`;
    const drafter = connect(server.url, draftName, { cookie: admin.client.cookie });
    await synced(drafter);
    expect(textOf(drafter)).toBe(`Dear ${name},`);
    const draftText = drafter.document.getText('text');
    draftText.insert(draftText.length, ` write to ${email}`);
    const storedDraft = async () => {
      const rows = await query<{ content: Buffer | null }>(
        server.databaseUrl,
        `select state as content from collab_document where name = $1
         union all select record_text::bytea from collab_document where name = $1
         union all select update from collab_update where name = $1`,
        [draftName],
      );
      return Buffer.concat(rows.flatMap((r) => (r.content ? [r.content] : []))).toString('latin1');
    };
    // Stored while it is in the text (a deleted insert lives only in updates until the store
    // compacts them, a window a poll on a busy machine can miss), then taken out again.
    await eventually(async () => (await storedDraft()).includes(email));
    draftText.delete(draftText.length - ` write to ${email}`.length, ` write to ${email}`.length);
    draftText.insert(draftText.length, ' see you soon.');
    await eventually(async () => (await storedDraft()).includes(' see you soon.'));

    const { erasePersonalData } = await admin.client.data(erase, { recordId: personId });
    expect(erasePersonalData).toMatchObject({ object: 'person', recordId: personId, relatedRecords: 2 });
    expect(erasePersonalData.fields).toEqual(
      expect.arrayContaining(['name', 'email', 'phone', 'documents', 'background']),
    );
    // The draft reads the erased name in the open editor and in storage, its history gone.
    await eventually(() => textOf(drafter) === 'Dear [erased], see you soon.');
    const draftStored = await storedDraft();
    expect([name, email, 'Quillfeather'].filter((term) => draftStored.includes(term))).toEqual([]);
    const reopened = connect(server.url, draftName, { cookie: admin.client.cookie });
    await synced(reopened);
    expect(textOf(reopened)).toBe('Dear [erased], see you soon.');
    const leaks = (value: unknown) => {
      const text = JSON.stringify(value).toLowerCase();
      return [name, email, alias, 'Juniper', 'Quillfeather', `Zephyr ${tag}`].filter((term) =>
        text.includes(term.toLowerCase()),
      );
    };

    const { person } = await admin.client.data(
      `query ($id: ID!) { person(id: $id) { id name email phone minBedrooms background } }`,
      { id: personId },
    );
    expect(person).toMatchObject({
      id: personId,
      email: null,
      phone: null,
      background: null,
      minBedrooms: 3,
    });
    expect(person.name).toMatch(/^Erased Person /);
    const searches = await admin.client.data(
      `query ($name: String, $email: String, $tag: String) {
         byName: people(search: $name) { totalCount nodes { id } }
         byEmail: people(search: $email) { totalCount }
         byTag: people(search: $tag) { totalCount }
         deals(search: $tag) { totalCount }
         list: people(first: 200, includeDeleted: true) { nodes { name email jobTitle } }
         deleted: people(search: $tag, includeDeleted: true) { totalCount }
       }`,
      { name, email, tag: 'Quillfeather' },
    );
    expect(
      [searches.byName, searches.byEmail, searches.byTag, searches.deals, searches.deleted].map(
        (s) => s.totalCount,
      ),
    ).toEqual([0, 0, 0, 0, 0]);
    expect(leaks(searches.list)).toEqual([]);
    const { deal } = await admin.client.data(
      `query ($id: ID!) { deal(id: $id) { name amount { amount currency } contact { id } } }`,
      { id: dealId },
    );
    expect(deal).toMatchObject({ amount: { amount: 450000, currency: 'USD' }, contact: { id: personId } });
    expect(leaks(deal)).toEqual([]);

    const seen = await admin.client.data(
      `query ($id: ID!, $deal: ID!, $note: ID!) {
         history: recordHistory(object: "person", id: $id, first: 100) { values previous }
         dealHistory: recordHistory(object: "deal", id: $deal, first: 100) { values previous }
         noteHistory: recordHistory(object: "note", id: $note, first: 100) { values previous }
         note(id: $note) { name body }
         timeline(object: "person", recordId: $id, first: 100) { nodes { kind data } }
         comments(object: "person", recordId: $id) { nodes { body } }
         inboundMessages(first: 50) { nodes { fromAddress fromName subject text } }
       }`,
      { id: personId, deal: dealId, note: noteId },
    );
    expect(seen.timeline.nodes.map((n: { kind: string }) => n.kind)).toEqual(
      expect.arrayContaining(['FIELD_CHANGE', 'COMMENT', 'EMAIL_RECEIVED']),
    );
    expect(leaks(seen)).toEqual([]);

    // Every change replayed from the start of the log, the erasure's own among them.
    const socket = newSocketClient(server, { cookie: admin.client.cookie, workspaceId: admin.workspaceId });
    const replay = collect<{
      recordChanged: { recordId: string; kind: string; values: Record<string, unknown> };
    }>(socket.client, `subscription { recordChanged(after: "0") { recordId kind values previous } }`);
    const updatesOf = (id: string) =>
      replay.results.filter(
        (r) => r.data?.recordChanged.recordId === id && r.data.recordChanged.kind === 'update',
      );
    await eventually(
      () =>
        updatesOf(personId).some((r) => String(r.data!.recordChanged.values.name).startsWith('Erased')) &&
        updatesOf(dealId).length > 0 &&
        updatesOf(noteId).length > 0,
    );
    replay.stop();
    await socket.client.dispose();
    expect(leaks(replay.results)).toEqual([]);

    const refetched = await exportZip(admin, personId);
    const files = unzipSync(new Uint8Array(await refetched.arrayBuffer()));
    expect(leaks(Object.values(files).map((f) => strFromU8(f)))).toEqual([]);

    const { auditLog } = await admin.client.data(
      `query { auditLog(filter: { action: "privacy." }, first: 10) { nodes { action objectKey targetIds targetNames details actor { userId } } } }`,
    );
    expect(auditLog.nodes.map((e: { action: string }) => e.action)).toEqual([
      'privacy.exported',
      'privacy.erased',
      'privacy.exported',
    ]);
    expect(auditLog.nodes[1]).toMatchObject({
      objectKey: 'person',
      targetIds: [personId],
      actor: { userId: admin.userId },
    });
    expect(leaks(auditLog)).toEqual([]);

    // The open editor took the erased text, and no stored state or update holds the old one.
    await eventually(() => textOf(editor) === '');
    const stored = await storedDocument();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.includes(name)).toBe(false);
  });
});
