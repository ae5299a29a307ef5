import { describe, expect, it } from 'vitest';
import { decodeRow } from '../query/rows.js';
import { ownData } from '../schema/arguments.js';
import { field, object } from '../schema/test-fixtures.testing.js';
import { prepareInput } from './input.js';

// Workspaces created before keys were checked against Object.prototype may hold such fields.
const objectId = '30000000-0000-4000-8000-000000000001';
const name = field(objectId, 'name', 'TEXT');
const constructorField = field(objectId, 'constructor', 'TEXT');
const toStringField = field(objectId, 'toString', 'TEXT', { archivedAt: new Date() });
const legacy = object(objectId, 'legacy', 'legacies', [name, constructorField, toStringField]);

const valuesByKey = (input: unknown) =>
  Object.fromEntries(
    [...prepareInput(legacy, ownData(input), ['input'], 'create').values].map(([f, v]) => [f.key, v]),
  );

describe('input keys named after Object.prototype members', () => {
  it('writes an own key named constructor as that field', () => {
    expect(valuesByKey(JSON.parse('{"name":"Ada","constructor":"Babbage"}'))).toEqual({
      name: ['Ada'],
      constructor: ['Babbage'],
    });
  });

  it('leaves a field named constructor unset when the input does not have it', () => {
    const input = ownData({ name: 'Ada' });
    expect(input.constructor).toBeUndefined();
    expect(valuesByKey({ name: 'Ada' })).toEqual({ name: ['Ada'] });
  });

  it('reads a record without its archived toString field as undefined, not a built-in', () => {
    const row = decodeRow(legacy, {
      id: '40000000-0000-4000-8000-000000000001',
      version: 1,
      created_at: new Date(),
      updated_at: new Date(),
      f_name: 'Ada',
      f_constructor: null,
    });
    expect(row.name).toBe('Ada');
    expect(row.constructor).toBeNull();
    expect(row.toString).toBeUndefined();
    expect(row.valueOf).toBeUndefined();
  });
});
