import { describe, expect, it } from 'vitest';
import type { FieldDef, FieldOptions, FieldType, ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import { fieldAtPath, printable } from './values.js';

function field(key: string, type: FieldType, options: FieldOptions = {}): FieldDef {
  return { key, type, options, archivedAt: null, column: `f_${key}`, system: false } as FieldDef;
}

function object(id: string, key: string, fields: FieldDef[]): ObjectDef {
  return { id, key, fields, archivedAt: null } as ObjectDef;
}

const boat = object('o-boat', 'boat', [
  field('year', 'NUMBER', { grouping: false }),
  field('length', 'NUMBER', { precision: 1 }),
]);
const deal = object('o-deal', 'deal', [
  field('amount', 'NUMBER'),
  field('boat', 'RELATION', { relationKind: 'MANY_TO_ONE', targetObjectId: 'o-boat' }),
]);
const metadata = { objects: [boat, deal] } as WorkspaceMetadata;

describe('printable', () => {
  it('groups numbers by default and prints a NUMBER set not to group as it is', () => {
    expect(printable(12500)).toBe('12,500');
    expect(printable(12500, field('amount', 'NUMBER'))).toBe('12,500');
    expect(printable(2018, field('year', 'NUMBER', { grouping: false }))).toBe('2018');
    expect(printable(1234.5, field('code', 'NUMBER', { grouping: false }))).toBe('1234.5');
    // Only NUMBER fields take the setting.
    expect(printable(12500, field('share', 'PERCENT', { grouping: false }))).toBe('12,500');
  });

  it('prints booleans, lists, members and empty values as before', () => {
    expect(printable(null)).toBe('');
    expect(printable(true)).toBe('Yes');
    expect(printable([2018, 2020], field('years', 'NUMBER', { grouping: false }))).toBe('2018, 2020');
    expect(printable({ id: 'u', name: 'Ann' })).toBe('Ann');
  });
});

describe('fieldAtPath', () => {
  it('finds the field of a merge path, on the record and one hop on', () => {
    expect(fieldAtPath(metadata, deal, 'record.amount')?.key).toBe('amount');
    expect(fieldAtPath(metadata, deal, 'record.boat.year')?.options.grouping).toBe(false);
    expect(fieldAtPath(metadata, deal, 'record.boat.missing')).toBeUndefined();
    expect(fieldAtPath(metadata, deal, 'workspace.name')).toBeUndefined();
  });
});
