import { onScopeDispose, ref } from 'vue';
import { canonicalTimeZone, zonedDate } from '@crm/contracts';

/**
 * The reader's calendar date, checked every minute: "today" and "overdue" move with the clock
 * without any record changing, so lists read again when the day turns.
 */
export function useToday(timeZone: () => string) {
  const dateNow = () => zonedDate(new Date(), canonicalTimeZone(timeZone()) ?? 'UTC');
  const today = ref(dateNow());
  const timer = setInterval(() => {
    const now = dateNow();
    if (now !== today.value) today.value = now;
  }, 60_000);
  onScopeDispose(() => clearInterval(timer));
  return today;
}
