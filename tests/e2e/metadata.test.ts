import { beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { useServer, type TestServer } from '../support/server.js';

// Objects and fields as data, through the metadata API: who may change them and what bad input does.

const createObject = /* GraphQL */ `
  mutation ($input: CreateObjectInput!) {
    createObject(input: $input) {
      id
      key
      pluralKey
      typeName
      labelFieldKey
      fields {
        key
        type
        system
        readOnly
      }
    }
  }
`;
const createField = /* GraphQL */ `
  mutation ($input: CreateFieldInput!) {
    createField(input: $input) {
      id
      key
      label
      type
      required
      unique
      filterable
      sortable
      settings {
        precision
        defaultCurrency
        max
        choices {
          key
          label
          color
        }
        relation {
          targetObjectKey
          kind
          onDelete
          inverseFieldKey
        }
      }
    }
  }
`;
const objects = /* GraphQL */ `
  query {
    objects {
      key
      standard
      fields {
        key
        type
      }
      archivedFields {
        key
      }
    }
  }
`;

const server = useServer();
let admin: SignedUpUser;

beforeAll(async () => {
  admin = await newUser(server);
});

async function fieldCount(workspaceId: string): Promise<number> {
  const [row] = await query<{ n: string }>(
    server.databaseUrl,
    'select count(*) as n from field_def where workspace_id = $1',
    [workspaceId],
  );
  return Number(row!.n);
}

describe('standard objects', () => {
  it('every new workspace has company, person, deal, task, note, product and price with their fields', async () => {
    const { objects: list } = await admin.client.data<{
      objects: { key: string; standard: boolean; fields: { key: string; type: string }[] }[];
    }>(objects);
    expect(list.map((o) => o.key).sort()).toEqual([
      'company',
      'deal',
      'note',
      'person',
      'price',
      'product',
      'task',
    ]);
    expect(list.every((o) => o.standard)).toBe(true);
    const deal = list.find((o) => o.key === 'deal')!;
    expect(deal.fields).toEqual(
      expect.arrayContaining([
        { key: 'stage', type: 'STAGE' },
        { key: 'amount', type: 'CURRENCY' },
      ]),
    );
    const task = list.find((o) => o.key === 'task')!;
    expect(task.fields.map((f) => f.key)).toEqual(
      expect.arrayContaining([
        'type',
        'priority',
        'status',
        'dueAt',
        'assignee',
        'participants',
        'company',
        'deal',
      ]),
    );
    const company = list.find((o) => o.key === 'company')!;
    expect(company.fields.map((f) => f.key)).toEqual(
      expect.arrayContaining(['people', 'deals', 'tasks', 'notes']),
    );
  });
});

describe('creating objects and fields', () => {
  it('creates an object with a label field, its table and system fields', async () => {
    const { createObject: boat } = await admin.client.data(createObject, {
      input: { key: 'boat', labelSingular: 'Boat', labelPlural: 'Boats', icon: 'anchor' },
    });
    expect(boat).toMatchObject({ key: 'boat', pluralKey: 'boats', typeName: 'Boat', labelFieldKey: 'name' });
    expect(
      boat.fields.filter((f: { system: boolean }) => f.system).map((f: { key: string }) => f.key),
    ).toEqual(['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'owner', 'rank']);
    const tables = await query(
      server.databaseUrl,
      `select table_name from information_schema.tables where table_name = $1`,
      [`o_${boat.id.replace(/-/g, '')}`],
    );
    expect(tables).toHaveLength(1);
  });

  it('creates a field of each kind with its settings and a relation with its inverse', async () => {
    const hull = await admin.client.data(createField, {
      input: { object: 'boat', key: 'hullId', label: 'HIN', type: 'TEXT', unique: true, required: true },
    });
    expect(hull.createField).toMatchObject({
      key: 'hullId',
      unique: true,
      required: true,
      filterable: true,
      sortable: true,
    });
    const price = await admin.client.data(createField, {
      input: {
        object: 'boat',
        key: 'price',
        label: 'Price',
        type: 'CURRENCY',
        settings: { precision: 2, defaultCurrency: 'EUR' },
      },
    });
    expect(price.createField.settings).toMatchObject({ precision: 2, defaultCurrency: 'EUR' });
    const status = await admin.client.data(createField, {
      input: {
        object: 'boat',
        key: 'status',
        label: 'Status',
        type: 'SELECT',
        settings: {
          choices: [
            { key: 'available', label: 'Available' },
            { key: 'sold', label: 'Sold', color: '#ff0000' },
          ],
        },
      },
    });
    expect(status.createField.settings.choices).toEqual([
      { key: 'available', label: 'Available', color: expect.stringMatching(/^#[0-9a-f]{6}$/) },
      { key: 'sold', label: 'Sold', color: '#ff0000' },
    ]);
    const seller = await admin.client.data(createField, {
      input: {
        object: 'boat',
        key: 'seller',
        label: 'Seller',
        type: 'RELATION',
        relation: {
          target: 'person',
          kind: 'MANY_TO_ONE',
          onDelete: 'RESTRICT',
          inverseKey: 'boatsSold',
          inverseLabel: 'Boats sold',
        },
      },
    });
    expect(seller.createField.settings.relation).toEqual({
      targetObjectKey: 'person',
      kind: 'MANY_TO_ONE',
      onDelete: 'RESTRICT',
      inverseFieldKey: 'boatsSold',
    });
    const { object } = await admin.client.data(
      `query { object(key: "person") { fields { key type readOnly settings { relation { targetObjectKey kind } } } } }`,
    );
    expect(object.fields).toContainEqual({
      key: 'boatsSold',
      type: 'RELATION',
      readOnly: true,
      settings: { relation: { targetObjectKey: 'boat', kind: 'ONE_TO_MANY' } },
    });
  });

  it('archives a field (it leaves the list, keeps its column) and restores it', async () => {
    const { createField: field } = await admin.client.data(createField, {
      input: { object: 'boat', key: 'engineHours', label: 'Engine hours', type: 'NUMBER' },
    });
    await admin.client.data(`mutation ($id: ID!) { archiveField(id: $id) { archivedAt } }`, { id: field.id });
    let { object } = await admin.client.data(
      `query { object(key: "boat") { fields { key } archivedFields { key } } }`,
    );
    expect(object.fields.map((f: { key: string }) => f.key)).not.toContain('engineHours');
    expect(object.archivedFields.map((f: { key: string }) => f.key)).toContain('engineHours');
    const columns = await query(
      server.databaseUrl,
      `select 1 from information_schema.columns where column_name = $1`,
      [`f_${field.id.replace(/-/g, '')}`],
    );
    expect(columns).toHaveLength(1);
    await admin.client.data(`mutation ($id: ID!) { restoreField(id: $id) { archivedAt } }`, { id: field.id });
    ({ object } = await admin.client.data(`query { object(key: "boat") { fields { key } } }`));
    expect(object.fields.map((f: { key: string }) => f.key)).toContain('engineHours');
  });

  it('renames labels freely while the key stays', async () => {
    const { updateObject } = await admin.client.data(
      `mutation { updateObject(object: "boat", input: { labelSingular: "Vessel", labelPlural: "Vessels" }) { key labelSingular } }`,
    );
    expect(updateObject).toEqual({ key: 'boat', labelSingular: 'Vessel' });
  });
});

describe('rights', () => {
  it('members and viewers read metadata but cannot change it', async () => {
    for (const role of ['MEMBER', 'VIEWER']) {
      const user = await newMember(server, admin, role);
      const read = await user.client.request(objects);
      expect(read.body.errors).toBeUndefined();
      const before = await fieldCount(admin.workspaceId);
      const write = await user.client.request(createField, {
        input: { object: 'company', key: 'rank', label: 'Rank', type: 'NUMBER' },
      });
      expect(write.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await fieldCount(admin.workspaceId)).toBe(before);
    }
  });

  it('signed-out callers get UNAUTHENTICATED', async () => {
    const anonymous = new (admin.client.constructor as new (s: TestServer) => typeof admin.client)(server);
    const response = await anonymous.request(objects);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('bad input is refused with the field named and nothing written', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['invalid key', { object: 'company', key: 'Bad Key', label: 'x', type: 'TEXT' }, ['input', 'key']],
    ['system key', { object: 'company', key: 'createdAt', label: 'x', type: 'TEXT' }, ['input', 'key']],
    ['duplicate key', { object: 'company', key: 'name', label: 'x', type: 'TEXT' }, ['input', 'key']],
    ['unknown object', { object: 'spaceship', key: 'x', label: 'x', type: 'TEXT' }, ['input', 'object']],
    [
      'select without options',
      { object: 'company', key: 'tier', label: 'x', type: 'SELECT' },
      ['input', 'settings', 'choices'],
    ],
    [
      'bad colour',
      {
        object: 'company',
        key: 'tier',
        label: 'x',
        type: 'SELECT',
        settings: { choices: [{ key: 'a', label: 'A', color: 'red' }] },
      },
      ['input', 'settings', 'choices', '0', 'color'],
    ],
    [
      'bad currency',
      {
        object: 'company',
        key: 'revenue',
        label: 'x',
        type: 'CURRENCY',
        settings: { defaultCurrency: 'XYZ' },
      },
      ['input', 'settings', 'defaultCurrency'],
    ],
    [
      'bad default',
      { object: 'company', key: 'size', label: 'x', type: 'NUMBER', defaultValue: 'big' },
      ['input', 'defaultValue'],
    ],
    [
      'relation to nowhere',
      {
        object: 'company',
        key: 'parent',
        label: 'x',
        type: 'RELATION',
        relation: { target: 'nothing', kind: 'MANY_TO_ONE' },
      },
      ['input', 'relation', 'target'],
    ],
    [
      'relation without settings',
      { object: 'company', key: 'parent', label: 'x', type: 'RELATION' },
      ['input', 'relation'],
    ],
    [
      'SQL in a key',
      { object: 'company', key: "x'; drop table app_user; --", label: 'x', type: 'TEXT' },
      ['input', 'key'],
    ],
  ];
  it.each(cases)('%s', async (_name, input, path) => {
    const before = await fieldCount(admin.workspaceId);
    const response = await admin.client.request(createField, { input });
    const error = response.body.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.argumentPath).toEqual(path);
    expect(await fieldCount(admin.workspaceId)).toBe(before);
  });

  it('reserved and duplicate object keys', async () => {
    for (const key of ['user', 'company', '1abc']) {
      const response = await admin.client.request(createObject, { input: { key, labelSingular: 'X' } });
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentPath: ['input', 'key'],
      });
    }
  });
});
