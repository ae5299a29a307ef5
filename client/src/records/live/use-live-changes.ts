import { useSubscription } from '@vue/apollo-composable';
import { ref } from 'vue';
import { RECORD_CHANGED, type RecordChange } from '../live-operations';

/** Which changes a view follows: one object's, or one record's. */
export interface LiveTarget {
  object: string;
  id?: string;
}

/**
 * `recordChanged` for a view that reads its data by query. The view hands over each answer's
 * `changeCursor` (`resumeFrom`): the subscription starts (or starts again) from there, so a
 * change committed between the read and the subscription going live is still delivered.
 * Changes the answer already held come again and are skipped by their version.
 */
export function useLiveChanges(target: () => LiveTarget | null, onChange: (change: RecordChange) => void) {
  const after = ref<string | null>(null);
  const live = useSubscription(
    RECORD_CHANGED,
    () => ({ ...target(), after: after.value }),
    () => ({ enabled: target() !== null && after.value !== null }),
  );
  live.onResult(({ data }) => {
    if (data?.recordChanged) onChange(data.recordChanged);
  });
  return {
    resumeFrom(cursor: string) {
      after.value = cursor;
    },
  };
}
