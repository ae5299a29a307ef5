import type { DocumentNode } from 'graphql';
import { useApolloClient, useQuery } from '@vue/apollo-composable';
import { computed } from 'vue';
import { useErrorMessage } from '../forms';
import { OBJECTS_QUERY } from '../metadata';
import { ADMIN_OBJECTS, type AdminObject } from './operations';

/** Every object with its fields, archived ones too, as the admin screens show them. */
export function useAdminObjects() {
  const query = useQuery(ADMIN_OBJECTS, {}, { fetchPolicy: 'cache-and-network' });
  const objects = computed<AdminObject[]>(() => query.result.value?.objects ?? []);
  const error = useErrorMessage(query.error);
  return { objects, loading: query.loading, error, objectByKey };

  function objectByKey(key: string): AdminObject | null {
    return objects.value.find((o) => o.key === key) ?? null;
  }
}

/**
 * Runs an admin mutation and, once it is applied, reloads the admin's objects and the
 * shell's (sidebar, tables), so a change shows everywhere at once. Throws the server's error.
 */
export function useAdminMutation() {
  const client = useApolloClient().resolveClient();
  return async function mutate<T = Record<string, unknown>>(
    mutation: DocumentNode,
    variables: Record<string, unknown>,
  ): Promise<T> {
    const { data } = await client.mutate<T>({
      mutation,
      variables,
      refetchQueries: [ADMIN_OBJECTS, OBJECTS_QUERY],
      awaitRefetchQueries: true,
    });
    return data as T;
  };
}
