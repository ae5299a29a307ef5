import { useMutation, useQuery, useSubscription } from '@vue/apollo-composable';
import { computed } from 'vue';
import { withAdded, withRead } from './inbox';
import {
  MARK_NOTIFICATIONS_READ,
  NOTIFICATION_ADDED,
  NOTIFICATIONS_QUERY,
  type Notification,
} from './operations';

const pageSize = 20;

/** The member's inbox: the latest page, kept live by `notificationAdded`, and marking read. */
export function useNotifications() {
  const query = useQuery(NOTIFICATIONS_QUERY, { first: pageSize }, { fetchPolicy: 'cache-and-network' });
  // From the cursor read with the page: what was added between that read and the subscription
  // (or while the socket was down: it subscribes again from the same cursor) comes first.
  const cursor = computed(() => query.result.value?.inboxCursor ?? null);
  const added = useSubscription(
    NOTIFICATION_ADDED,
    () => ({ after: cursor.value }),
    () => ({ enabled: cursor.value !== null }),
  );
  // The pushed notification is applied to the cached page, not read again.
  added.onResult(({ data }) => {
    const notification = data?.notificationAdded;
    if (notification)
      query.updateQuery((previous) =>
        previous ? { ...previous, notifications: withAdded(previous.notifications, notification) } : previous,
      );
  });
  const mark = useMutation(MARK_NOTIFICATIONS_READ);

  const notifications = computed<Notification[]>(() => query.result.value?.notifications.nodes ?? []);
  const unreadCount = computed(() => query.result.value?.notifications.unreadCount ?? 0);
  return { notifications, unreadCount, markRead, markAllRead };

  async function markRead(ids: string[]): Promise<void> {
    await mark.mutate({ ids });
    applyRead(ids);
  }

  async function markAllRead(): Promise<void> {
    await mark.mutate({ all: true });
    applyRead(null);
  }

  function applyRead(ids: string[] | null): void {
    const at = new Date().toISOString();
    query.updateQuery((previous) =>
      previous ? { ...previous, notifications: withRead(previous.notifications, ids, at) } : previous,
    );
  }
}
