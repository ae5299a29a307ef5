import { useQuery, useSubscription } from '@vue/apollo-composable';
import { computed } from 'vue';
import { MATCH_DEFINITIONS, MATCHES_CHANGED, RECORD_MATCHES } from './operations';
import { allMatches, sidesOf, withPushedMatches } from './record-matches';

/**
 * A record's matches (listings for a buyer, buyers for a listing), kept live by `matchesChanged`:
 * each push carries the record's whole list as the reader may see it, which replaces the held one,
 * no query again. It subscribes from the cursor read with the matches, so a change between that
 * read and the subscription (or while the socket was down) comes first.
 */
export function useRecordMatches(objectKey: () => string, recordId: () => string) {
  const definitions = useQuery(MATCH_DEFINITIONS, {}, { fetchPolicy: 'cache-first' });
  const list = computed(() => definitions.result.value?.matchDefinitions ?? []);
  const sides = computed(() => sidesOf(list.value, objectKey()));
  const enabled = computed(() => sides.value.seeker || sides.value.candidate);
  const query = useQuery(
    RECORD_MATCHES,
    () => ({ object: objectKey(), id: recordId(), ...sides.value }),
    () => ({ enabled: enabled.value, fetchPolicy: 'cache-and-network' }),
  );
  const cursor = computed(() => query.result.value?.matchesCursor ?? null);
  const live = useSubscription(
    MATCHES_CHANGED,
    () => ({ object: objectKey(), id: recordId(), after: cursor.value }),
    () => ({ enabled: enabled.value && cursor.value !== null }),
  );
  live.onResult(({ data }) => {
    const event = data?.matchesChanged;
    if (!event || event.recordId !== recordId()) return;
    query.updateQuery((previous) =>
      previous ? { ...previous, ...withPushedMatches(list.value, objectKey(), event.matches) } : previous,
    );
  });
  const matches = computed(() => allMatches(query.result.value));
  return { enabled, sides, matches, loading: query.loading, error: query.error };
}
