import { useApolloClient } from '@vue/apollo-composable';
import { ref, watch, type Ref } from 'vue';
import { describeError } from '../forms';
import type { ObjectDef } from '../metadata';
import { searchDocument } from '../records/record-documents';
import { linkedLabel, type Linked } from '../records/field-values';

export interface SearchGroup {
  object: ObjectDef;
  hits: { id: string; label: string }[];
}

// The API allows 20 aliases per operation: larger workspaces are searched in chunks.
const objectsPerRequest = 15;
const hitsPerObject = 5;

/** Searches every object's list query with `search`, results grouped by object. */
export function useGlobalSearch(objects: Ref<ObjectDef[]>) {
  const client = useApolloClient().resolveClient();
  const text = ref('');
  const groups = ref<SearchGroup[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  watch(text, (value) => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(value.trim()), 200);
  });
  return { text, groups, loading, error };

  async function run(search: string) {
    const mine = ++generation;
    if (!search) {
      groups.value = [];
      return;
    }
    loading.value = true;
    error.value = null;
    try {
      const chunks: ObjectDef[][] = [];
      for (let i = 0; i < objects.value.length; i += objectsPerRequest) {
        chunks.push(objects.value.slice(i, i + objectsPerRequest));
      }
      const answers = await Promise.all(
        chunks.map(async (chunk) => {
          const { data } = await client.query<Record<string, { nodes: Linked[] }>>({
            query: searchDocument(chunk, hitsPerObject),
            variables: { search },
            fetchPolicy: 'network-only',
          });
          return chunk.map((object, i) => ({
            object,
            hits: (data[`o${i}`]?.nodes ?? []).map((n) => ({ id: n.id, label: linkedLabel(n) })),
          }));
        }),
      );
      if (mine === generation) groups.value = answers.flat().filter((g) => g.hits.length > 0);
    } catch (caught) {
      if (mine === generation) error.value = describeError(caught).message;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }
}
