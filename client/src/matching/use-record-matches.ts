import { useApolloClient, useQuery, useSubscription } from '@vue/apollo-composable';
import { computed, onScopeDispose } from 'vue';
import { onSocketConnected } from '../apollo';
import { MATCH_DEFINITIONS, MATCHES_CHANGED, RECORD_MATCHES } from './operations';
import { allMatches, sidesOf, withPushedMatches } from './record-matches';

/**
 * A record's matches (listings for a buyer, buyers for a listing), kept live by `matchesChanged`:
 * each push carries the record's whole list as the reader may see it, which replaces the held one,
 * no query again. Read again on each socket (re)connection: pushes are not replayed.
 */
export function useRecordMatches(objectKey: () => string, recordId: () => string) {
  const client = useApolloClient().resolveClient();
  const definitions = useQuery(MATCH_DEFINITIONS, {}, { fetchPolicy: 'cache-first' });
  const list = computed(() => definitions.result.value?.matchDefinitions ?? []);
  const sides = computed(() => sidesOf(list.value, objectKey()));
  const enabled = computed(() => sides.value.seeker || sides.value.candidate);
  const query = useQuery(
    RECORD_MATCHES,
    () => ({ object: objectKey(), id: recordId(), ...sides.value }),
    () => ({ enabled: enabled.value, fetchPolicy: 'cache-and-network' }),
  );
  const live = useSubscription(
    MATCHES_CHANGED,
    () => ({ object: objectKey(), id: recordId() }),
    () => ({ enabled: enabled.value }),
  );
  live.onResult(({ data }) => {
    const event = data?.matchesChanged;
    if (!event || event.recordId !== recordId()) return;
    query.updateQuery((previous) =>
      previous ? { ...previous, ...withPushedMatches(list.value, objectKey(), event.matches) } : previous,
    );
  });
  onScopeDispose(onSocketConnected(client, () => void (enabled.value && query.refetch())));
  const matches = computed(() => allMatches(query.result.value));
  return { enabled, sides, matches, loading: query.loading, error: query.error };
}
