import { BadInput } from '../platform/index.js';
import { reservedKeyReason } from './reserved-keys.js';

/** Keys are API names: lowerCamelCase, valid in GraphQL, stable once created. */
const keyPattern = /^[a-z][a-zA-Z0-9]{0,62}$/;

/** Object keys whose types or root fields would clash with the core schema or GraphQL itself. */
const reservedObjectKeys = new Set([
  'user',
  'users',
  'workspace',
  'workspaces',
  'member',
  'members',
  'membership',
  'memberships',
  'me',
  'apiToken',
  'apiTokens',
  'createdApiToken',
  'invitation',
  'invitations',
  'createdInvitation',
  'authPayload',
  'memberEvent',
  'role',
  'query',
  'mutation',
  'subscription',
  'money',
  'moneyInput',
  'pageInfo',
  'dateTime',
  'date',
  'sortDirection',
  'nullsOrder',
  'stringFilter',
  'numberFilter',
  'dateFilter',
  'dateTimeFilter',
  'booleanFilter',
  'selectFilter',
  'multiSelectFilter',
  'idFilter',
  'userFilter',
  'relativeRange',
  'relativePeriod',
  'object',
  'objects',
  'field',
  'fields',
  'fieldType',
  'metadata',
  'node',
  'record',
  'records',
]);

export function assertKey(path: string[], key: string): string {
  if (!keyPattern.test(key)) {
    throw new BadInput(
      path,
      `“${key.slice(0, 70)}” is not a valid key: start with a lower-case letter, then letters and digits only (lowerCamelCase, at most 63).`,
    );
  }
  return key;
}

function assertNotReserved(path: string[], key: string): void {
  const reason = reservedKeyReason(key);
  if (reason) throw new BadInput(path, reason);
}

export function assertObjectKey(path: string[], key: string): string {
  assertNotReserved(path, key);
  assertKey(path, key);
  if (reservedObjectKeys.has(key))
    throw new BadInput(path, `“${key}” is reserved by the API; choose another key.`);
  return key;
}

export function assertFieldKey(path: string[], key: string): string {
  assertNotReserved(path, key);
  assertKey(path, key);
  return key;
}

/** English plural for a key, good enough for a default the admin can override. */
export function pluralOf(key: string): string {
  if (/[^aeiou]y$/.test(key)) return `${key.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(key)) return `${key}es`;
  return `${key}s`;
}

export function pascalCase(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}
