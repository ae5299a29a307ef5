import { useSubscription } from '@vue/apollo-composable';
import { onScopeDispose, ref } from 'vue';
import type { RecordChangeEvent } from '@crm/contracts';
import { RECORD_CHANGED } from '../live-operations';

const retryMs = { first: 500, max: 30_000 };

/** Which changes a view follows: one object's, or one record's. */
export interface LiveTarget {
  object: string;
  id?: string;
}

/**
 * `recordChanged` for a view that reads its data by query. The view hands over each answer's
 * `changeCursor` (`resumeFrom`): the subscription starts (or starts again) from there, so a
 * change committed between the read and the subscription going live is still delivered.
 * Changes the answer already held come again and are skipped by their version. After a
 * reconnect the subscription resumes from the same cursor; if the server refuses (too many
 * changes missed) or the feed fails, `onLost` reads the view again, which brings a new cursor —
 * after a pause that doubles while failures repeat, so a refusal that lasts is not hammered.
 */
export function useLiveChanges(
  target: () => LiveTarget | null,
  onChange: (change: RecordChangeEvent) => void,
  onLost: () => void,
) {
  const after = ref<string | null>(null);
  let pauseMs = retryMs.first;
  let retry: ReturnType<typeof setTimeout> | undefined;
  onScopeDispose(() => clearTimeout(retry));
  const live = useSubscription(
    RECORD_CHANGED,
    () => ({ ...target(), after: after.value }),
    () => ({ enabled: target() !== null && after.value !== null }),
  );
  live.onResult(({ data }) => {
    pauseMs = retryMs.first;
    if (data?.recordChanged) onChange(data.recordChanged);
  });
  live.onError(() => {
    after.value = null;
    clearTimeout(retry);
    retry = setTimeout(onLost, pauseMs);
    pauseMs = Math.min(pauseMs * 2, retryMs.max);
  });
  return {
    resumeFrom(cursor: string) {
      after.value = cursor;
    },
  };
}
