import type { FieldDef, FieldType } from './model.js';

/**
 * Columns every record table has. They appear as read-only fields (owner is
 * writable) so clients render them like any other, but they are not metadata rows.
 */
const systemColumns: {
  key: string;
  label: string;
  type: FieldType | 'ID';
  column: string;
  readOnly: boolean;
}[] = [
  { key: 'id', label: 'ID', type: 'ID', column: 'id', readOnly: true },
  { key: 'createdAt', label: 'Created', type: 'DATETIME', column: 'created_at', readOnly: true },
  { key: 'createdBy', label: 'Created by', type: 'USER', column: 'created_by', readOnly: true },
  { key: 'updatedAt', label: 'Updated', type: 'DATETIME', column: 'updated_at', readOnly: true },
  { key: 'updatedBy', label: 'Updated by', type: 'USER', column: 'updated_by', readOnly: true },
  { key: 'owner', label: 'Owner', type: 'USER', column: 'owner_id', readOnly: false },
  // Set by moving the record on a board (fractional index), never typed in.
  { key: 'rank', label: 'Board position', type: 'TEXT', column: 'rank', readOnly: true },
];

export const systemFieldKeys = new Set([
  ...systemColumns.map((c) => c.key),
  'version',
  'deletedAt',
  'search',
]);

export function systemFields(objectId: string): FieldDef[] {
  return systemColumns
    .filter((c) => c.type !== 'ID')
    .map((c, index) => ({
      id: `${objectId}:${c.key}`,
      objectId,
      key: c.key,
      label: c.label,
      type: c.type as FieldType,
      required: false,
      unique: false,
      defaultValue: null,
      helpText: null,
      filterable: true,
      sortable: true,
      options: {},
      column: c.column,
      standard: true,
      system: true,
      readOnly: c.readOnly,
      position: -100 + index,
      archivedAt: null,
    }));
}

/** The DDL of the system columns, in table-creation order. */
export const systemColumnsSql = [
  'id uuid primary key',
  'created_at timestamptz not null default now()',
  // The writer: a member, or an automation rule (its id, "Automation: <name>"), so no foreign key.
  'created_by uuid',
  'updated_at timestamptz not null default now()',
  'updated_by uuid',
  'owner_id uuid references public.app_user (id) on delete set null',
  'version integer not null default 1',
  'deleted_at timestamptz',
  'search tsvector',
  'rank text collate "C"',
];
