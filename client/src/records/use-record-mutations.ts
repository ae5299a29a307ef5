import { useApolloClient } from '@vue/apollo-composable';
import { computed, type Ref } from 'vue';
import type { ObjectDef } from '../metadata';
import type { RecordData } from './field-values';
import { recordDocuments } from './record-documents';

/** Create, update and delete records of one object through its generated mutations. */
export function useRecordMutations(object: Ref<ObjectDef | null>, objects: Ref<ObjectDef[]>) {
  const client = useApolloClient().resolveClient();
  const documents = computed(() => (object.value ? recordDocuments(object.value, objects.value) : null));
  return { create, update, remove, updateMany };

  function docs() {
    if (!documents.value) throw new Error('The object is not loaded yet.');
    return documents.value;
  }

  async function create(input: Record<string, unknown>): Promise<RecordData> {
    const d = docs();
    const { data } = await client.mutate<Record<string, RecordData>>({
      mutation: d.create,
      variables: { input },
    });
    return data![d.names.create]!;
  }

  async function update(id: string, input: Record<string, unknown>): Promise<RecordData> {
    const d = docs();
    const { data } = await client.mutate<Record<string, RecordData>>({
      mutation: d.update,
      variables: { id, input },
    });
    return data![d.names.update]!;
  }

  async function remove(id: string): Promise<void> {
    const d = docs();
    await client.mutate({ mutation: d.remove, variables: { id } });
  }

  /** One field set on many records, all or nothing (at most 500 per call, as the API takes). */
  async function updateMany(ids: readonly string[], input: Record<string, unknown>): Promise<void> {
    const d = docs();
    for (let i = 0; i < ids.length; i += 500) {
      const updates = ids.slice(i, i + 500).map((id) => ({ id, input }));
      await client.mutate({ mutation: d.updateMany, variables: { updates } });
    }
  }
}
