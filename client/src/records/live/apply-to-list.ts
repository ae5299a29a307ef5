import type { ObjectDef } from '../../metadata';
import type { RecordData } from '../field-values';
import type { SortRule } from '../filters';
import type { RecordChangeEvent } from '@crm/contracts';
import { matchesFilter, sortedIndex, valuesOf } from './local-view';
import { canMerge, isApplied, mergeChange, recordFromCreate, type MergeContext } from './merge-change';

/**
 * A pushed change applied to a list of records a view holds (a table's pages, a calendar's
 * month): decided locally when the view's filter and sort can be evaluated on the pushed
 * values, else the server is asked about that one record.
 */
export interface ListView {
  context: MergeContext;
  /** The records API filter the list was read with (null: every record). */
  filter: unknown;
  /** A full-text search is active: only the server knows what it matches. */
  searching: boolean;
  /** The list's sort; empty means the API's default, newest first. */
  sort: readonly SortRule[];
  /** Every matching record is held (no further page to load). */
  complete: boolean;
}

export type ListStep =
  | { do: 'skip' }
  /** The new rows, and how the number of matching records changed. */
  | { do: 'set'; rows: RecordData[]; countDelta: number }
  /** Only the server can say whether (and as what) this record belongs: read it with the view's filter. */
  | { do: 'ask' }
  | { do: 'reload' };

const searchedTypes = new Set(['TEXT', 'LONG_TEXT', 'EMAIL', 'PHONE', 'URL']);

function touchesSearch(object: ObjectDef, change: RecordChangeEvent): boolean {
  return change.changedFields.some((key) =>
    searchedTypes.has(object.fields.find((f) => f.key === key)?.type ?? ''),
  );
}

function filterKeys(filter: unknown, keys = new Set<string>()): Set<string> {
  if (!filter || typeof filter !== 'object') return keys;
  for (const [key, value] of Object.entries(filter)) {
    if (key === 'and' || key === 'or') (value as unknown[]).forEach((f) => filterKeys(f, keys));
    else if (key === 'not') filterKeys(value, keys);
    else keys.add(key);
  }
  return keys;
}

export function planListChange(
  rows: readonly RecordData[],
  change: RecordChangeEvent,
  view: ListView,
): ListStep {
  const { object } = view.context;
  const held = rows.find((r) => r.id === change.recordId);
  if (change.kind === 'delete') return held ? without(rows, held.id, -1) : { do: 'skip' };
  if (change.kind === 'convert') return { do: 'reload' };
  if (held) {
    if (isApplied(held, change)) return { do: 'skip' };
    if (!canMerge(held, change)) return { do: 'ask' };
    if (view.searching && touchesSearch(object, change)) return { do: 'ask' };
    const merged = mergeChange(held, change, view.context);
    const matches = matchesFilter(object, view.filter, valuesOf(object, merged));
    if (matches === null) return { do: 'ask' };
    if (!matches) return without(rows, held.id, -1);
    return place(rows, merged, view, 0);
  }
  if (change.kind === 'update') {
    // A row not held is on a page not loaded or outside the view; it may join only when
    // the change touched what the filter looks at.
    const touched = [...filterKeys(view.filter)].some((key) => change.changedFields.includes(key));
    return touched ? { do: 'ask' } : { do: 'skip' };
  }
  if (change.kind !== 'create' || view.searching) return { do: 'ask' };
  const created = recordFromCreate(change, view.context);
  const matches = matchesFilter(object, view.filter, valuesOf(object, created));
  if (matches === null) return { do: 'ask' };
  return matches ? place(rows, created, view, 1) : { do: 'skip' };
}

/**
 * A record the server answered for `id` under the view's filter (null: it does not match)
 * put in place. `wasCounted` says whether it counted among the matches before.
 */
export function placeAnswer(
  rows: readonly RecordData[],
  id: string,
  answer: RecordData | null,
  view: ListView,
  wasCounted: boolean,
): ListStep {
  const held = rows.find((r) => r.id === id);
  if (!answer)
    return held
      ? without(rows, id, -1)
      : wasCounted
        ? { do: 'set', rows: [...rows], countDelta: -1 }
        : { do: 'skip' };
  if (held && held.version > answer.version) return { do: 'skip' };
  return place(rows, answer, view, held || wasCounted ? 0 : 1);
}

/** Whether the record counted among the view's matches before this change (for the count). */
export function wasCounted(rows: readonly RecordData[], change: RecordChangeEvent, view: ListView): boolean {
  if (rows.some((r) => r.id === change.recordId)) return true;
  if (change.kind !== 'update') return false;
  const before = (key: string) => (key in change.previous ? change.previous[key] : undefined);
  return matchesFilter(view.context.object, view.filter, before) === true;
}

function without(rows: readonly RecordData[], id: string, countDelta: number): ListStep {
  return { do: 'set', rows: rows.filter((r) => r.id !== id), countDelta };
}

/** The record at its place: kept where it was without a sort, else moved to where the sort puts it. */
function place(
  rows: readonly RecordData[],
  record: RecordData,
  view: ListView,
  countDelta: number,
): ListStep {
  const at = rows.findIndex((r) => r.id === record.id);
  const others = rows.filter((r) => r.id !== record.id);
  let index: number | null;
  if (view.sort.length === 0) index = at === -1 ? 0 : at;
  else index = sortedIndex(view.context.object, view.sort, others, record) ?? (at === -1 ? 0 : at);
  // Past the last row held of an incomplete list, it belongs to a page not loaded yet.
  if (index === others.length && !view.complete && view.sort.length > 0)
    return { do: 'set', rows: others, countDelta };
  return { do: 'set', rows: [...others.slice(0, index), record, ...others.slice(index)], countDelta };
}
