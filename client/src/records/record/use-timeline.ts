import { useApolloClient, useQuery, useSubscription } from '@vue/apollo-composable';
import { computed, onScopeDispose, ref, shallowRef } from 'vue';
import { describeError } from '../../forms';
import { applyTimelineEvent } from './timeline-items';
import { TIMELINE, TIMELINE_CHANGED, TIMELINE_KINDS, type TimelineItem } from './timeline-operations';

const pageSize = 20;
const retryMs = 1_000;

/**
 * A record's timeline: the first page and `changeCursor` read together, then
 * `timelineChanged` from that cursor applies what happens (nothing missed between the read
 * and the subscription); "Show more" appends older pages. Choosing kinds reads again.
 */
export function useTimeline(object: () => string, recordId: string) {
  const client = useApolloClient().resolveClient();
  const items = shallowRef<TimelineItem[]>([]);
  const loading = ref(true);
  const loadingMore = ref(false);
  const error = ref<string | null>(null);
  const hasMore = ref(false);
  const after = ref<string | null>(null);
  const changeCursor = ref<string | null>(null);
  const kindsQuery = useQuery(TIMELINE_KINDS, {}, { fetchPolicy: 'cache-first' });
  const allKinds = computed(() => kindsQuery.result.value?.timelineKinds ?? []);
  /** null: every kind. */
  const chosen = ref<string[] | null>(null);
  const shown = computed(() => new Set(chosen.value ?? allKinds.value));
  let retry: ReturnType<typeof setTimeout> | undefined;
  onScopeDispose(() => clearTimeout(retry));

  const live = useSubscription(
    TIMELINE_CHANGED,
    () => ({ object: object(), recordId, after: changeCursor.value }),
    () => ({ enabled: changeCursor.value !== null }),
  );
  live.onResult(({ data }) => {
    if (data?.timelineChanged)
      items.value = applyTimelineEvent(items.value, data.timelineChanged, shown.value);
  });
  live.onError(() => {
    changeCursor.value = null;
    clearTimeout(retry);
    retry = setTimeout(() => void load(), retryMs);
  });
  void load();
  return { items, loading, loadingMore, error, hasMore, allKinds, shown, toggleKind, showMore, reload: load };

  function toggleKind(kind: string) {
    const next = new Set(shown.value);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    chosen.value = next.size === allKinds.value.length ? null : allKinds.value.filter((k) => next.has(k));
    void load();
  }

  async function read(cursor: string | null) {
    const { data } = await client.query({
      query: TIMELINE,
      variables: { object: object(), recordId, first: pageSize, after: cursor, kinds: chosen.value },
      fetchPolicy: 'network-only',
    });
    return data;
  }

  async function load() {
    loading.value = true;
    try {
      const data = await read(null);
      items.value = data.timeline.nodes;
      hasMore.value = data.timeline.hasNextPage;
      after.value = data.timeline.endCursor;
      changeCursor.value = data.changeCursor;
      error.value = null;
    } catch (caught) {
      error.value = describeError(caught).message;
    } finally {
      loading.value = false;
    }
  }

  async function showMore() {
    if (!hasMore.value || loadingMore.value) return;
    loadingMore.value = true;
    try {
      const data = await read(after.value);
      const held = new Set(items.value.map((item) => item.id));
      items.value = [...items.value, ...data.timeline.nodes.filter((item) => !held.has(item.id))];
      hasMore.value = data.timeline.hasNextPage;
      after.value = data.timeline.endCursor;
    } catch (caught) {
      error.value = describeError(caught).message;
    } finally {
      loadingMore.value = false;
    }
  }
}
