import type { EntityManager } from '@mikro-orm/postgresql';
import {
  activeFields,
  type FieldDef,
  type ObjectDef,
  qualified,
  quote,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { BadInput, queryRows } from '../platform/index.js';
import { cellText, type SheetRow } from './parse.js';
import type { MappedColumn } from './settings.js';
import { isEmptyCell } from './transform.js';

/**
 * Relation and user cells name their records ("Acme Ltd", "ann@example.com"): each batch
 * looks the names up in one query per column. A name → the ids it matches, case aside.
 */
export type Lookups = Map<FieldDef, Map<string, string[]>>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The names of one cell: a to-many relation lists several, separated by ',' or ';'. */
export function cellNames(cell: SheetRow['cells'][number], field: FieldDef): string[] {
  const text = cellText(cell).trim();
  const names = field.options.relationKind === 'MANY_TO_MANY' ? text.split(/[;,]/) : [text];
  return names.map((n) => n.trim().toLowerCase()).filter(Boolean);
}

export function needsLookup(field: FieldDef): boolean {
  return field.type === 'USER' || field.type === 'RELATION';
}

/** The target's field a relation column is matched on: `matchBy`, else the target's name field. */
export function matchField(metadata: WorkspaceMetadata, column: MappedColumn, at: string[]): FieldDef {
  const target = metadata.objects.find((o) => o.id === column.field.options.targetObjectId) as ObjectDef;
  const fields = activeFields(target).filter(
    (f) => f.column && ['TEXT', 'EMAIL', 'PHONE', 'URL', 'NUMBER'].includes(f.type),
  );
  const wanted = column.matchBy ?? fields.find((f) => f.id === target.labelFieldId)?.key ?? 'name';
  const found = fields.find((f) => f.key === wanted);
  if (!found)
    throw new BadInput(
      [...at, 'matchBy'],
      `matchBy: ${target.labelSingular} has no field ${wanted} to match on.`,
    );
  return found;
}

async function lookUpRecords(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  column: MappedColumn,
  names: string[],
): Promise<Map<string, string[]>> {
  const target = metadata.objects.find((o) => o.id === column.field.options.targetObjectId)!;
  const by = matchField(metadata, column, ['input', 'columns']);
  const rows = await queryRows<{ id: string; name: string }>(
    em,
    `select id::text, lower(${quote(by.column!)}::text) as name from ${qualified(metadata.schema, target.table)}
     where deleted_at is null and (lower(${quote(by.column!)}::text) = any(?::text[]) or id::text = any(?::text[]))`,
    [names, names.filter((n) => uuidPattern.test(n))],
  );
  return grouped(
    rows.flatMap((r) => [
      { id: r.id, name: r.name },
      { id: r.id, name: r.id },
    ]),
  );
}

async function lookUpMembers(em: EntityManager, workspaceId: string): Promise<Map<string, string[]>> {
  const rows = await queryRows<{ id: string; email: string; name: string }>(
    em,
    `select u.id::text, u.email, lower(u.name) as name from app_user u join membership m on m.user_id = u.id
     where m.workspace_id = ?`,
    [workspaceId],
  );
  return grouped(
    rows.flatMap((r) => [
      { id: r.id, name: r.email },
      { id: r.id, name: r.name },
      { id: r.id, name: r.id },
    ]),
  );
}

function grouped(pairs: { id: string; name: string }[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const { id, name } of pairs) {
    const ids = byName.get(name) ?? [];
    if (!ids.includes(id)) ids.push(id);
    byName.set(name, ids);
  }
  return byName;
}

/** The lookups of every relation and user column, for these rows. */
export async function lookUp(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  columns: readonly MappedColumn[],
  rows: readonly SheetRow[],
): Promise<Lookups> {
  const lookups: Lookups = new Map();
  for (const column of columns.filter((c) => needsLookup(c.field))) {
    if (column.field.type === 'USER') {
      lookups.set(column.field, await lookUpMembers(em, metadata.workspaceId));
      continue;
    }
    const names = new Set<string>();
    for (const row of rows) {
      const cell = row.cells[column.index];
      if (!isEmptyCell(cell)) for (const name of cellNames(cell!, column.field)) names.add(name);
    }
    lookups.set(column.field, names.size ? await lookUpRecords(em, metadata, column, [...names]) : new Map());
  }
  return lookups;
}
