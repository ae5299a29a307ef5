import { onScopeDispose, ref } from 'vue';
import { zonedDate } from '@crm/contracts';

/**
 * The reader's calendar date, checked every minute: "today" and "overdue" move with the clock
 * without any record changing, so lists read again when the day turns.
 */
export function useToday(timeZone: () => string) {
  const today = ref(zonedDate(new Date(), timeZone()));
  const timer = setInterval(() => {
    const now = zonedDate(new Date(), timeZone());
    if (now !== today.value) today.value = now;
  }, 60_000);
  onScopeDispose(() => clearInterval(timer));
  return today;
}
