import { useApolloClient } from '@vue/apollo-composable';
import { computed, watch } from 'vue';
import { currentMembership, ME_QUERY, useMe, workspaceSelection } from '../auth';
import { CREATE_WORKSPACE_MUTATION, type Workspace } from './operations';

/** The workspace this client works in, chosen among the user's memberships. */
export function useWorkspace() {
  const client = useApolloClient().resolveClient();
  const { memberships, loading } = useMe();
  const current = computed(() => currentMembership(memberships.value, workspaceSelection.selectedId.value));
  // Memberships can change under a running app (another user signs in, a workspace is left).
  watch(memberships, async (list) => {
    const before = workspaceSelection.selectedId.value;
    // Without a header the server already answered for the first workspace: nothing to refetch.
    if (list.length > 0 && workspaceSelection.keepValid(list) && before !== null) await client.resetStore();
  });
  return { current, memberships, loading, switchWorkspace, createWorkspace };

  async function switchWorkspace(workspaceId: string) {
    if (workspaceId === workspaceSelection.selectedId.value) return;
    workspaceSelection.select(workspaceId);
    // Every cached answer belongs to the old workspace: refetch them all with the new header.
    await client.resetStore();
  }

  async function createWorkspace(name: string): Promise<Workspace> {
    const { data } = await client.mutate({
      mutation: CREATE_WORKSPACE_MUTATION,
      variables: { input: { name } },
      // Memberships must list the new workspace before it is selected, or it would look stale.
      refetchQueries: [ME_QUERY],
      awaitRefetchQueries: true,
    });
    if (!data) throw new Error('createWorkspace answered without data');
    await switchWorkspace(data.createWorkspace.id);
    return data.createWorkspace;
  }
}
