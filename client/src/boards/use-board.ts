import { useApolloClient, useSubscription } from '@vue/apollo-composable';
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { describeError } from '../forms';
import { METADATA_CHANGED, type ObjectDef } from '../metadata';
import { useLiveChanges } from '../records/live';
import { applyBoardChange, withoutEmptyUnstaged } from './board-live';
import { applyDrop, isNoOpDrop, neighboursAt, withCardVersion, type Drop } from './board-order';
import { describeMoveRefusal, type MoveRefusal } from './move-errors';
import {
  BOARD_CARDS_QUERY,
  BOARD_QUERY,
  MOVE_RECORD,
  noStageKey,
  unstagedColumn,
  type BoardColumnData,
  type BoardData,
} from './operations';

/** Cards per column on the first load, and per "show more". */
export const cardsPerPage = 100;

/** A refused move, kept so the page can offer to fill the missing fields and retry. */
export interface RefusedMove {
  drop: Drop;
  refusal: MoveRefusal;
}

/**
 * One pipeline of an object as a board: loads it with the `board` query (narrowed by a
 * search), pages a long column on with `boardCards`, applies the values `recordChanged(object)`
 * pushes (see board-live; what they cannot settle reloads it, shortly after, as
 * `metadataChanged` does), and moves
 * cards optimistically through `moveRecord`, rolling back when the server refuses.
 */
export function useBoard(
  objectKey: Ref<string>,
  pipeline: Ref<string | null>,
  search: Ref<string> = ref(''),
  objects: Ref<ObjectDef[]> = ref([]),
) {
  const client = useApolloClient().resolveClient();
  const board = ref<BoardData | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const refused = ref<RefusedMove | null>(null);
  const warnings = ref<string[]>([]);
  let movesInFlight = 0;
  /** The move of each card still on its way to the server. */
  const cardMoves = new Map<string, Promise<void>>();
  let reloadWanted = false;
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  let loadSeq = 0;
  /** How many cards each column showed after "show more", kept through reloads. */
  const shown = new Map<string, number>();

  watch(
    [objectKey, pipeline, search],
    () => {
      shown.clear();
      void load();
    },
    { immediate: true },
  );
  const live = useLiveChanges(
    () => ({ object: objectKey.value }),
    (change) => {
      const object = objects.value.find((o) => o.key === objectKey.value);
      // A board being read may predate the change: read it again once it is in.
      if (!board.value || !object || loading.value) return scheduleReload();
      // Pushed values move and update cards in place; only what the event cannot settle reloads.
      const next = applyBoardChange(board.value, change, object, objects.value, searchText() !== null);
      if (next === null) return scheduleReload();
      if (next !== 'unchanged') board.value = next;
    },
    () => scheduleReload(),
  );
  // An admin's change to the pipeline (stages, probabilities, limits) bumps the metadata.
  const metadata = useSubscription(METADATA_CHANGED);
  metadata.onResult(() => scheduleReload());
  onBeforeUnmount(() => clearTimeout(reloadTimer));

  return { board, loading, error, refused, warnings, load, showMore, move, retry, dismissRefusal };

  function searchText(): string | null {
    return search.value.trim() || null;
  }

  async function load() {
    const seq = ++loadSeq;
    loading.value = true;
    try {
      const { data } = await client.query({
        query: BOARD_QUERY,
        variables: {
          object: objectKey.value,
          pipeline: pipeline.value,
          search: searchText(),
          first: cardsPerPage,
        },
        fetchPolicy: 'no-cache',
      });
      const staged = await Promise.all(data.board.columns.map((c) => extend(c, shown.get(c.stage.key) ?? 0)));
      const { unstaged } = data.board;
      const columns = unstaged.count ? [unstagedColumn(unstaged), ...staged] : staged;
      // A slower answer to an older request must not overwrite a newer board.
      if (seq !== loadSeq) return;
      board.value = { ...data.board, columns };
      live.resumeFrom(data.changeCursor);
      error.value = null;
    } catch (caught) {
      if (seq === loadSeq) error.value = describeError(caught).message;
    } finally {
      if (seq === loadSeq) loading.value = false;
    }
  }

  /** The column with its next cards fetched until it holds `wanted` (or has no more). */
  async function extend(column: BoardColumnData, wanted: number): Promise<BoardColumnData> {
    let extended = column;
    while (extended.hasMore && extended.records.length < wanted) {
      const { data } = await client.query({
        query: BOARD_CARDS_QUERY,
        variables: {
          object: objectKey.value,
          pipeline: pipeline.value,
          stage: column.stage.key,
          after: extended.records.at(-1)?.id ?? null,
          search: searchText(),
          first: Math.min(200, wanted - extended.records.length),
        },
        fetchPolicy: 'no-cache',
      });
      const known = new Set(extended.records.map((r) => r.id));
      const fresh = data.boardCards.records.filter((r) => !known.has(r.id));
      extended = { ...extended, records: [...extended.records, ...fresh], hasMore: data.boardCards.hasMore };
      if (fresh.length === 0) break;
    }
    return extended;
  }

  /** A long column's next cards, below the ones shown. */
  async function showMore(stageKey: string) {
    const column = board.value?.columns.find((c) => c.stage.key === stageKey);
    if (!column?.hasMore || stageKey === noStageKey) return;
    const seq = loadSeq;
    const wanted = column.records.length + cardsPerPage;
    shown.set(stageKey, wanted);
    try {
      const extended = await extend(column, wanted);
      if (seq !== loadSeq || !board.value) return;
      board.value = {
        ...board.value,
        columns: board.value.columns.map((c) => (c.stage.key === stageKey ? extended : c)),
      };
    } catch (caught) {
      error.value = describeError(caught).message;
    }
  }

  /** Others' moves arrive as changes; a burst of them reloads once. Own moves wait until answered. */
  function scheduleReload() {
    if (movesInFlight > 0) {
      reloadWanted = true;
      return;
    }
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => void load(), 120);
  }

  /** Moves a card and resolves true when the server accepted it. */
  async function move(drop: Drop, expectedVersion?: number): Promise<boolean> {
    const current = board.value;
    if (!current || isNoOpDrop(current.columns, drop)) return false;
    const target = current.columns.find((c) => c.stage.key === drop.stage);
    const card = current.columns.flatMap((c) => c.records).find((r) => r.id === drop.cardId);
    if (!target || !card) return false;
    const before: BoardColumnData[] = current.columns;
    const neighbours = neighboursAt(target.records, drop.cardId, drop.index);
    board.value = { ...current, columns: applyDrop(before, drop, current.sumField, current.field) };
    refused.value = null;
    warnings.value = [];
    movesInFlight += 1;
    // A second drag of a card whose first move is still on its way waits for it, then sends
    // the version that move produced: otherwise it would be refused as a conflict with itself.
    const earlier = cardMoves.get(drop.cardId);
    let settled!: () => void;
    const mine = new Promise<void>((resolve) => (settled = resolve));
    cardMoves.set(drop.cardId, mine);
    try {
      if (earlier) await earlier;
      const version = expectedVersion ?? versionOf(drop.cardId) ?? card.version;
      const { data } = await client.mutate({
        mutation: MOVE_RECORD,
        variables: {
          input: {
            object: objectKey.value,
            id: drop.cardId,
            stage: drop.stage,
            ...neighbours,
            expectedVersion: version,
          },
        },
      });
      const result = data!.moveRecord;
      if (board.value)
        board.value = {
          ...board.value,
          // Accepted: a "No stage" column the move emptied closes, as a reload would show it.
          columns: withoutEmptyUnstaged(withCardVersion(board.value.columns, result.id, result.version)),
        };
      warnings.value = result.warnings;
      return true;
    } catch (caught) {
      // Back to where it was, with the server's reason beside the board.
      if (board.value) board.value = { ...board.value, columns: before };
      refused.value = { drop, refusal: describeMoveRefusal(caught) };
      // A refusal often means the board is stale (a conflict, a neighbour moved away): reload it.
      reloadWanted = true;
      return false;
    } finally {
      settled();
      if (cardMoves.get(drop.cardId) === mine) cardMoves.delete(drop.cardId);
      movesInFlight -= 1;
      if (movesInFlight === 0 && reloadWanted) {
        reloadWanted = false;
        scheduleReload();
      }
    }
  }

  function versionOf(cardId: string): number | undefined {
    return board.value?.columns.flatMap((c) => c.records).find((r) => r.id === cardId)?.version;
  }

  /** Tries a refused move again (after its missing fields were filled). */
  async function retry(version: number): Promise<boolean> {
    const last = refused.value;
    if (!last) return false;
    return move(last.drop, version);
  }

  function dismissRefusal() {
    refused.value = null;
  }
}
