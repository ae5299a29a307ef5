import { useApolloClient, useQuery } from '@vue/apollo-composable';
import { useReadAgainOn } from '../apollo';
import { computed } from 'vue';
import { useErrorMessage } from '../forms';
import { METADATA_CHANGED, OBJECTS_QUERY, type ObjectDef } from './operations';

/** The current workspace's objects and fields, from the shared Apollo cache. */
export function useObjects() {
  // Cache-first: the shell's metadataChanged subscription refetches it when it changes.
  const query = useQuery(OBJECTS_QUERY, {}, { fetchPolicy: 'cache-first' });
  const objects = computed<ObjectDef[]>(() => query.result.value?.objects ?? []);
  const error = useErrorMessage(query.error);
  return { objects, loading: query.loading, error, objectByKey };

  function objectByKey(key: string): ObjectDef | null {
    return objects.value.find((o) => o.key === key) ?? null;
  }
}

/**
 * Called once by the shell: an admin's change arrives through `metadataChanged` and
 * refetches the objects everywhere, so a new field shows up as a column without a reload
 * (and after a dropped socket, whatever changed meanwhile).
 */
export function useLiveMetadata() {
  const client = useApolloClient().resolveClient();
  useReadAgainOn(METADATA_CHANGED, () => client.refetchQueries({ include: [OBJECTS_QUERY] }));
}
