import { ApolloError } from '@apollo/client/core';
import { useApolloClient } from '@vue/apollo-composable';
import { onScopeDispose, ref, watch, type Ref } from 'vue';
import { connectivity } from './connectivity';
import { keepRecordCopy, readRecordCopy } from './offline-copies';

/** Which record a page shows, and how it reads it from the server. */
export interface SavedCopyTarget<T> {
  workspaceId: string;
  objectKey: () => string;
  id: string;
  record: Ref<T | null>;
  reload: () => void;
}

/**
 * The offline side of a record page: each value it holds from the server is kept on the device,
 * a read that fails for want of a connection shows that copy instead (`savedAt` says when it was
 * read, and the banner shows it), and the page reads again once the connection is back.
 */
export function useSavedCopy<T>(target: SavedCopyTarget<T>) {
  const client = useApolloClient().resolveClient();
  /** When the copy on screen was read; null while the record is the server's. */
  const savedAt = ref<string | null>(null);
  watch(target.record, (value) => {
    if (value && savedAt.value === null)
      void keepRecordCopy(client, target.workspaceId, target.objectKey(), target.id, value);
  });
  // The socket's own reconnect may still be backing off: read at once.
  watch(connectivity.online, (online) => {
    if (online) target.reload();
  });
  watch(savedAt, (at) => connectivity.showingCopy(at));
  onScopeDispose(() => {
    if (savedAt.value) connectivity.showingCopy(null);
  });
  return { savedAt, served, showInstead };

  /** The server answered: what is on screen is the server's again. */
  function served() {
    savedAt.value = null;
  }

  /** After a failed read: shows the saved copy if the server is out of reach and one exists. */
  async function showInstead(caught: unknown): Promise<boolean> {
    if (!unreachable(caught)) return false;
    const copy = await readRecordCopy<T>(target.workspaceId, target.objectKey(), target.id);
    if (!copy) return false;
    savedAt.value = copy.savedAt;
    target.record.value = copy.data;
    return true;
  }
}

/** No connection, or no answer from the server (as opposed to an answer that refuses). */
function unreachable(caught: unknown): boolean {
  if (!connectivity.online.value) return true;
  const network = caught instanceof ApolloError ? caught.networkError : null;
  return !!network && !('statusCode' in network);
}
