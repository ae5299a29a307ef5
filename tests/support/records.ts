import { expect } from 'vitest';
import type { GraphQLResponse, TestClient } from './client.js';
import { query } from './database.js';

// Custom objects through the metadata API, and what the tests read of them in SQL.

export interface FieldInput {
  key: string;
  type: string;
  label?: string;
  required?: boolean;
  unique?: boolean;
  defaultValue?: unknown;
  filterable?: boolean;
  sortable?: boolean;
  helpText?: string;
  settings?: Record<string, unknown>;
  relation?: { target: string; kind: string; onDelete?: string; inverseKey?: string; inverseLabel?: string };
}

export interface DefinedObject {
  id: string;
  key: string;
  /** Field key → field id, for the fields created here. */
  fields: Record<string, string>;
}

const createObjectMutation = /* GraphQL */ `
  mutation ($input: CreateObjectInput!) {
    createObject(input: $input) {
      id
      key
    }
  }
`;

const createFieldMutation = /* GraphQL */ `
  mutation ($input: CreateFieldInput!) {
    createField(input: $input) {
      id
      key
    }
  }
`;

/** Adds fields to an object, one createField each, as an admin would; returns key → id. */
export async function addFields(
  client: TestClient,
  object: string,
  fields: readonly FieldInput[],
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const field of fields) {
    const { createField } = await client.data<{ createField: { id: string; key: string } }>(
      createFieldMutation,
      { input: { label: field.key, ...field, object } },
    );
    ids[createField.key] = createField.id;
  }
  return ids;
}

/** Creates an object (it gets a `name` text field) and then its fields. */
export async function defineObject(
  client: TestClient,
  object: { key: string; labelSingular: string; labelPlural?: string; pluralKey?: string },
  fields: readonly FieldInput[] = [],
): Promise<DefinedObject> {
  const { createObject } = await client.data<{ createObject: { id: string; key: string } }>(
    createObjectMutation,
    { input: object },
  );
  return { id: createObject.id, key: createObject.key, fields: await addFields(client, object.key, fields) };
}

/** The id of an object by key (standard objects included). */
export async function objectId(client: TestClient, key: string): Promise<string> {
  const { object } = await client.data<{ object: { id: string } }>(
    `query ($key: String!) { object(key: $key) { id } }`,
    { key },
  );
  return object.id;
}

const hex = (id: string) => id.replace(/-/g, '');

export function schemaOf(workspaceId: string): string {
  return `ws_${hex(workspaceId)}`;
}

/** The object's table, schema-qualified and quoted. */
export function tableOf(workspaceId: string, objectId: string): string {
  return `"${schemaOf(workspaceId)}"."o_${hex(objectId)}"`;
}

export function columnOf(fieldId: string): string {
  return `f_${hex(fieldId)}`;
}

/** Rows in the object's table, deleted ones included. */
export async function countRows(databaseUrl: string, workspaceId: string, objectId: string): Promise<number> {
  const [row] = await query<{ n: string }>(
    databaseUrl,
    `select count(*) as n from ${tableOf(workspaceId, objectId)}`,
  );
  return Number(row!.n);
}

export interface ChangeRow {
  id: string;
  object_id: string;
  record_id: string;
  kind: string;
  actor_id: string | null;
  changes: Record<string, [unknown, unknown]>;
  version: number;
  created_at: Date;
}

/** The workspace's change log, oldest first, optionally for one record. */
export async function changeLog(
  databaseUrl: string,
  workspaceId: string,
  recordId?: string,
): Promise<ChangeRow[]> {
  const where = recordId ? 'where record_id = $1' : '';
  return query<ChangeRow>(
    databaseUrl,
    `select * from "${schemaOf(workspaceId)}".record_change ${where} order by id`,
    recordId ? [recordId] : [],
  );
}

type Response = GraphQLResponse<Record<string, unknown>>;

/** The first error's code and extensions; fails the test when the request succeeded. */
export function errorOf(response: Response): {
  code: unknown;
  argumentPath: unknown;
  message: string;
  extensions: Record<string, unknown>;
} {
  const error = response.body.errors?.[0];
  expect(error, `expected an error, got ${JSON.stringify(response.body.data)}`).toBeDefined();
  const extensions = error!.extensions ?? {};
  return {
    code: extensions.code,
    argumentPath: extensions.argumentPath,
    message: error!.message,
    extensions,
  };
}

/** Asserts BAD_USER_INPUT at exactly `path`, with `field` its last segment. */
export function expectBadInput(response: Response, path: string[]): void {
  const error = errorOf(response);
  expect(
    { code: error.code, argumentPath: error.argumentPath, field: error.extensions.field },
    error.message,
  ).toEqual({
    code: 'BAD_USER_INPUT',
    argumentPath: path,
    field: path.at(-1),
  });
}

export function expectCode(response: Response, code: string): void {
  const error = errorOf(response);
  expect(error.code, error.message).toBe(code);
}

/** Creates a record of `type` (the GraphQL type name: `Person`, `Property`) and returns its id. */
export async function createRecord(
  client: TestClient,
  type: string,
  input: Record<string, unknown>,
): Promise<string> {
  const data = await client.data<Record<string, { id: string }>>(
    `mutation ($input: ${type}CreateInput!) { create${type}(input: $input) { id } }`,
    { input },
  );
  return Object.values(data)[0]!.id;
}
