import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, TestClient, type SignedUpUser } from '../support/client.js';
import { allAcknowledged, connect, disconnectAll, refused, synced, textOf } from '../support/collab.js';
import { download } from '../support/files.js';
import { addFields, expectBadInput, expectCode } from '../support/records.js';
import { newServer, useServer, type TestServer } from '../support/server.js';
import { eventually } from '../support/ws.js';
import { pdfText } from '../support/pdf.js';

// Drafts end to end: a document template's draft blocks are Yjs documents on /collab, one per
// template and record, co-edited by Hocuspocus providers against the real server; generating
// prints what they hold and keeps it with the generation. A member who cannot read the deal
// cannot open its draft; one who reads but cannot update it gets a read-only connection.

const server = useServer();

const saveTemplate = /* GraphQL */ `
  mutation ($input: DocumentTemplateInput!) {
    saveDocumentTemplate(input: $input) {
      id
    }
  }
`;
const generate = /* GraphQL */ `
  mutation ($templateId: ID!, $recordId: ID!) {
    generateDocument(templateId: $templateId, recordId: $recordId) {
      id
      drafts
      file {
        url
      }
    }
  }
`;
const reset = /* GraphQL */ `
  mutation ($templateId: ID!, $recordId: ID!, $key: String!) {
    resetDocumentDraft(templateId: $templateId, recordId: $recordId, key: $key)
  }
`;

const blocks = [
  { type: 'heading', text: 'Offer: {{ record.name }}' },
  {
    type: 'draft',
    key: 'coverLetter',
    label: 'Cover letter',
    default: 'Dear client, here is our offer for {{ record.name }}.',
  },
  { type: 'paragraph', text: 'Terms follow.' },
  {
    type: 'draft',
    key: 'specialTerms',
    label: 'Special terms',
    default: 'No special terms for {{ record.name }}.',
  },
];

async function createDeal(user: SignedUpUser, name: string): Promise<string> {
  const { createDeal } = await user.client.data<{ createDeal: { id: string } }>(
    `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`,
    { input: { name } },
  );
  return createDeal.id;
}

afterEach(() => disconnectAll());

describe('co-edited drafts of documents', () => {
  let owner: SignedUpUser;
  let member: SignedUpUser;
  let templateId: string;
  const draftName = (recordId: string, key = 'coverLetter') =>
    `${owner.workspaceId}/draft/${templateId}/${recordId}/${key}`;

  beforeAll(async () => {
    owner = await newUser(server, { workspaceName: 'Drafting Ltd' });
    member = await newMember(server, owner, 'MEMBER');
    await addFields(owner.client, 'deal', [{ key: 'documents', type: 'FILE', settings: { max: 20 } }]);
    templateId = (
      await owner.client.data(saveTemplate, { input: { object: 'deal', name: 'Offer letter', blocks } })
    ).saveDocumentTemplate.id;
  }, 120_000);

  it('two people edit one draft at once; the PDF prints both edits and the generation keeps them', async () => {
    const dealId = await createDeal(owner, 'Harbour Deal');
    const a = connect(server.url, draftName(dealId), { cookie: owner.client.cookie });
    const b = connect(server.url, draftName(dealId), { cookie: member.client.cookie });
    await Promise.all([synced(a), synced(b)]);
    // The first opening starts the draft from the block's default, merged for the deal.
    const start = 'Dear client, here is our offer for Harbour Deal.';
    expect(textOf(a)).toBe(start);
    expect(textOf(b)).toBe(start);

    a.document.getText('text').insert(0, 'ALPHA ');
    b.document.getText('text').insert(start.length, ' OMEGA');
    const both = `ALPHA ${start} OMEGA`;
    await eventually(() => textOf(a) === both && textOf(b) === both);
    await eventually(() => allAcknowledged(a) && allAcknowledged(b));

    const first = (await owner.client.data(generate, { templateId, recordId: dealId })).generateDocument;
    expect(first.drafts).toEqual({ coverLetter: both, specialTerms: 'No special terms for Harbour Deal.' });
    const firstPdf = await pdfText((await download(owner.client, first.file.url)).data);
    expect(firstPdf).toContain('Offer: Harbour Deal');
    expect(firstPdf).toContain(both);
    expect(firstPdf).toContain('No special terms for Harbour Deal.');

    // A later edit changes the next PDF, not the one made before.
    b.document.getText('text').insert(0, 'LATER ');
    await eventually(() => textOf(a).startsWith('LATER ') && allAcknowledged(b));
    const second = (await member.client.data(generate, { templateId, recordId: dealId })).generateDocument;
    expect(await pdfText((await download(member.client, second.file.url)).data)).toContain(`LATER ${both}`);
    expect(await pdfText((await download(owner.client, first.file.url)).data)).not.toContain('LATER');
    const { generatedDocuments } = await owner.client.data(
      `query ($id: ID!) { generatedDocuments(object: "deal", recordId: $id) { id drafts } }`,
      { id: dealId },
    );
    expect(generatedDocuments).toEqual([
      { id: second.id, drafts: expect.objectContaining({ coverLetter: `LATER ${both}` }) },
      { id: first.id, drafts: expect.objectContaining({ coverLetter: both }) },
    ]);
  });

  it('resets a draft to its default: every open copy takes it, and so does the next PDF', async () => {
    const dealId = await createDeal(owner, 'Reset Deal');
    const a = connect(server.url, draftName(dealId), { cookie: owner.client.cookie });
    await synced(a);
    a.document.getText('text').delete(0, textOf(a).length);
    a.document.getText('text').insert(0, 'scrap this');
    await eventually(() => allAcknowledged(a));

    const { resetDocumentDraft } = await member.client.data(reset, {
      templateId,
      recordId: dealId,
      key: 'coverLetter',
    });
    expect(resetDocumentDraft).toBe('Dear client, here is our offer for Reset Deal.');
    await eventually(() => textOf(a) === resetDocumentDraft);
    // A provider opening it afresh reads the same.
    const b = connect(server.url, draftName(dealId), { cookie: member.client.cookie });
    await synced(b);
    expect(textOf(b)).toBe(resetDocumentDraft);
    const made = (await owner.client.data(generate, { templateId, recordId: dealId })).generateDocument;
    expect(made.drafts.coverLetter).toBe(resetDocumentDraft);

    expectBadInput(await owner.client.request(reset, { templateId, recordId: dealId, key: 'nope' }), ['key']);
  });

  it('follows the deal’s rights: no read, no draft; read without update, read-only', async () => {
    const dealId = await createDeal(owner, 'Guarded Deal');
    const saveProfile = `mutation ($input: PermissionProfileInput!) { savePermissionProfile(input: $input) { id } }`;
    const assign = `mutation ($userId: ID!, $profileId: ID) { assignMemberProfile(userId: $userId, profileId: $profileId) }`;
    const ownOnly = await owner.client.data(saveProfile, {
      input: {
        name: 'Own deals',
        objects: [{ objectKey: 'deal', read: 'OWN', create: true, update: 'OWN', delete: 'OWN' }],
      },
    });
    const readAll = await owner.client.data(saveProfile, {
      input: {
        name: 'Read all deals, update own',
        objects: [{ objectKey: 'deal', read: 'ALL', create: true, update: 'OWN', delete: 'OWN' }],
      },
    });
    const outsider = await newMember(server, owner, 'MEMBER');
    await owner.client.data(assign, { userId: outsider.userId, profileId: ownOnly.savePermissionProfile.id });
    const reader = await newMember(server, owner, 'MEMBER');
    await owner.client.data(assign, { userId: reader.userId, profileId: readAll.savePermissionProfile.id });

    const refusal = await refused(connect(server.url, draftName(dealId), { cookie: outsider.client.cookie }));
    expect(refusal).toMatch(/Unknown document/);
    expectCode(
      await outsider.client.request(reset, { templateId, recordId: dealId, key: 'coverLetter' }),
      'NOT_FOUND',
    );
    // A draft block the template does not have, and another workspace's member, are refused alike.
    expect(
      await refused(connect(server.url, draftName(dealId, 'nope'), { cookie: owner.client.cookie })),
    ).toMatch(/Unknown document/);
    const stranger = await newUser(server);
    expect(await refused(connect(server.url, draftName(dealId), { cookie: stranger.client.cookie }))).toMatch(
      /Forbidden/,
    );

    const editor = connect(server.url, draftName(dealId), { cookie: owner.client.cookie });
    const readOnly = connect(server.url, draftName(dealId), { cookie: reader.client.cookie });
    await Promise.all([synced(editor), synced(readOnly)]);
    readOnly.document.getText('text').insert(textOf(readOnly).length, ' READER WAS HERE');
    editor.document.getText('text').insert(0, 'EDITOR ');
    await eventually(() => textOf(readOnly).includes('EDITOR Dear client') && allAcknowledged(editor));
    expect(textOf(editor)).toBe('EDITOR Dear client, here is our offer for Guarded Deal.');
    // The reader's change was never acknowledged, nor stored: the PDF does not print it.
    expect(readOnly.hasUnsyncedChanges).toBe(true);
    const made = (await owner.client.data(generate, { templateId, recordId: dealId })).generateDocument;
    expect(made.drafts.coverLetter).toBe('EDITOR Dear client, here is our offer for Guarded Deal.');
    expectCode(
      await reader.client.request(reset, { templateId, recordId: dealId, key: 'coverLetter' }),
      'FORBIDDEN',
    );
  });

  it('refuses a draft block with a bad or repeated key or an unknown merge field, naming the block', async () => {
    const save = (b: unknown[]) =>
      owner.client.request(saveTemplate, { input: { object: 'deal', name: 'Bad drafts', blocks: b } });
    const draft = { type: 'draft', key: 'coverLetter', label: 'Cover letter' };
    expectBadInput(await save([draft, { type: 'paragraph', text: 'x' }, draft]), [
      'input',
      'blocks',
      '2',
      'key',
    ]);
    expectBadInput(await save([{ ...draft, key: 'Cover letter' }]), ['input', 'blocks', '0', 'key']);
    expectBadInput(await save([{ ...draft, label: '' }]), ['input', 'blocks', '0', 'label']);
    const unknown = await save([{ ...draft, default: 'Hi {{ record.nope }}' }]);
    expectBadInput(unknown, ['input', 'blocks', '0', 'default']);
  });
});

describe('drafts on two processes sharing one Redis', () => {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

  it('converge across processes; a PDF made on either prints both edits; a reset on one reaches the other', async () => {
    const a = await newServer({ REDIS_URL: redisUrl });
    const b = await newServer({ REDIS_URL: redisUrl, DATABASE_URL: a.databaseUrl });
    try {
      const owner = await newUser(a);
      const member = await newMember(a, owner, 'MEMBER');
      await addFields(owner.client, 'deal', [{ key: 'documents', type: 'FILE', settings: { max: 5 } }]);
      const { saveDocumentTemplate } = await owner.client.data(saveTemplate, {
        input: { object: 'deal', name: 'Offer letter', blocks },
      });
      const dealId = await createDeal(owner, 'Split Deal');
      const name = `${owner.workspaceId}/draft/${saveDocumentTemplate.id}/${dealId}/coverLetter`;
      const onA = connect(a.url, name, { cookie: owner.client.cookie });
      const onB = connect(b.url, name, { cookie: member.client.cookie });
      await Promise.all([synced(onA), synced(onB)]);
      const start = 'Dear client, here is our offer for Split Deal.';
      expect(textOf(onA)).toBe(start);
      expect(textOf(onB)).toBe(start);
      onA.document.getText('text').insert(0, '[A] ');
      onB.document.getText('text').insert(start.length, ' [B]');
      const both = `[A] ${start} [B]`;
      await eventually(() => textOf(onA) === both && textOf(onB) === both);
      await eventually(() => allAcknowledged(onA) && allAcknowledged(onB));

      const viaB = new TestClient({ url: b.url } as TestServer);
      viaB.cookie = owner.client.cookie;
      viaB.workspaceId = owner.workspaceId;
      const made = await viaB.data(generate, { templateId: saveDocumentTemplate.id, recordId: dealId });
      expect(made.generateDocument.drafts.coverLetter).toBe(both);

      // Open on A only: a reset through B reaches it over Redis.
      disconnectAll();
      const onlyOnA = connect(a.url, name, { cookie: owner.client.cookie });
      await synced(onlyOnA);
      expect(textOf(onlyOnA)).toBe(both);
      const { resetDocumentDraft } = await viaB.data(reset, {
        templateId: saveDocumentTemplate.id,
        recordId: dealId,
        key: 'coverLetter',
      });
      await eventually(() => textOf(onlyOnA) === resetDocumentDraft);
    } finally {
      disconnectAll();
      await b.close();
      await a.close();
    }
  }, 180_000);
});
