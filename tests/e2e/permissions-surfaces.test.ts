import { beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { uploadTo } from '../support/files.js';
import { addFields, errorOf, expectBadInput, expectCode } from '../support/records.js';
import { useServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Issue 20 beyond the records API: comments, the timeline, duplicates and merge, and mail sent
// from a record follow an agent's permission profile as the records API does. Agents reach
// their own and their team's buyers (deals) and those shared with their team; they delete only
// their own; `secretNote` and `commission` are hidden from them, `probability` read-only.
// Tasks: their own only.

const agentProfile = {
  name: 'Agent',
  objects: [
    { objectKey: 'deal', read: 'TEAM', create: true, update: 'TEAM', delete: 'OWN' },
    { objectKey: 'task', read: 'OWN', create: true, update: 'OWN', delete: 'OWN' },
  ],
  fields: [
    { objectKey: 'deal', fieldKey: 'commission', access: 'HIDDEN' },
    { objectKey: 'deal', fieldKey: 'secretNote', access: 'HIDDEN' },
    { objectKey: 'deal', fieldKey: 'papers', access: 'HIDDEN' },
    { objectKey: 'deal', fieldKey: 'probability', access: 'READ_ONLY' },
  ],
};

const comments = `query ($id: ID!) { comments(object: "deal", recordId: $id) { totalCount nodes { id body } } }`;
const addComment = `mutation ($id: ID!, $body: String!) { addComment(object: "deal", recordId: $id, body: $body) { id } }`;
const editComment = `mutation ($id: ID!, $body: String!) { editComment(id: $id, body: $body) { id } }`;
const deleteComment = `mutation ($id: ID!) { deleteComment(id: $id) }`;
const inbox = `{ notifications(first: 100) { nodes { kind recordId } } }`;
const timeline = `query ($id: ID!, $kinds: [String!]) {
  timeline(object: "deal", recordId: $id, first: 100, kinds: $kinds) { nodes { id kind object recordId data } }
}`;
const groups = `{ duplicateGroups(objectKey: "deal") { fields records { id values } } }`;
const likely = `query ($values: JSON!) { likelyDuplicates(objectKey: "deal", values: $values) { id values } }`;
const rules = `{ duplicateRules(objectKey: "deal") { field match } }`;
const mergeDeals = `mutation ($input: MergeRecordsInput!) { mergeRecords(input: $input) { id survivorId mergedIds } }`;
const preview = `query ($input: MailTemplatePreviewInput!) { mailTemplatePreview(input: $input) { subject text missing } }`;
const send = `mutation ($input: SendRecordMailInput!) { sendRecordMail(input: $input) { id } }`;

interface Item {
  id: string;
  kind: string;
  object: string;
  recordId: string;
  data: Record<string, unknown>;
}

describe('permission profiles on comments, the timeline, duplicates and record mail', () => {
  const server = useServer();
  let admin: SignedUpUser;
  let agentA: SignedUpUser;
  let agentB: SignedUpUser;
  let teammate: SignedUpUser;
  let northId: string;
  const deals = {} as Record<'a1' | 'a2' | 'b1' | 'team' | 'shared', string>;

  async function createDeal(
    name: string,
    owner: SignedUpUser,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const { createDeal } = await admin.client.data<{ createDeal: { id: string } }>(
      `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`,
      { input: { name, owner: owner.userId, stage: 'viewingBooked', ...extra } },
    );
    return createDeal.id;
  }

  async function updateDeal(id: string, input: Record<string, unknown>): Promise<void> {
    await admin.client.data(
      `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id } }`,
      { id, input },
    );
  }

  async function createTask(name: string, deal: string, owner: SignedUpUser): Promise<string> {
    const { createTask } = await admin.client.data<{ createTask: { id: string } }>(
      `mutation ($input: TaskCreateInput!) { createTask(input: $input) { id } }`,
      { input: { name, deal, owner: owner.userId } },
    );
    return createTask.id;
  }

  beforeAll(async () => {
    admin = await newUser(server, { name: 'Ada Admin' });
    await admin.client.data(
      `mutation { installTemplate(key: "real-estate", withSampleData: false) { __typename } }`,
    );
    await addFields(admin.client, 'deal', [
      { key: 'commission', type: 'NUMBER' },
      { key: 'secretNote', type: 'TEXT' },
      { key: 'papers', type: 'FILE' },
      // `documents` (FILE, visible to agents) comes with the template.
    ]);
    [agentA, agentB, teammate] = await Promise.all([
      newMember(server, admin, 'MEMBER'),
      newMember(server, admin, 'MEMBER'),
      newMember(server, admin, 'MEMBER'),
    ]);
    const { savePermissionProfile } = await admin.client.data<{ savePermissionProfile: { id: string } }>(
      `mutation ($input: PermissionProfileInput!) { savePermissionProfile(input: $input) { id } }`,
      { input: agentProfile },
    );
    for (const agent of [agentA, agentB, teammate])
      await admin.client.data(
        `mutation ($userId: ID!, $profileId: ID) { assignMemberProfile(userId: $userId, profileId: $profileId) }`,
        { userId: agent.userId, profileId: savePermissionProfile.id },
      );
    northId = (
      await admin.client.data<{ saveTeam: { id: string } }>(
        `mutation ($input: TeamInput!) { saveTeam(input: $input) { id } }`,
        { input: { name: 'North', memberIds: [agentA.userId, teammate.userId] } },
      )
    ).saveTeam.id;
    deals.a1 = await createDeal('Oak buyer', agentA, { secretNote: 'a1 secret', commission: 100 });
    deals.a2 = await createDeal('Oak buyer', agentA, { secretNote: 'a2 secret' });
    deals.b1 = await createDeal('Oak buyer', agentB, { secretNote: 'b1 secret' });
    deals.team = await createDeal('Elm buyer', teammate);
    deals.shared = await createDeal('Pine buyer', agentB);
    await admin.client.data(`mutation ($input: ShareRecordInput!) { shareRecord(input: $input) { id } }`, {
      input: { objectKey: 'deal', recordId: deals.shared, teamId: northId, level: 'read' },
    });
  }, 180_000);

  describe('comments', () => {
    it('lists and adds comments only on records the agent may read', async () => {
      await agentA.client.data(addComment, { id: deals.a1, body: 'Mine' });
      expect((await agentA.client.data(comments, { id: deals.a1 })).comments.totalCount).toBe(1);
      await admin.client.data(addComment, { id: deals.b1, body: 'About Birch' });
      expectCode(await agentA.client.request(comments, { id: deals.b1 }), 'NOT_FOUND');
      expectCode(await agentA.client.request(addComment, { id: deals.b1, body: 'Hi' }), 'NOT_FOUND');
      expect((await agentB.client.data(comments, { id: deals.b1 })).comments.totalCount).toBe(1);
    });

    it('edits and deletes comments only while their record is readable', async () => {
      const share = await admin.client.data<{ shareRecord: { id: string } }>(
        `mutation ($input: ShareRecordInput!) { shareRecord(input: $input) { id } }`,
        { input: { objectKey: 'deal', recordId: deals.b1, userId: agentA.userId, level: 'read' } },
      );
      const { addComment: mine } = await agentA.client.data<{ addComment: { id: string } }>(addComment, {
        id: deals.b1,
        body: 'While shared',
      });
      await agentA.client.data(editComment, { id: mine.id, body: 'While shared, edited' });
      await admin.client.data(`mutation ($id: ID!) { unshareRecord(id: $id) }`, { id: share.shareRecord.id });
      expectCode(await agentA.client.request(editComment, { id: mine.id, body: 'Now?' }), 'NOT_FOUND');
      expectCode(await agentA.client.request(deleteComment, { id: mine.id }), 'NOT_FOUND');
      const left = await agentB.client.data(comments, { id: deals.b1 });
      expect(left.comments.nodes.map((n: { body: string }) => n.body)).toContain('While shared, edited');
    });

    it('refuses a live thread out of scope', async () => {
      const { client } = newSocketClient(server, {
        cookie: agentA.client.cookie,
        workspaceId: admin.workspaceId,
      });
      try {
        const live = collect(
          client,
          `subscription ($id: ID!) { commentChanged(object: "deal", recordId: $id) { kind } }`,
          { id: deals.b1 },
        );
        await eventually(() => live.results.length > 0 || !!live.error());
        expect(JSON.stringify(live.results[0]?.errors ?? live.error())).toContain('NOT_FOUND');
      } finally {
        await client.dispose();
      }
    });

    it('tells only mentioned members who can read the record', async () => {
      const notified = async (user: SignedUpUser) =>
        (await user.client.data<{ notifications: { nodes: { kind: string; recordId: string }[] } }>(inbox))
          .notifications.nodes;
      await admin.client.data(addComment, {
        id: deals.b1,
        body: `Look <@${agentA.userId}> and <@${agentB.userId}>`,
      });
      expect(await notified(agentB)).toContainEqual({ kind: 'MENTION', recordId: deals.b1 });
      expect((await notified(agentA)).some((n) => n.recordId === deals.b1)).toBe(false);
    });
  });

  describe('timeline', () => {
    it('reads a timeline only for a readable record, without hidden fields or tasks out of scope', async () => {
      await updateDeal(deals.a1, { secretNote: 'a1 secret, again' });
      const mine = await createTask('Call the Oak buyer', deals.a1, agentA);
      const theirs = await createTask('Value the Oak buyer', deals.a1, admin);
      expectCode(await agentA.client.request(timeline, { id: deals.b1 }), 'NOT_FOUND');
      const items = async (user: SignedUpUser) =>
        (await user.client.data<{ timeline: { nodes: Item[] } }>(timeline, { id: deals.a1 })).timeline.nodes;
      const full = await items(admin);
      const seen = await items(agentA);
      const changes = (list: Item[]) => list.filter((i) => i.kind === 'FIELD_CHANGE');
      // The admin sees the secret's change; for the agent that entry is not there at all.
      expect(changes(full).map((i) => i.data.changedFields)).toContainEqual(['secretNote']);
      expect(changes(seen)).toHaveLength(changes(full).length - 1);
      expect(JSON.stringify(changes(full))).toContain('a1 secret');
      expect(JSON.stringify(seen)).not.toMatch(/secret|commission/i);
      const tasks = (list: Item[]) => list.filter((i) => i.kind === 'TASK').map((i) => i.recordId);
      expect(tasks(full).sort()).toEqual([mine, theirs].sort());
      expect(tasks(seen)).toEqual([mine]);
    });

    it('pushes live items without hidden fields or tasks out of scope', async () => {
      const { client } = newSocketClient(server, {
        cookie: agentA.client.cookie,
        workspaceId: admin.workspaceId,
      });
      const { changeCursor } = await agentA.client.data<{ changeCursor: string }>(`{ changeCursor }`);
      const live = collect<{ timelineChanged: { item: Item; removed: boolean } }>(
        client,
        `subscription ($id: ID!, $after: String) {
          timelineChanged(object: "deal", recordId: $id, after: $after) { item { id kind object recordId data } removed }
        }`,
        { id: deals.a2, after: changeCursor },
      );
      try {
        const theirs = await createTask('Admin only', deals.a2, admin);
        await updateDeal(deals.a2, { secretNote: 'only the secret' });
        await updateDeal(deals.a2, { secretNote: 'and the name', name: 'Oak buyer too' });
        const mine = await createTask('Agent too', deals.a2, agentA);
        const got = () => live.results.map((r) => r.data?.timelineChanged?.item);
        await eventually(() => got().some((i) => i?.recordId === mine));
        expect(live.results.every((r) => !r.errors)).toBe(true);
        expect(got().some((i) => i?.recordId === theirs)).toBe(false);
        const changes = got().filter((i) => i?.kind === 'FIELD_CHANGE');
        expect(changes.map((i) => i!.data.changedFields)).toEqual([['name']]);
        expect(JSON.stringify(got())).not.toContain('secret');
      } finally {
        live.stop();
        await client.dispose();
      }
    });
    it('stops live comment items once a share is taken away, without a new subscribe', async () => {
      const dealId = await createDeal('Willow buyer', agentB);
      const share = async () =>
        (
          await admin.client.data<{ shareRecord: { id: string } }>(
            `mutation ($input: ShareRecordInput!) { shareRecord(input: $input) { id } }`,
            { input: { objectKey: 'deal', recordId: dealId, userId: agentA.userId, level: 'read' } },
          )
        ).shareRecord.id;
      const shareId = await share();
      const { client } = newSocketClient(server, {
        cookie: agentA.client.cookie,
        workspaceId: admin.workspaceId,
      });
      const live = collect<{ timelineChanged: { item: Item | null } }>(
        client,
        `subscription ($id: ID!) { timelineChanged(object: "deal", recordId: $id) { item { kind data } } }`,
        { id: dealId },
      );
      const bodies = () =>
        live.results.flatMap((r) =>
          r.data?.timelineChanged.item?.kind === 'COMMENT'
            ? [String(r.data.timelineChanged.item.data.body)]
            : [],
        );
      try {
        // Until the subscription is listening, a comment may be missed: comment until one arrives.
        await eventually(async () => {
          if (bodies().includes('Before')) return true;
          await admin.client.data(addComment, { id: dealId, body: 'Before' });
          return false;
        });
        await admin.client.data(`mutation ($id: ID!) { unshareRecord(id: $id) }`, { id: shareId });
        await admin.client.data(addComment, { id: dealId, body: 'While unshared' });
        // Shared again: the next comment arrives, the one in between never did.
        await share();
        await admin.client.data(addComment, { id: dealId, body: 'Shared again' });
        await eventually(() => bodies().includes('Shared again'));
        expect(live.results.every((r) => !r.errors)).toBe(true);
        expect(bodies()).not.toContain('While unshared');
      } finally {
        live.stop();
        await client.dispose();
      }
    });
  });

  describe('duplicates and merge', () => {
    it('finds candidates only among readable records, by rules on visible fields', async () => {
      await admin.client.data(
        `mutation ($rules: [DuplicateRuleInput!]!) { setDuplicateRules(objectKey: "deal", rules: $rules) { field } }`,
        {
          rules: [
            { field: 'name', match: 'FUZZY' },
            { field: 'secretNote', match: 'EXACT' },
          ],
        },
      );
      const ids = (list: { id: string }[]) => list.map((r) => r.id).sort();
      const oak = (list: { records: { id: string }[] }[]) =>
        list.find((g) => g.records.some((r) => r.id === deals.a1))!.records;
      expect(ids(oak((await admin.client.data(groups)).duplicateGroups))).toEqual(
        [deals.a1, deals.a2, deals.b1].sort(),
      );
      const agentGroups = (await agentA.client.data(groups)).duplicateGroups;
      expect(ids(oak(agentGroups))).toEqual([deals.a1, deals.a2].sort());
      expect(JSON.stringify(agentGroups)).not.toContain(deals.b1);
      expect(JSON.stringify(agentGroups)).not.toMatch(/secret|commission/i);
      const named = { values: { name: 'Oak buyer' } };
      expect(ids((await admin.client.data(likely, named)).likelyDuplicates)).toHaveLength(3);
      expect(ids((await agentA.client.data(likely, named)).likelyDuplicates)).toEqual(
        [deals.a1, deals.a2].sort(),
      );
      // The rule on the hidden field is neither shown nor matched for the agent.
      const bySecret = { values: { secretNote: 'b1 secret' } };
      expect(ids((await admin.client.data(likely, bySecret)).likelyDuplicates)).toEqual([deals.b1]);
      expect(
        (await agentA.client.data(likely, { values: { secretNote: 'a2 secret' } })).likelyDuplicates,
      ).toEqual([]);
      expect((await agentA.client.data(rules)).duplicateRules).toEqual([{ field: 'name', match: 'FUZZY' }]);
    });

    it('merges only with update scope on the survivor and delete scope on the others', async () => {
      const input = (survivorId: string, mergedIds: string[], values: unknown[] = []) => ({
        input: { objectKey: 'deal', survivorId, mergedIds, values },
      });
      expectCode(await agentA.client.request(mergeDeals, input(deals.a1, [deals.b1])), 'NOT_FOUND');
      expectCode(await agentA.client.request(mergeDeals, input(deals.b1, [deals.a2])), 'NOT_FOUND');
      // Readable through a read share, not updatable; a teammate's, not deletable.
      expectCode(await agentA.client.request(mergeDeals, input(deals.shared, [deals.a2])), 'FORBIDDEN');
      expectCode(await agentA.client.request(mergeDeals, input(deals.a1, [deals.team])), 'FORBIDDEN');
      expectCode(
        await agentA.client.request(
          mergeDeals,
          input(deals.a1, [deals.a2], [{ field: 'probability', recordId: deals.a2 }]),
        ),
        'FORBIDDEN',
      );
      expectBadInput(
        await agentA.client.request(
          mergeDeals,
          input(deals.a1, [deals.a2], [{ field: 'secretNote', recordId: deals.a2 }]),
        ),
        ['input', 'values', 'secretNote'],
      );
      const survivor = `query ($id: ID!) { deal(id: $id) { name secretNote } }`;
      const before = (await admin.client.data(survivor, { id: deals.a1 })).deal;
      await updateDeal(deals.a1, { secretNote: null });
      const { mergeRecords } = await agentA.client.data(mergeDeals, input(deals.a1, [deals.a2]));
      expect(mergeRecords).toMatchObject({ survivorId: deals.a1, mergedIds: [deals.a2] });
      // Where the survivor's field is empty a merge takes the merged record's value, but not a hidden one.
      expect((await admin.client.data(survivor, { id: deals.a1 })).deal).toEqual({
        name: before.name,
        secretNote: null,
      });
    });
  });

  describe('mail from a record', () => {
    const draft = (recordId: string) => ({
      object: 'deal',
      recordId,
      subject: 'About {{ record.name }}',
      bodyText: 'Secret: [{{ record.secretNote }}] Commission: [{{ record.commission }}]',
    });

    it('renders hidden fields empty for the sender, and not at all out of scope', async () => {
      const { deal } = await admin.client.data(`query ($id: ID!) { deal(id: $id) { name } }`, {
        id: deals.b1,
      });
      expect((await admin.client.data(preview, { input: draft(deals.b1) })).mailTemplatePreview.text).toBe(
        'Secret: [b1 secret] Commission: []',
      );
      const seen = (await agentB.client.data(preview, { input: draft(deals.b1) })).mailTemplatePreview;
      expect(seen).toMatchObject({ subject: `About ${deal.name}`, text: 'Secret: [] Commission: []' });
      expectCode(await agentA.client.request(preview, { input: draft(deals.b1) }), 'NOT_FOUND');
    });

    it('sends from a readable record only, without the hidden values', async () => {
      const message = (recordId: string) => {
        const { bodyText, ...rest } = draft(recordId);
        return { input: { ...rest, body: bodyText, to: 'buyer@example.test' } };
      };
      expectCode(await agentA.client.request(send, message(deals.b1)), 'NOT_FOUND');
      const { createPerson } = await admin.client.data<{ createPerson: { id: string } }>(
        `mutation { createPerson(input: { name: "Birch contact" }) { id } }`,
      );
      await updateDeal(deals.b1, { contact: createPerson.id });
      const { sendRecordMail } = await agentB.client.data(send, message(deals.b1));
      const sent = (
        await admin.client.data<{ timeline: { nodes: Item[] } }>(timeline, {
          id: deals.b1,
          kinds: ['EMAIL'],
        })
      ).timeline.nodes;
      expect(sent.map((i) => i.data.messageId)).toEqual([sendRecordMail.id]);
      expect(sent[0]!.data.excerpt).toBe('Secret: [] Commission: []');
      // On the contact's timeline, everyone sees the message; only those who may read the deal see which.
      const onContact = async (user: SignedUpUser) =>
        (
          await user.client.data<{ timeline: { nodes: Item[] } }>(
            `query ($id: ID!) { timeline(object: "person", recordId: $id, kinds: ["EMAIL"]) { nodes { data } } }`,
            { id: createPerson.id },
          )
        ).timeline.nodes.map((i) => i.data.fromRecordId);
      expect(await onContact(admin)).toEqual([deals.b1]);
      expect(await onContact(agentB)).toEqual([deals.b1]);
      expect(await onContact(agentA)).toEqual([null]);
    });

    it("refuses to attach a file of a field the sender's profile hides, as one not of the record", async () => {
      const upload = async (field: string, name: string) => {
        const answer = await uploadTo(admin.client, { object: 'deal', field }, name, Buffer.from(name));
        expect(answer.status, JSON.stringify(answer.body)).toBe(201);
        return answer.body.file!.id;
      };
      const hidden = await upload('papers', 'valuation.txt');
      const visible = await upload('documents', 'floorplan.txt');
      await updateDeal(deals.b1, { papers: [hidden], documents: [visible] });
      const mail = (attachments: string[]) => ({
        input: {
          object: 'deal',
          recordId: deals.b1,
          to: 'buyer@example.test',
          subject: 'Papers',
          body: 'Here.',
          attachments,
        },
      });
      const refused = await agentB.client.request(send, mail([visible, hidden]));
      expectBadInput(refused, ['input', 'attachments', '1']);
      expect(errorOf(refused).message).toBe(`attachments.1: ${hidden} is not a file of this record.`);
      await agentB.client.data(send, mail([visible]));
      await admin.client.data(send, mail([visible, hidden]));
    });
  });
});
