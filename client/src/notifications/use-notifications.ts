import { useApolloClient, useMutation, useQuery, useSubscription } from '@vue/apollo-composable';
import { computed, onScopeDispose } from 'vue';
import { onSocketConnected } from '../apollo';
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
  const added = useSubscription(NOTIFICATION_ADDED);
  // The pushed notification is applied to the cached page, not read again.
  added.onResult(({ data }) => {
    const notification = data?.notificationAdded;
    if (notification)
      query.updateQuery((previous) =>
        previous ? { notifications: withAdded(previous.notifications, notification) } : previous,
      );
  });
  // `notificationAdded` has no cursor to resume from: each time the socket (re)connects the
  // page is read again, so what was added while it was down, or before it was up, shows.
  const client = useApolloClient().resolveClient();
  onScopeDispose(onSocketConnected(client, () => void query.refetch()));
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
      previous ? { notifications: withRead(previous.notifications, ids, at) } : previous,
    );
  }
}
