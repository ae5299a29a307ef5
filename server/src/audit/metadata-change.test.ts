import { describe, expect, it } from 'vitest';
import type { FieldDef, ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import { metadataChanges } from './metadata-change.js';

const field = (id: string, key: string, extra: Partial<FieldDef> = {}): FieldDef =>
  ({ id, objectId: 'o1', key, label: key, type: 'TEXT', system: false, options: {}, ...extra }) as FieldDef;

const object = (fields: FieldDef[], extra: Partial<ObjectDef> = {}): ObjectDef =>
  ({ id: 'o1', key: 'boat', labelSingular: 'Boat', labelPlural: 'Boats', fields, ...extra }) as ObjectDef;

const metadata = (objects: ObjectDef[]): WorkspaceMetadata =>
  ({ workspaceId: 'w', version: 1, schema: 's', objects }) as WorkspaceMetadata;

describe('metadataChanges', () => {
  it('lists objects and fields added, removed and changed, with the properties that differ', () => {
    const before = metadata([
      object([field('f1', 'name'), field('f2', 'length'), field('id', 'id', { system: true })]),
    ]);
    const after = metadata([
      object(
        [
          field('f1', 'name', { label: 'Boat name' }),
          field('f3', 'hull'),
          field('id', 'id', { system: true }),
        ],
        {
          labelPlural: 'Vessels',
        },
      ),
      { ...object([]), id: 'o2', key: 'berth', labelSingular: 'Berth' },
    ]);
    expect(metadataChanges(before, after)).toEqual([
      {
        kind: 'object',
        id: 'o1',
        key: 'boat',
        label: 'Boat',
        change: 'changed',
        properties: ['labelPlural'],
      },
      { kind: 'object', id: 'o2', key: 'berth', label: 'Berth', change: 'added' },
      { kind: 'field', id: 'f1', key: 'name', label: 'Boat name', change: 'changed', properties: ['label'] },
      { kind: 'field', id: 'f3', key: 'hull', label: 'hull', change: 'added' },
      { kind: 'field', id: 'f2', key: 'length', label: 'length', change: 'removed' },
    ]);
  });

  it('finds nothing when nothing changed (a copy compares equal)', () => {
    const before = metadata([
      object([
        field('f1', 'name', { options: { choices: [{ key: 'a', label: 'A', color: 'blue', position: 0 }] } }),
      ]),
    ]);
    expect(metadataChanges(before, structuredClone(before))).toEqual([]);
  });
});
