import { beforeAll, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { expectBadInput } from '../support/records.js';
import { useServer } from '../support/server.js';

// recordHistory(object, id, first): a record's change log, newest first, for the record page's timeline.

const history = /* GraphQL */ `
  query ($object: String!, $id: ID!, $first: Int) {
    recordHistory(object: $object, id: $id, first: $first) {
      changeId
      kind
      version
      actorId
      at
      changedFields
      values
      previous
    }
  }
`;

interface Entry {
  changeId: string;
  kind: string;
  version: number;
  actorId: string;
  at: string;
  changedFields: string[];
  values: Record<string, unknown>;
  previous: Record<string, unknown>;
}

const server = useServer();
let owner: SignedUpUser;
let companyId: string;

beforeAll(async () => {
  owner = await newUser(server);
  const { createCompany } = await owner.client.data(
    `mutation { createCompany(input: { name: "Acme", employees: 5 }) { id } }`,
  );
  companyId = createCompany.id;
  for (const [name, employees] of [
    ['Acme Inc.', 5],
    ['Acme Inc.', 12],
  ] as const) {
    await owner.client.data(
      `mutation ($id: ID!, $name: String!, $employees: Float) { updateCompany(id: $id, input: { name: $name, employees: $employees }) { id } }`,
      { id: companyId, name, employees },
    );
  }
});

it('lists the changes of one record newest first, with who, what and from what', async () => {
  const { recordHistory } = await owner.client.data<{ recordHistory: Entry[] }>(history, {
    object: 'company',
    id: companyId,
  });

  expect(recordHistory.map((e) => [e.kind, e.version])).toEqual([
    ['update', 3],
    ['update', 2],
    ['create', 1],
  ]);
  expect(recordHistory[0]).toMatchObject({
    actorId: owner.userId,
    changedFields: ['employees'],
    values: { employees: 12 },
    previous: { employees: 5 },
  });
  expect(recordHistory[1]).toMatchObject({ values: { name: 'Acme Inc.' }, previous: { name: 'Acme' } });
  expect(Date.parse(recordHistory[0]!.at)).toBeGreaterThanOrEqual(Date.parse(recordHistory[2]!.at));
  expect(BigInt(recordHistory[0]!.changeId)).toBeGreaterThan(BigInt(recordHistory[1]!.changeId));
});

it('takes `first` entries and refuses a page size out of range', async () => {
  const { recordHistory } = await owner.client.data<{ recordHistory: Entry[] }>(history, {
    object: 'company',
    id: companyId,
    first: 1,
  });
  expect(recordHistory.map((e) => e.version)).toEqual([3]);

  expectBadInput(await owner.client.request(history, { object: 'company', id: companyId, first: 0 }), [
    'first',
  ]);
});

it('is readable by viewers, names unknown objects, and shows nothing of other workspaces', async () => {
  const viewer = await newMember(server, owner, 'VIEWER');
  const { recordHistory } = await viewer.client.data<{ recordHistory: Entry[] }>(history, {
    object: 'company',
    id: companyId,
  });
  expect(recordHistory).toHaveLength(3);

  expectBadInput(await owner.client.request(history, { object: 'nothing', id: companyId }), ['object']);

  const stranger = await newUser(server);
  const other = await stranger.client.data<{ recordHistory: Entry[] }>(history, {
    object: 'company',
    id: companyId,
  });
  expect(other.recordHistory).toEqual([]);
});
