import type { BoardCard, BoardColumnData } from './operations';

/** Where a dragged card lands: its new column and its index among the other cards there. */
export interface Drop {
  cardId: string;
  stage: string;
  /** Index in the target column once the dragged card is taken out of it. */
  index: number;
}

/**
 * The neighbours `moveRecord` wants for a drop: the card that ends up just above the
 * dropped one (`afterId`) and the one just below (`beforeId`), in board order.
 */
export function neighboursAt(
  cards: readonly BoardCard[],
  cardId: string,
  index: number,
): { afterId: string | null; beforeId: string | null } {
  const others = cards.filter((c) => c.id !== cardId);
  const at = Math.max(0, Math.min(index, others.length));
  return { afterId: others[at - 1]?.id ?? null, beforeId: others[at]?.id ?? null };
}

/**
 * The drop index from the pointer: before the first card whose middle is below it.
 * `middles` are the vertical centres of the column's cards other than the dragged one.
 */
export function dropIndexFromPointer(middles: readonly number[], pointerY: number): number {
  const below = middles.findIndex((middle) => pointerY < middle);
  return below === -1 ? middles.length : below;
}

/** Whether a drop changes anything (same column and same place is a no-op). */
export function isNoOpDrop(columns: readonly BoardColumnData[], drop: Drop): boolean {
  const from = columns.find((c) => c.records.some((r) => r.id === drop.cardId));
  if (!from || from.stage.key !== drop.stage) return false;
  return from.records.findIndex((r) => r.id === drop.cardId) === drop.index;
}

/** The numeric value a card adds to its column's sum (`sumField` is currency or number). */
export function cardAmount(card: BoardCard, sumField: string | null): number {
  if (!sumField) return 0;
  const value = card[sumField];
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && typeof (value as { amount?: unknown }).amount === 'number')
    return (value as { amount: number }).amount;
  return 0;
}

/**
 * The board as it looks right after a drop, before the server answers: the card leaves
 * its column and enters the target at the index, counts and sums follow. Pure: the caller
 * keeps the columns it had to roll back to.
 */
export function applyDrop(
  columns: readonly BoardColumnData[],
  drop: Drop,
  sumField: string | null,
  stageField: string,
): BoardColumnData[] {
  const from = columns.find((c) => c.records.some((r) => r.id === drop.cardId));
  const card = from?.records.find((r) => r.id === drop.cardId);
  if (!from || !card) return [...columns];
  const moved: BoardCard = { ...card, [stageField]: drop.stage };
  const amount = cardAmount(card, sumField);
  return columns.map((column) => {
    let records = column.records;
    let { count, sum } = column;
    if (column === from) {
      records = records.filter((r) => r.id !== drop.cardId);
      count -= 1;
      if (sum !== null) sum -= amount;
    }
    if (column.stage.key === drop.stage) {
      records = records.filter((r) => r.id !== drop.cardId);
      const at = Math.max(0, Math.min(drop.index, records.length));
      records = [...records.slice(0, at), moved, ...records.slice(at)];
      count += 1;
      if (sum !== null) sum += amount;
    }
    if (records === column.records) return column;
    return withTotals(column, records, count, sum);
  });
}

function withTotals(
  column: BoardColumnData,
  records: BoardCard[],
  count: number,
  sum: number | null,
): BoardColumnData {
  const weightedSum = sum === null ? null : Math.round(sum * column.stage.probability) / 100;
  const overLimit = column.stage.wipLimit !== null && count > column.stage.wipLimit;
  return { ...column, records, count, sum, weightedSum, overLimit };
}

/** The card's version after the server accepted the move, so the next move sends it. */
export function withCardVersion(
  columns: readonly BoardColumnData[],
  cardId: string,
  version: number,
): BoardColumnData[] {
  return columns.map((column) =>
    column.records.some((r) => r.id === cardId)
      ? { ...column, records: column.records.map((r) => (r.id === cardId ? { ...r, version } : r)) }
      : column,
  );
}
