import type { ObjectDef } from '../metadata';
import type { RecordChangeEvent } from '@crm/contracts';
import {
  canMerge,
  isApplied,
  LabelBook,
  mergeChange,
  recordFromCreate,
  type MergeContext,
} from '../records/live';
import { cardAmount } from './board-order';
import {
  noStageKey,
  unstagedColumn,
  type BoardCard,
  type BoardColumnData,
  type BoardData,
} from './operations';

/**
 * A pushed change applied to the board a page holds: a card's fields, its column and place
 * (by its rank, as the server orders cards), the column counts and sums. Null when the board
 * cannot follow it from the event alone (a card not held moved, a deletion of one not
 * held, a restore, a conversion, a search that may no longer match): then it is read again.
 */
export function applyBoardChange(
  board: BoardData,
  change: RecordChangeEvent,
  object: ObjectDef,
  objects: readonly ObjectDef[],
  searching: boolean,
): BoardData | null | 'unchanged' {
  const context: MergeContext = { object, objects, shape: 'row', labels: noLabels };
  const held = board.columns.flatMap((c) => c.records).find((r) => r.id === change.recordId);
  const touchesTotals = change.changedFields.some((key) => key === board.field || key === board.sumField);
  if (change.kind === 'delete') return held ? withCard(board, held, null) : null;
  if (change.kind === 'create') {
    // Read with the board already (a change replayed from the board's cursor).
    if (held) return 'unchanged';
    if (searching) return null;
    return withCard(board, null, recordFromCreate(change, context));
  }
  if (change.kind !== 'update') return null;
  if (!held) return touchesTotals ? null : 'unchanged';
  if (isApplied(held, change)) return 'unchanged';
  if (!canMerge(held, change)) return null;
  if (searching && change.changedFields.some((key) => isSearched(object, key))) return null;
  return withCard(board, held, mergeChange(held, change, context));
}

// The board holds ids, as the event does: nothing to name.
const noLabels = new LabelBook();

const searchedTypes = new Set(['TEXT', 'LONG_TEXT', 'EMAIL', 'PHONE', 'URL']);
function isSearched(object: ObjectDef, key: string): boolean {
  return searchedTypes.has(object.fields.find((f) => f.key === key)?.type ?? '');
}

function stageOf(board: BoardData, card: BoardCard): string {
  const stage = card[board.field];
  return typeof stage === 'string' && stage ? stage : noStageKey;
}

/** Board order, as the server's: by rank (never-moved cards last), then creation, then id. */
function before(a: BoardCard, b: BoardCard): boolean {
  const ra = typeof a.rank === 'string' ? a.rank : null;
  const rb = typeof b.rank === 'string' ? b.rank : null;
  if (ra !== rb) return rb === null || (ra !== null && ra < rb);
  const ca = Date.parse(String(a.createdAt ?? ''));
  const cb = Date.parse(String(b.createdAt ?? ''));
  if (ca !== cb) return ca < cb;
  return a.id < b.id;
}

/** The board with `old` taken out of its column and `card` put into its own (either may be null). */
function withCard(board: BoardData, old: BoardCard | null, card: BoardCard | null): BoardData | null {
  if (card && !placeable(board, card)) return null;
  let columns = board.columns;
  if (card && stageOf(board, card) === noStageKey && !columns.some((c) => c.stage.key === noStageKey))
    columns = [unstagedColumn({ count: 0, hasMore: false, records: [] }), ...columns];
  columns = columns.map((column) => {
    const key = column.stage.key;
    const leaving = old && stageOf(board, old) === key ? old : null;
    const entering = card && stageOf(board, card) === key ? card : null;
    if (!leaving && !entering) return column;
    let records = leaving ? column.records.filter((r) => r.id !== leaving.id) : column.records;
    if (entering) {
      const at = records.findIndex((r) => before(entering, r));
      // Past the last card held of a longer column: it is among the cards not loaded yet.
      if (at !== -1 || !column.hasMore)
        records =
          at === -1 ? [...records, entering] : [...records.slice(0, at), entering, ...records.slice(at)];
    }
    const count = column.count - (leaving ? 1 : 0) + (entering ? 1 : 0);
    const sum =
      column.sum === null
        ? null
        : column.sum -
          (leaving ? cardAmount(leaving, board.sumField) : 0) +
          (entering ? cardAmount(entering, board.sumField) : 0);
    // Whole cents, as the server sums them: no 0.30000000000000004 after a few moves.
    return totals(column, records, count, sum === null ? null : Math.round(sum * 100) / 100);
  });
  return { ...board, columns: withoutEmptyUnstaged(columns) };
}

/** The "No stage" column shows only while some record has no stage. */
export function withoutEmptyUnstaged(columns: BoardColumnData[]): BoardColumnData[] {
  return columns.filter((c) => c.stage.key !== noStageKey || c.count > 0);
}

/**
 * A card's first move ranks the never-moved cards of its column on the server, without an
 * event for each: a ranked card entering a column whose held cards have no rank yet cannot
 * be placed among them here.
 */
function placeable(board: BoardData, card: BoardCard): boolean {
  if (typeof card.rank !== 'string') return true;
  const column = board.columns.find((c) => c.stage.key === stageOf(board, card));
  return !column || column.records.every((r) => r.id === card.id || typeof r.rank === 'string');
}

function totals(
  column: BoardColumnData,
  records: BoardCard[],
  count: number,
  sum: number | null,
): BoardColumnData {
  const weightedSum = sum === null ? null : Math.round(sum * column.stage.probability) / 100;
  const overLimit = column.stage.wipLimit !== null && count > column.stage.wipLimit;
  return { ...column, records, count, sum, weightedSum, overLimit };
}
