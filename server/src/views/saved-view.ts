import type { Language } from '@crm/contracts';
import type { User, WorkspaceAccess } from '../identity/index.js';
import type { WorkspaceMetadata } from '../metadata/index.js';
import type { FilterLimits } from '../records/index.js';
import type { ViewRow } from './entity.js';
import type { ViewSpec } from './model.js';
import { canEdit } from './rights.js';
import { liveColumns, viewProblems } from './validate.js';

/** A view as one caller sees it: stale columns left out, problems named, their right to edit. */
export interface SavedView extends ViewSpec {
  id: string;
  /** The object's key. */
  object: string;
  owner: User;
  position: number;
  createdAt: Date;
  updatedAt: Date;
  editable: boolean;
  problems: string[];
  /** The name in other languages, for the caller's (views/graphql/mappers.ts). */
  translations: Partial<Record<Language, { name?: string }>>;
}

export function specOf(row: ViewRow): ViewSpec {
  return {
    name: row.name,
    type: row.type,
    shared: row.shared,
    filter: row.filter ?? null,
    sort: row.sort ?? null,
    fields: row.fields,
    groupByField: row.groupByFieldKey ?? null,
    calendarField: row.calendarFieldKey ?? null,
    pageSize: row.pageSize,
  };
}

/** `row.owner` must be loaded; `metadata` must hold the view's object (it does: deleting one cascades). */
export function presentView(
  row: ViewRow,
  metadata: WorkspaceMetadata,
  access: WorkspaceAccess,
  limits?: FilterLimits,
): SavedView {
  const object = metadata.objects.find((o) => o.id === row.objectId);
  if (!object) throw new Error(`View ${row.id} points at object ${row.objectId}, missing from metadata.`);
  const spec = specOf(row);
  return {
    ...spec,
    id: row.id,
    object: object.key,
    owner: row.owner,
    fields: liveColumns(object, spec.fields),
    position: row.position,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    editable: canEdit(row, access),
    problems: viewProblems(metadata, object, spec, limits),
    translations: row.translations ?? {},
  };
}
