import { systemFieldKeys } from './system-fields.js';

/**
 * Keys that may not name an object or a field, whatever the key pattern allows.
 *
 * JavaScript's `Object.prototype` members: a field keyed `constructor` makes graphql-js
 * read `input.constructor` (the Object function) for an absent field of every variable,
 * so each create, update and filter of that object would fail; any plain object built
 * from user keys has the same trap. Listed by hand as well as read from the runtime, so
 * the list is complete on every engine and documented here.
 */
const prototypeMembers = [
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  ...Object.getOwnPropertyNames(Object.prototype),
];

/** The product's own words: names the API, the realtime protocol or the client give a meaning. */
const productWords = ['presence', 'id'];

const reservedEverywhere = new Set([...prototypeMembers, ...productWords]);

/**
 * Why `key` cannot be used, or undefined. Names starting with `__` belong to GraphQL
 * introspection (`__typename`, `__schema`); the key pattern refuses them too, this says why.
 */
export function reservedKeyReason(key: string): string | undefined {
  if (key.startsWith('__')) return `“${key}” starts with __, which GraphQL reserves; choose another key.`;
  if (reservedEverywhere.has(key)) return `“${key}” is a reserved word; choose another key.`;
  if (systemFieldKeys.has(key)) return `“${key}” is a system field; choose another key.`;
  return undefined;
}

/** Every reserved word, for documentation and tests. */
export const reservedKeys: ReadonlySet<string> = new Set([...reservedEverywhere, ...systemFieldKeys]);
