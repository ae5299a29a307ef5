import { describe, expect, it } from 'vitest';
import type { FieldDef, WorkspaceMetadata } from '../metadata/index.js';
import { assignmentsOf } from './assignments.js';

const field = (key: string, type: string, readOnly = false) =>
  ({ key, label: key[0]!.toUpperCase() + key.slice(1), type, readOnly, archivedAt: null }) as FieldDef;
const metadata = {
  workspaceId: 'w',
  objects: [
    {
      id: 'task',
      fields: [
        field('createdBy', 'USER', true),
        field('owner', 'USER'),
        field('assignee', 'USER'),
        field('name', 'TEXT'),
      ],
    },
  ],
} as unknown as WorkspaceMetadata;

describe('who a write assigns', () => {
  it('tells the new holder of a USER field, never the writer', () => {
    const change = (changes: Record<string, [unknown, unknown]>, kind = 'update' as const) => ({
      objectId: 'task',
      recordId: 'r',
      kind,
      changes,
      version: 3,
    });
    expect(
      assignmentsOf(metadata, 'me', [
        change({ assignee: [null, 'ann'], owner: [null, 'me'], createdBy: [null, 'bob'], name: ['a', 'b'] }),
      ]),
    ).toEqual([
      {
        objectId: 'task',
        recordId: 'r',
        userId: 'ann',
        field: 'Assignee',
        dedupeKey: 'assignment:r:assignee:3',
      },
    ]);
    // Unassigning, or a delete, tells nobody.
    expect(assignmentsOf(metadata, 'me', [change({ assignee: ['ann', null] })])).toEqual([]);
    expect(
      assignmentsOf(metadata, 'me', [{ ...change({ assignee: [null, 'ann'] }), kind: 'delete' as never }]),
    ).toEqual([]);
  });
});
