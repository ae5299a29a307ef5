import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { columnOf, defineObject, expectBadInput, schemaOf, type DefinedObject } from '../support/records.js';
import { newServer, type TestServer } from '../support/server.js';

// DURATION, the field type added through the two registries alone: the metadata API
// offers it, and its records are written, read, filtered and sorted as whole seconds.

let server: TestServer;
let admin: SignedUpUser;
let call: DefinedObject;

const createCall = /* GraphQL */ `
  mutation ($input: CallCreateInput!) {
    createCall(input: $input) {
      id
      name
      talkTime
      wrapUp
    }
  }
`;

const calls = /* GraphQL */ `
  query ($filter: CallFilter, $sort: [CallSort!]) {
    calls(filter: $filter, sort: $sort) {
      totalCount
      nodes {
        name
        talkTime
      }
    }
  }
`;

beforeAll(async () => {
  server = await newServer();
  admin = await newUser(server);
  call = await defineObject(admin.client, { key: 'call', labelSingular: 'Call', labelPlural: 'Calls' }, [
    { key: 'talkTime', type: 'DURATION', label: 'Talk time' },
    // A default given as text is read as a duration, like any written value.
    { key: 'wrapUp', type: 'DURATION', label: 'Wrap-up', defaultValue: '5m' },
  ]);
});
afterAll(() => server.close());

async function names(filter: unknown, sort?: unknown): Promise<string[]> {
  const { calls: list } = await admin.client.data(calls, { filter, sort });
  return (list.nodes as { name: string }[]).map((n) => n.name);
}

describe('the DURATION field type', () => {
  it('is listed by fieldTypes with its operators, and on its fields', async () => {
    const { fieldTypes, object } = await admin.client.data(
      `{ fieldTypes { type operators sortable searchable convertible }
         object(key: "call") { fields { key type operators canSort } } }`,
    );
    expect(fieldTypes.find((t: { type: string }) => t.type === 'DURATION')).toEqual({
      type: 'DURATION',
      operators: ['eq', 'neq', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'isEmpty'],
      sortable: true,
      searchable: false,
      convertible: true,
    });
    expect(object.fields.find((f: { key: string }) => f.key === 'talkTime')).toEqual({
      key: 'talkTime',
      type: 'DURATION',
      operators: ['eq', 'neq', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'isEmpty'],
      canSort: true,
    });
  });

  it('stores whole seconds in an integer column and reads them back', async () => {
    const [column] = await query<{ data_type: string }>(
      server.databaseUrl,
      `select data_type from information_schema.columns where table_schema = $1 and column_name = $2`,
      [schemaOf(admin.workspaceId), columnOf(call.fields.talkTime!)],
    );
    expect(column?.data_type).toBe('integer');
    const { createCall: created } = await admin.client.data(createCall, {
      input: { name: 'Long', talkTime: 5400 },
    });
    expect(created).toMatchObject({ name: 'Long', talkTime: 5400, wrapUp: 300 });
    for (const [name, talkTime] of [
      ['Short', 90],
      ['Hour', 3600],
      ['Silent', null],
    ] as const) {
      await admin.client.data(createCall, { input: { name, talkTime } });
    }
  });

  it('filters with range operators and sorts by the number of seconds', async () => {
    expect((await names({ talkTime: { gte: 3600 } })).sort()).toEqual(['Hour', 'Long']);
    expect(await names({ talkTime: { lt: 3600 } })).toEqual(['Short']);
    expect((await names({ talkTime: { in: [90, 5400] } })).sort()).toEqual(['Long', 'Short']);
    expect(await names({ talkTime: { isEmpty: true } })).toEqual(['Silent']);
    // 90 s before 3600 s: a numeric order, not the text order of "90" and "3600".
    expect(await names(null, [{ field: 'talkTime', direction: 'ASC', nulls: 'LAST' }])).toEqual([
      'Short',
      'Hour',
      'Long',
      'Silent',
    ]);
  });

  it('refuses a negative duration or a fractional operand, naming the field', async () => {
    const write = await admin.client.request(createCall, { input: { name: 'Bad', talkTime: -5 } });
    expectBadInput(write, ['input', 'talkTime']);
    expect(write.body.errors?.[0]?.message).toMatch(/must be a duration/);
    const read = await admin.client.request(calls, { filter: { talkTime: { gt: 1.5 } } });
    expectBadInput(read, ['filter', 'talkTime', 'gt']);
    expect(await names({ name: { eq: 'Bad' } })).toEqual([]);
  });
});
