import { useApolloClient, useQuery, useSubscription } from '@vue/apollo-composable';
import { computed, ref, shallowRef, type Ref } from 'vue';
import { describeError } from '../../forms/describe-error';
import type { ObjectDef } from '../../metadata/operations';
import type { RecordData } from '../field-values';
import { RECORD_CHANGED, RECORD_HISTORY } from '../live-operations';
import { recordDocuments } from '../record-documents';

/** One record and its change log, refreshed by `recordChanged` for that record. */
export function useRecord(object: Ref<ObjectDef>, objects: Ref<ObjectDef[]>, id: string) {
  const client = useApolloClient().resolveClient();
  const record = shallowRef<RecordData | null>(null);
  const loading = ref(true);
  const error = ref<string | null>(null);
  const documents = computed(() => recordDocuments(object.value, objects.value));
  const history = useQuery(RECORD_HISTORY, () => ({ object: object.value.key, id, first: 50 }), {
    fetchPolicy: 'cache-and-network',
  });
  const live = useSubscription(RECORD_CHANGED, () => ({ object: object.value.key, id }));
  live.onResult(() => {
    void load();
    void history.refetch();
  });
  void load();
  // A new field (metadata change) changes the documents: read the record again with it.
  let lastDocuments = documents.value;
  const reloadIfChanged = () => {
    if (documents.value !== lastDocuments) {
      lastDocuments = documents.value;
      void load();
    }
  };
  return {
    record,
    loading,
    error,
    history: computed(() => history.result.value?.recordHistory ?? []),
    historyLoading: history.loading,
    historyError: computed(() => (history.error.value ? describeError(history.error.value).message : null)),
    reload: load,
    reloadIfChanged,
    setRecord: (value: RecordData) => (record.value = value),
  };

  async function load() {
    try {
      const docs = documents.value;
      const { data } = await client.query<Record<string, RecordData | null>>({
        query: docs.one,
        variables: { id },
        fetchPolicy: 'network-only',
      });
      record.value = data[docs.names.one] ?? null;
      error.value = null;
    } catch (caught) {
      error.value = describeError(caught).message;
    } finally {
      loading.value = false;
    }
  }
}
