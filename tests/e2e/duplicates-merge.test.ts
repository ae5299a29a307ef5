import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import { expectBadInput } from '../support/records.js';
import { useServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Duplicates and merge (issue 17, part 4): exact rules on normalised e-mail and phone, fuzzy
// on names (pg_trgm), the create form's warning, and a merge of two people with deals,
// viewings and comments that keeps both histories, is pushed live, and is undone exactly.

const server = useServer();
let owner: SignedUpUser;
let socket: Client;
let propertyId: string;

const person = /* GraphQL */ `
  query ($id: ID!) {
    person(id: $id) {
      id
      name
      email
      jobTitle
      deletedAt
      deals {
        id
      }
      viewings {
        id
      }
    }
  }
`;

interface Person {
  id: string;
  name: string;
  email: string | null;
  jobTitle: string | null;
  deletedAt: string | null;
  deals: { id: string }[];
  viewings: { id: string }[];
}

async function create(type: string, input: Record<string, unknown>): Promise<string> {
  const data = await owner.client.data<Record<string, { id: string }>>(
    `mutation ($input: ${type}CreateInput!) { create${type}(input: $input) { id } }`,
    { input },
  );
  return Object.values(data)[0]!.id;
}

async function readPerson(id: string): Promise<Person | null> {
  return (await owner.client.data<{ person: Person | null }>(person, { id })).person;
}

/** A person with a deal, a viewing, a comment and an edit in their history. */
async function personWithActivity(name: string, email: string, phone: string) {
  const id = await create('Person', { name, email, phone });
  const deal = await create('Deal', { name: `${name}'s purchase`, contact: id });
  const viewing = await create('Viewing', { name: `${name} views`, property: propertyId, contact: id });
  await owner.client.data(
    `mutation ($id: ID!) { addComment(object: "person", recordId: $id, body: "Called back") { id } }`,
    { id },
  );
  await owner.client.data(
    `mutation ($id: ID!, $t: String) { updatePerson(id: $id, input: { jobTitle: $t }) { id } }`,
    {
      id,
      t: `${name} the buyer`,
    },
  );
  return { id, deal, viewing };
}

const groups = /* GraphQL */ `
  query ($objectKey: String!) {
    duplicateGroups(objectKey: $objectKey) {
      fields
      records {
        id
        label
      }
    }
  }
`;

const likely = /* GraphQL */ `
  query ($values: JSON!, $excludeId: ID) {
    likelyDuplicates(objectKey: "person", values: $values, excludeId: $excludeId) {
      id
      label
      fields
      score
    }
  }
`;

let ann: Awaited<ReturnType<typeof personWithActivity>>;
let anne: Awaited<ReturnType<typeof personWithActivity>>;

beforeAll(async () => {
  owner = await newUser(server);
  await owner.client.data(
    `mutation { installTemplate(key: "real-estate", withSampleData: false) { __typename } }`,
  );
  propertyId = await create('Property', { name: 'Harbour flat', address: '1 Quay St' });
  ann = await personWithActivity('Ann Lee', 'ann.lee@example.com', '+1 555 010 2030');
  anne = await personWithActivity('Anne Lee', ' ANN.LEE@Example.com', '+1 (555) 010-2030');
  await create('Person', { name: 'Bob Stone', email: 'bob@example.com' });
  socket = newSocketClient(server, { cookie: owner.client.cookie, workspaceId: owner.workspaceId }).client;
});

afterAll(() => socket?.dispose());

describe('finding duplicates', () => {
  it('groups exact (normalised e-mail, phone) and fuzzy (name) matches', async () => {
    const jon = await create('Person', { name: 'Jonathan Smyth' });
    const jonathon = await create('Person', { name: 'Jonathon Smyth' });
    const found = (
      await owner.client.data<{ duplicateGroups: { fields: string[]; records: { id: string }[] }[] }>(
        groups,
        { objectKey: 'person' },
      )
    ).duplicateGroups;
    const ids = (g: { records: { id: string }[] }) => g.records.map((r) => r.id).sort();
    const lees = found.find((g) => ids(g).includes(ann.id))!;
    expect(ids(lees)).toEqual([ann.id, anne.id].sort());
    expect(lees.fields).toEqual(expect.arrayContaining(['email', 'phone']));
    const smyths = found.find((g) => ids(g).includes(jon))!;
    expect(ids(smyths)).toEqual([jon, jonathon].sort());
    expect(smyths.fields).toEqual(['name']);
    expect(
      found.some((g) =>
        g.records.some((r) => r.id !== ann.id && r.id !== anne.id && r.id !== jon && r.id !== jonathon),
      ),
    ).toBe(false);
  });

  it('warns while creating a likely duplicate', async () => {
    const byEmail = (
      await owner.client.data<{ likelyDuplicates: { id: string; fields: string[] }[] }>(likely, {
        values: { name: 'Someone', email: 'Ann.Lee@EXAMPLE.com ' },
      })
    ).likelyDuplicates;
    expect(byEmail.map((d) => d.id).sort()).toEqual([ann.id, anne.id].sort());
    expect(byEmail[0]!.fields).toContain('email');
    const byName = (
      await owner.client.data<{ likelyDuplicates: { id: string; fields: string[] }[] }>(likely, {
        values: { name: 'Ann Lee' },
        excludeId: ann.id,
      })
    ).likelyDuplicates;
    expect(byName.map((d) => [d.id, d.fields])).toEqual([[anne.id, ['name']]]);
    const none = (
      await owner.client.data<{ likelyDuplicates: unknown[] }>(likely, { values: { name: 'Zed Q' } })
    ).likelyDuplicates;
    expect(none).toEqual([]);
  });

  it('refuses rules on fields that cannot hold them', async () => {
    const response = await owner.client.request(
      `mutation { setDuplicateRules(objectKey: "person", rules: [{ field: "email", match: FUZZY }]) { field } }`,
    );
    expectBadInput(response, ['rules', '0', 'match']);
  });
});

describe('merging', () => {
  let mergeId: string;

  it('leaves one person with all deals, viewings and comments and both histories, pushed live', async () => {
    const dealChanges = collect<{ recordChanged: { recordId: string; values: Record<string, unknown> } }>(
      socket,
      `subscription { recordChanged(object: "deal") { recordId values } }`,
    );
    // The subscription is registered once a write reaches it; each probe changes the deal (a
    // write that changes nothing is no change and reaches no one).
    let probe = 10;
    await eventually(async () => {
      await owner.client.data(
        `mutation ($id: ID!) { updateDeal(id: $id, input: { probability: ${++probe} }) { id } }`,
        { id: ann.deal },
      );
      return dealChanges.results.length > 0;
    }, 60_000);
    const { mergeRecords } = await owner.client.data<{ mergeRecords: { id: string; mergedIds: string[] } }>(
      `mutation ($input: MergeRecordsInput!) { mergeRecords(input: $input) { id mergedIds survivorId } }`,
      {
        input: {
          objectKey: 'person',
          survivorId: ann.id,
          mergedIds: [anne.id],
          values: [{ field: 'jobTitle', recordId: anne.id }],
        },
      },
    );
    mergeId = mergeRecords.id;
    const survivor = (await readPerson(ann.id))!;
    expect(survivor.deals.map((d) => d.id).sort()).toEqual([ann.deal, anne.deal].sort());
    expect(survivor.viewings.map((v) => v.id).sort()).toEqual([ann.viewing, anne.viewing].sort());
    expect(survivor.jobTitle).toBe('Anne Lee the buyer');
    expect(survivor.name).toBe('Ann Lee');
    expect(await readPerson(anne.id)).toBeNull();
    const { comments } = await owner.client.data<{ comments: { nodes: { id: string }[] } }>(
      `query ($id: ID!) { comments(object: "person", recordId: $id) { nodes { id } } }`,
      { id: ann.id },
    );
    expect(comments.nodes).toHaveLength(2);
    // Both histories on the survivor: its own edits, the merged record's, and the merge.
    const { timeline } = await owner.client.data<{
      timeline: { nodes: { kind: string; recordId: string; data: Record<string, unknown> }[] };
    }>(
      `query ($id: ID!) { timeline(object: "person", recordId: $id, first: 100) { nodes { kind recordId data } } }`,
      {
        id: ann.id,
      },
    );
    const edits = timeline.nodes.filter((n) => n.kind === 'FIELD_CHANGE');
    expect(edits.some((n) => n.recordId === ann.id)).toBe(true);
    expect(edits.some((n) => n.recordId === anne.id && n.data.mergedFrom === anne.id)).toBe(true);
    expect(timeline.nodes.filter((n) => n.kind === 'MERGE')).toHaveLength(1);
    await eventually(() =>
      dealChanges.results.some(
        (r) => r.data?.recordChanged.recordId === anne.deal && r.data.recordChanged.values.contact === ann.id,
      ),
    );
    dealChanges.stop();
  }, 120_000);

  it('is undone: the merged person, their deal, viewing, comment and values come back', async () => {
    await owner.client.data(`mutation ($id: ID!) { undoMerge(id: $id) { undoneAt } }`, { id: mergeId });
    const back = (await readPerson(anne.id))!;
    expect(back.deletedAt).toBeNull();
    expect(back.deals.map((d) => d.id)).toEqual([anne.deal]);
    expect(back.viewings.map((v) => v.id)).toEqual([anne.viewing]);
    const survivor = (await readPerson(ann.id))!;
    expect(survivor.deals.map((d) => d.id)).toEqual([ann.deal]);
    expect(survivor.viewings.map((v) => v.id)).toEqual([ann.viewing]);
    expect(survivor.jobTitle).toBe('Ann Lee the buyer');
    const { comments } = await owner.client.data<{ comments: { nodes: { id: string }[] } }>(
      `query ($id: ID!) { comments(object: "person", recordId: $id) { nodes { id } } }`,
      { id: anne.id },
    );
    expect(comments.nodes).toHaveLength(1);
    const again = await owner.client.request(`mutation ($id: ID!) { undoMerge(id: $id) { id } }`, {
      id: mergeId,
    });
    expectBadInput(again, ['id']);
  });
});
