import { useApolloClient, useSubscription } from '@vue/apollo-composable';
import { computed, onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import { describeError } from '../forms/describe-error';
import type { FieldDef, ObjectDef } from '../metadata/operations';
import type { RecordData } from '../records/field-values';
import { RECORD_CHANGED } from '../records/live-operations';
import { recordDocuments } from '../records/record-documents';
import { gridRange, type Month } from './month';

/** At most this many records are placed on one month; more are counted and left off. */
export const monthLimit = 500;

/**
 * The records of `object` whose date `field` falls in the days shown for `month` (and match
 * a saved view's filter), sorted by that date, kept current by `recordChanged`.
 */
export function useCalendarRecords(
  object: Ref<ObjectDef | null>,
  objects: Ref<ObjectDef[]>,
  field: Ref<FieldDef | null>,
  viewFilter: Ref<unknown>,
  month: Ref<Month>,
) {
  const client = useApolloClient().resolveClient();
  const records = shallowRef<RecordData[]>([]);
  const totalCount = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const documents = computed(() => (object.value ? recordDocuments(object.value, objects.value) : null));
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  watch([documents, field, () => JSON.stringify(viewFilter.value), month], () => void load(), {
    immediate: true,
  });
  const live = useSubscription(
    RECORD_CHANGED,
    () => ({ object: object.value?.key }),
    () => ({ enabled: object.value !== null }),
  );
  live.onResult(() => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 150);
  });
  onBeforeUnmount(() => clearTimeout(timer));
  return { records, totalCount, loading, error, reload: load };

  async function load() {
    const mine = ++generation;
    const docs = documents.value;
    const dateField = field.value;
    if (!docs || !dateField || (dateField.type !== 'DATE' && dateField.type !== 'DATETIME')) {
      records.value = [];
      totalCount.value = 0;
      return;
    }
    const inMonth = { [dateField.key]: gridRange(month.value, dateField.type) };
    const filter = viewFilter.value ? { and: [viewFilter.value, inMonth] } : inMonth;
    loading.value = true;
    try {
      const { data } = await client.query<Record<string, { totalCount: number; nodes: RecordData[] }>>({
        query: docs.list,
        variables: { filter, sort: [{ field: dateField.key, direction: 'ASC' }], first: monthLimit },
        fetchPolicy: 'network-only',
      });
      if (mine !== generation) return;
      const page = data[docs.names.many]!;
      records.value = page.nodes;
      totalCount.value = page.totalCount;
      error.value = null;
    } catch (caught) {
      if (mine === generation) error.value = describeError(caught).message;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }
}
