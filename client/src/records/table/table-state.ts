import type { FieldDef, ObjectDef } from '../../metadata';
import { apiFields } from '../record-documents';
import {
  conditionsFromFilter,
  matchOfFilter,
  sortFromView,
  type Condition,
  type Match,
  type SortRule,
} from '../filters';
import type { SavedView, ViewInput } from './view-operations';

/** What the table shows: the builder's rows, grouping and columns; a saved view stores the same. */
export interface TableState {
  conditions: Condition[];
  match: Match;
  sort: SortRule[];
  groupBy: string | null;
  /** Field keys in column order; null means the object's default columns. */
  columns: string[] | null;
}

export const emptyState = (): TableState => ({
  conditions: [],
  match: 'all',
  sort: [],
  groupBy: null,
  columns: null,
});

/** The default columns: the object's own fields in order, then the record's owner. */
export function defaultColumns(object: ObjectDef, objects: readonly ObjectDef[]): FieldDef[] {
  const fields = apiFields(object, objects);
  return [...fields.filter((f) => !f.system), ...fields.filter((f) => f.key === 'owner')];
}

/** The fields shown as columns; keys of fields since archived are skipped. */
export function visibleColumns(
  object: ObjectDef,
  objects: readonly ObjectDef[],
  state: TableState,
): FieldDef[] {
  if (!state.columns) return defaultColumns(object, objects);
  const fields = apiFields(object, objects);
  return state.columns.map((key) => fields.find((f) => f.key === key)).filter((f): f is FieldDef => !!f);
}

export function stateFromView(view: SavedView): TableState {
  return {
    conditions: conditionsFromFilter(view.filter),
    match: matchOfFilter(view.filter),
    sort: sortFromView(view.sort),
    groupBy: view.groupByField,
    columns: view.fields.map((f) => f.key),
  };
}

export function viewInputOf(filter: unknown, state: TableState, columns: readonly FieldDef[]): ViewInput {
  return {
    filter,
    sort: state.sort.length ? state.sort : null,
    groupByField: state.groupBy,
    fields: columns.map((f) => ({ key: f.key })),
  };
}
