import { useApolloClient, useSubscription } from '@vue/apollo-composable';
import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { describeError } from '../forms/describe-error';
import type { ObjectDef } from '../metadata/operations';
import type { RecordData } from './field-values';
import type { ApiFilter, SortRule } from './filters';
import { RECORD_CHANGED } from './live-operations';
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

export const pageSize = 50;

/**
 * The records of one object, page after page with the connection's `after` cursor
 * (keyset paging), kept current by `recordChanged` without losing the pages loaded (see
 * applyChange).
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
  /** Counts the live changes seen, for what follows them (the group counts). */
  const changes = ref(0);
  const documents = computed(() => (object.value ? recordDocuments(object.value, objects.value) : null));
  let cursor: string | null = null;
  let generation = 0;

  // The documents change with the metadata (a new field): reload with the new columns.
  watch([documents, () => JSON.stringify(query.value)], () => void reload(), { immediate: true });

  const live = useSubscription(
    RECORD_CHANGED,
    () => ({ object: object.value?.key }),
    () => ({ enabled: object.value !== null }),
  );
  live.onResult(({ data }) => {
    const change = data?.recordChanged;
    if (!change) return;
    changes.value += 1;
    void applyChange(change.kind, change.recordId);
  });

  return {
    rows,
    totalCount,
    hasNextPage,
    loading,
    error,
    changes,
    loadMore,
    reload,
    replaceRow,
    removeRows,
    refreshRows,
    fetchAll,
  };

  async function fetchPage(after: string | null, first = pageSize): Promise<Page> {
    const docs = documents.value!;
    const { data } = await client.query<Record<string, Page>>({
      query: docs.list,
      variables: {
        filter: query.value.filter,
        sort: query.value.sort.length ? query.value.sort : null,
        first,
        after,
        search: query.value.search.trim() || null,
      },
      fetchPolicy: 'network-only',
    });
    return data[docs.names.many]!;
  }

  async function reload() {
    const mine = ++generation;
    if (!documents.value) return;
    loading.value = true;
    error.value = null;
    try {
      const page = await fetchPage(null);
      if (mine !== generation) return;
      rows.value = page.nodes;
      totalCount.value = page.totalCount;
      hasNextPage.value = page.pageInfo.hasNextPage;
      cursor = page.pageInfo.endCursor;
    } catch (caught) {
      if (mine === generation) error.value = describeError(caught).message;
    } finally {
      if (mine === generation) loading.value = false;
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
      const fresh = new Map(data[docs.names.many]!.nodes.map((n) => [n.id, n]));
      rows.value = rows.value.map((r) => fresh.get(r.id) ?? r);
    }
  }

  function replaceRow(record: RecordData) {
    rows.value = rows.value.map((r) => (r.id === record.id ? record : r));
  }

  function removeRows(ids: readonly string[]) {
    const gone = new Set(ids);
    const before = rows.value.length;
    rows.value = rows.value.filter((r) => !gone.has(r.id));
    totalCount.value -= before - rows.value.length;
  }

  async function fetchOne(id: string): Promise<RecordData | null> {
    const docs = documents.value!;
    const { data } = await client.query<Record<string, RecordData | null>>({
      query: docs.one,
      variables: { id },
      fetchPolicy: 'network-only',
    });
    return data[docs.names.one] ?? null;
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

  /**
   * One change from `recordChanged`, applied in place so the pages loaded and the scroll
   * position stay: an update replaces its row, a delete removes it, a new (or restored)
   * record joins at the top when it matches the list's filter. Only a field conversion,
   * which touches every row, reloads.
   */
  async function applyChange(kind: string, id: string) {
    if (!documents.value) return;
    if (kind === 'delete') return removeRows([id]);
    if (kind !== 'update' && kind !== 'create' && kind !== 'restore') return reload();
    const filtered = query.value.filter !== null || query.value.search.trim() !== '';
    const known = rows.value.some((r) => r.id === id);
    // An update of a row not loaded may be on a later page already: only new ones join.
    if (!known && kind === 'update') return;
    try {
      const record = known || !filtered ? await fetchOne(id) : await fetchMatching(id);
      if (known) return record ? replaceRow(record) : removeRows([id]);
      if (record && !rows.value.some((r) => r.id === id)) {
        rows.value = [record, ...rows.value];
        totalCount.value += 1;
      }
    } catch (caught) {
      error.value = describeError(caught).message;
    }
  }
}
