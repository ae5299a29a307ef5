import { useApolloClient } from '@vue/apollo-composable';
import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { describeError } from '../forms';
import type { ObjectDef } from '../metadata';
import type { RecordData } from './field-values';
import type { ApiFilter, SortRule } from './filters';
import type { RecordChangeEvent } from '@crm/contracts';
import {
  absoluteFilter,
  hasMissing,
  LabelBook,
  missingLabels,
  placeAnswer,
  planListChange,
  resolveLabels,
  signedInReader,
  useLiveChanges,
  wasCounted,
  type ListView,
} from './live';
import { recordDocuments } from './record-documents';

export interface ListQuery {
  filter: ApiFilter | null;
  sort: SortRule[];
  search: string;
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: RecordData[];
}

/** A list query's answer: the page under the object's plural name, and the change cursor. */
type ListAnswer = { changeCursor?: string } & Record<string, Page | string>;

export const pageSize = 50;

/**
 * The records of one object, page after page with the connection's `after` cursor
 * (keyset paging), kept current by the values `recordChanged` pushes, without losing the
 * pages loaded (see applyChange).
 */
export function useRecordList(
  object: Ref<ObjectDef | null>,
  objects: Ref<ObjectDef[]>,
  query: Ref<ListQuery>,
) {
  const client = useApolloClient().resolveClient();
  const rows = shallowRef<RecordData[]>([]);
  const totalCount = ref(0);
  const hasNextPage = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** The last live change applied, for what follows them (the group counts). */
  const lastChange = shallowRef<RecordChangeEvent | null>(null);
  /** Names of the members and related records the rows show, for pushed ids. */
  const labels = new LabelBook();
  /** Changes apply one after another, each on the rows the one before left. */
  let applying: Promise<void> = Promise.resolve();
  /**
   * Changes that arrived while a first page was being read: the page may predate them, so they
   * are applied again to it (a version already read is skipped).
   */
  let duringReload: RecordChangeEvent[] | null = null;
  const documents = computed(() => (object.value ? recordDocuments(object.value, objects.value) : null));
  let cursor: string | null = null;
  let generation = 0;

  // The documents change with the metadata (a new field): reload with the new columns.
  watch([documents, () => JSON.stringify(query.value)], () => void reload(), { immediate: true });

  const live = useLiveChanges(
    () => (object.value ? { object: object.value.key } : null),
    (change) => {
      duringReload?.push(change);
      applying = applying.then(() => applyChange(change));
    },
    () => void reload(),
  );

  return {
    rows,
    totalCount,
    hasNextPage,
    loading,
    error,
    lastChange,
    loadMore,
    reload,
    replaceRow,
    removeRows,
    refreshRows,
    fetchAll,
  };

  /** A page; a first one with where the change log stood before it was read (see useLiveChanges). */
  async function fetchPage(
    after: string | null,
    first = pageSize,
  ): Promise<Page & { changeCursor?: string }> {
    const docs = documents.value!;
    const { data } = await client.query<ListAnswer>({
      // Only a first page starts the live feed; later pages need no cursor.
      query: after === null ? docs.livePage : docs.list,
      variables: {
        filter: query.value.filter,
        sort: query.value.sort.length ? query.value.sort : null,
        first,
        after,
        search: query.value.search.trim() || null,
      },
      fetchPolicy: 'network-only',
    });
    return { ...(data[docs.names.many] as Page), changeCursor: data.changeCursor };
  }

  async function reload() {
    const mine = ++generation;
    if (!documents.value) return;
    loading.value = true;
    error.value = null;
    const arrived: RecordChangeEvent[] = (duringReload = []);
    try {
      const page = await fetchPage(null);
      if (mine !== generation) return;
      learn(page.nodes);
      rows.value = page.nodes;
      totalCount.value = page.totalCount;
      hasNextPage.value = page.pageInfo.hasNextPage;
      cursor = page.pageInfo.endCursor;
      live.resumeFrom(page.changeCursor!);
      duringReload = null;
      for (const change of arrived) applying = applying.then(() => applyChange(change));
    } catch (caught) {
      if (mine === generation) error.value = describeError(caught).message;
    } finally {
      if (mine === generation) {
        loading.value = false;
        duringReload = null;
      }
    }
  }

  async function loadMore() {
    if (loading.value || !hasNextPage.value) return;
    const mine = generation;
    loading.value = true;
    try {
      const page = await fetchPage(cursor);
      if (mine !== generation) return;
      const known = new Set(rows.value.map((r) => r.id));
      learn(page.nodes);
      rows.value = [...rows.value, ...page.nodes.filter((n) => !known.has(n.id))];
      hasNextPage.value = page.pageInfo.hasNextPage;
      cursor = page.pageInfo.endCursor;
    } catch (caught) {
      error.value = describeError(caught).message;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** Every record of the current filter and sort, page by page (for the CSV export). */
  async function fetchAll(): Promise<RecordData[]> {
    const all: RecordData[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await fetchPage(after, 500);
      all.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) return all;
      after = page.pageInfo.endCursor;
    }
  }

  /** Reads these rows again (after a bulk edit), in place, keeping the pages loaded so far. */
  async function refreshRows(ids: readonly string[]) {
    const docs = documents.value!;
    for (let i = 0; i < ids.length; i += 500) {
      const { data } = await client.query<Record<string, Page>>({
        query: docs.list,
        variables: { filter: { id: { in: ids.slice(i, i + 500) } }, first: 500 },
        fetchPolicy: 'network-only',
      });
      learn(data[docs.names.many]!.nodes);
      const fresh = new Map(data[docs.names.many]!.nodes.map((n) => [n.id, n]));
      rows.value = rows.value.map((r) => fresh.get(r.id) ?? r);
    }
  }

  /** A row as a mutation answered it; a newer version already pushed is kept. */
  function replaceRow(record: RecordData) {
    learn([record]);
    rows.value = rows.value.map((r) => (r.id === record.id && r.version <= record.version ? record : r));
  }

  function learn(records: readonly RecordData[]) {
    if (object.value) labels.learnFrom(object.value, objects.value, records);
  }

  function removeRows(ids: readonly string[]) {
    const gone = new Set(ids);
    const before = rows.value.length;
    rows.value = rows.value.filter((r) => !gone.has(r.id));
    totalCount.value -= before - rows.value.length;
  }

  /** The record if it matches the list's filter and search, else null. */
  async function fetchMatching(id: string): Promise<RecordData | null> {
    const docs = documents.value!;
    const filter = query.value.filter
      ? { and: [query.value.filter, { id: { eq: id } }] }
      : { id: { eq: id } };
    const { data } = await client.query<Record<string, Page>>({
      query: docs.list,
      variables: { filter, first: 1, search: query.value.search.trim() || null },
      fetchPolicy: 'network-only',
    });
    return data[docs.names.many]!.nodes[0] ?? null;
  }

  function listView(): ListView | null {
    if (!object.value) return null;
    return {
      context: { object: object.value, objects: objects.value, shape: 'api', labels },
      // Relative values (me, today) read for the signed-in user now, as the server reads them.
      filter: absoluteFilter(object.value, query.value.filter, signedInReader(client)),
      searching: query.value.search.trim() !== '',
      sort: query.value.sort,
      complete: !hasNextPage.value,
    };
  }

  /**
   * One change from `recordChanged`, applied in place from its pushed values so the pages
   * loaded and the scroll position stay (see records/live). The server is asked only about
   * that one record when the view's filter, search or order cannot be decided here, and
   * for the names of related records the rows do not show yet; a field conversion, which
   * touches every row, reloads.
   */
  async function applyChange(change: RecordChangeEvent) {
    const view = listView();
    if (!view || !documents.value) return;
    const mine = generation;
    try {
      const missing = missingLabels(change, view.context);
      // Names only for what will be shown: a held row or a new one, not a row on a page not loaded.
      const shown = change.kind === 'create' || rows.value.some((r) => r.id === change.recordId);
      if (shown && hasMissing(missing)) await resolveLabels(client, missing, labels).catch(() => undefined);
      if (mine !== generation) return;
      let step = planListChange(rows.value, change, listView()!);
      if (step.do === 'ask') {
        const counted = wasCounted(rows.value, change, view);
        const answer = await fetchMatching(change.recordId);
        if (mine !== generation) return;
        if (answer) learn([answer]);
        step = placeAnswer(rows.value, change.recordId, answer, listView()!, counted);
      }
      if (step.do === 'reload') return void (await reload());
      if (step.do === 'set') {
        rows.value = step.rows;
        totalCount.value += step.countDelta;
      }
      lastChange.value = change;
    } catch (caught) {
      error.value = describeError(caught).message;
    }
  }
}
