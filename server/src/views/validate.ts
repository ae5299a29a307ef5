import type { FieldDef, FieldType, ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import { AppError, BadInput } from '../platform/index.js';
import type { Reader } from '@crm/contracts';
import {
  compileFilter,
  compileSort,
  type FilterLimits,
  type RecordFilter,
  type SortInput,
} from '../records/index.js';
import { maxViewPageSize, type ViewColumn, type ViewKind, type ViewPatch, type ViewSpec } from './model.js';

/**
 * A view is checked against the object's metadata when it is written, with the same
 * compiler that runs its filter and sort, so a saved view always compiled once.
 * Reading never refuses: what metadata changes broke since is reported as problems.
 */

/** BOARD columns: the values of a choice field. */
const groupableTypes: ReadonlySet<FieldType> = new Set<FieldType>(['SELECT', 'STAGE']);
const calendarTypes: ReadonlySet<FieldType> = new Set<FieldType>(['DATE', 'DATETIME']);
const maxFields = 200;
const minWidth = 20;
const maxWidth = 2000;
const maxFilterChars = 20_000;
const sortKeys = new Set(['field', 'direction', 'nulls']);

const at = (...path: string[]) => ['input', ...path];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An active field of the object by key, system fields included. */
export function activeField(object: ObjectDef, key: string): FieldDef | undefined {
  return object.fields.find((f) => f.key === key && !f.archivedAt);
}

/** The compiler names paths from its own arguments (['filter', …]); a view's live under `input`. */
function underInput<T>(compile: () => T): T {
  try {
    return compile();
  } catch (error) {
    if (!(error instanceof BadInput)) throw error;
    throw new BadInput(at(...(error.extensions.argumentPath as string[])), error.message);
  }
}

export function checkName(name: string, path = at('name')): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100)
    throw new BadInput(path, 'name: must be 1 to 100 characters.');
  return trimmed;
}

function checkPageSize(pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxViewPageSize)
    throw new BadInput(at('pageSize'), `pageSize: must be a whole number from 1 to ${maxViewPageSize}.`);
  return pageSize;
}

function checkFields(object: ObjectDef, columns: readonly ViewColumn[]): ViewColumn[] {
  if (columns.length > maxFields) throw new BadInput(at('fields'), `fields: at most ${maxFields}.`);
  const seen = new Set<string>();
  return columns.map((column, i) => {
    const path = at('fields', String(i));
    if (!activeField(object, column.key))
      throw new BadInput(
        [...path, 'key'],
        `${object.labelSingular} has no field “${column.key.slice(0, 70)}”.`,
      );
    if (seen.has(column.key)) throw new BadInput([...path, 'key'], `“${column.key}” is listed twice.`);
    seen.add(column.key);
    const width = column.width ?? null;
    if (width !== null && (!Number.isInteger(width) || width < minWidth || width > maxWidth))
      throw new BadInput(
        [...path, 'width'],
        `width: must be a whole number from ${minWidth} to ${maxWidth}.`,
      );
    return { key: column.key, width };
  });
}

/**
 * Saved filters keep relative values as written (`isMe`, `within`); each reader's list
 * evaluates them. Checking one only needs some reader.
 */
function anyReader(): Reader {
  return { userId: null, timeZone: 'UTC', now: new Date() };
}

function checkFilter(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  filter: unknown,
  limits?: FilterLimits,
): RecordFilter | null {
  if (filter === null || filter === undefined) return null;
  if (!isPlainObject(filter)) throw new BadInput(at('filter'), 'filter: must be a filter object.');
  if (JSON.stringify(filter).length > maxFilterChars)
    throw new BadInput(at('filter'), `filter: at most ${maxFilterChars} characters as JSON.`);
  compileFilter(
    { metadata, object, alias: 't', limits, reader: anyReader() },
    filter as RecordFilter,
    at('filter'),
  );
  return filter as RecordFilter;
}

function checkSort(object: ObjectDef, sort: unknown): SortInput[] | null {
  if (sort === null || sort === undefined) return null;
  if (!Array.isArray(sort)) throw new BadInput(at('sort'), 'sort: must be a list of {field, direction}.');
  const inputs = sort.map((item: unknown, i): SortInput => {
    const path = at('sort', String(i));
    if (!isPlainObject(item) || typeof item.field !== 'string')
      throw new BadInput(path, 'sort: each entry is {field, direction, nulls}.');
    const unknown = Object.keys(item).find((key) => !sortKeys.has(key));
    if (unknown) throw new BadInput([...path, unknown], `sort: unknown key “${unknown.slice(0, 40)}”.`);
    const nulls = item.nulls ?? null;
    if (nulls !== null && nulls !== 'FIRST' && nulls !== 'LAST')
      throw new BadInput([...path, 'nulls'], 'nulls: must be FIRST or LAST.');
    return {
      field: item.field,
      direction: item.direction as SortInput['direction'],
      ...(nulls ? { nulls } : {}),
    };
  });
  underInput(() => compileSort(object, inputs));
  return inputs.length ? inputs : null;
}

function checkLayoutField(
  object: ObjectDef,
  key: string | null,
  need: { path: string; types: ReadonlySet<FieldType>; required: boolean; what: string },
): void {
  if (key === null) {
    if (need.required) throw new BadInput(at(need.path), `${need.path}: required, ${need.what}.`);
    return;
  }
  const field = activeField(object, key);
  if (!field)
    throw new BadInput(at(need.path), `${object.labelSingular} has no field “${key.slice(0, 70)}”.`);
  if (!need.types.has(field.type))
    throw new BadInput(at(need.path), `${need.path}: “${key}” is a ${field.type} field; ${need.what}.`);
}

const groupBy = (type: ViewKind) => ({
  path: 'groupByField',
  types: groupableTypes,
  required: type === 'BOARD',
  what: `a board groups by a ${[...groupableTypes].join(' or ')} field`,
});
const calendar = (type: ViewKind) => ({
  path: 'calendarField',
  types: calendarTypes,
  required: type === 'CALENDAR',
  what: 'a calendar places records by a DATE or DATETIME field',
});

/**
 * A new view, checked whole, or a change, where only what it touches is checked: a view
 * whose filter went stale when a field was archived can still be renamed.
 */
export function checkView(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  current: ViewSpec | null,
  patch: ViewPatch,
  limits?: FilterLimits,
): ViewPatch {
  const checked: ViewPatch = { ...patch };
  if (patch.name !== undefined) checked.name = checkName(patch.name);
  if (patch.pageSize !== undefined) checked.pageSize = checkPageSize(patch.pageSize);
  if (patch.fields !== undefined) checked.fields = checkFields(object, patch.fields);
  if (patch.filter !== undefined) checked.filter = checkFilter(metadata, object, patch.filter, limits);
  if (patch.sort !== undefined) checked.sort = checkSort(object, patch.sort);
  if (patch.position !== undefined && !Number.isFinite(patch.position))
    throw new BadInput(at('position'), 'position: must be a finite number.');
  const type = patch.type ?? current?.type ?? 'TABLE';
  const touched = (key: keyof ViewSpec) => current === null || patch[key] !== undefined;
  const groupByField =
    patch.groupByField !== undefined ? patch.groupByField : (current?.groupByField ?? null);
  if (touched('groupByField') || (type === 'BOARD' && touched('type')))
    checkLayoutField(object, groupByField, groupBy(type));
  const calendarField =
    patch.calendarField !== undefined ? patch.calendarField : (current?.calendarField ?? null);
  if (touched('calendarField') || (type === 'CALENDAR' && touched('type')))
    checkLayoutField(object, calendarField, calendar(type));
  return checked;
}

/** What no longer holds of a saved view since metadata changed; empty when it is sound. */
export function viewProblems(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  view: Pick<ViewSpec, 'type' | 'filter' | 'sort' | 'groupByField' | 'calendarField'>,
  limits?: FilterLimits,
): string[] {
  const problems: string[] = [];
  const report = (check: () => unknown) => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const path = (error.extensions.argumentPath as string[] | undefined) ?? [];
      problems.push(`${path.filter((p) => p !== 'input').join('.')}: ${error.message}`);
    }
  };
  if (object.archivedAt) problems.push(`${object.labelPlural} are archived.`);
  report(
    () =>
      view.filter &&
      compileFilter({ metadata, object, alias: 't', limits, reader: anyReader() }, view.filter, ['filter']),
  );
  report(() => view.sort?.length && compileSort(object, view.sort));
  if (view.type === 'BOARD') report(() => checkLayoutField(object, view.groupByField, groupBy('BOARD')));
  if (view.type === 'CALENDAR')
    report(() => checkLayoutField(object, view.calendarField, calendar('CALENDAR')));
  return problems;
}

/** The saved columns still on the object (an archived field's column is left out). */
export function liveColumns(object: ObjectDef, columns: readonly ViewColumn[]): ViewColumn[] {
  return columns.filter((c) => activeField(object, c.key));
}

/** A new view's columns: the object's own active fields with a column (no to-many lists), in order. */
export function defaultColumns(object: ObjectDef): ViewColumn[] {
  return object.fields
    .filter((f) => !f.system && !f.archivedAt && f.column !== null)
    .slice(0, maxFields)
    .map((f) => ({ key: f.key, width: null }));
}
