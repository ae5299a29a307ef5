import type { DocumentNode } from 'graphql';
import { useApolloClient, useSubscription } from '@vue/apollo-composable';
import { onScopeDispose } from 'vue';
import { onSocketReconnected } from './client';

/**
 * For data kept live by a subscription that takes no cursor (metadata, saved views): `read` runs
 * on each of its events, and again when the socket comes back after a drop, since what was pushed
 * while it was down is gone.
 */
export function useReadAgainOn(changes: DocumentNode, read: () => unknown): void {
  const client = useApolloClient().resolveClient();
  useSubscription(changes).onResult(() => void read());
  onScopeDispose(onSocketReconnected(client, () => void read()));
}
