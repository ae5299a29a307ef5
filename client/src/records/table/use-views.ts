import { useMutation, useQuery } from '@vue/apollo-composable';
import { useReadAgainOn } from '../../apollo';
import { computed, type Ref } from 'vue';
import { useErrorMessage } from '../../forms';
import {
  CREATE_VIEW,
  DELETE_VIEW,
  UPDATE_VIEW,
  VIEW_CHANGED,
  VIEWS_QUERY,
  type ViewInput,
} from './view-operations';

/** The object's saved table views, and creating, changing and deleting them. */
export function useViews(objectKey: Ref<string>) {
  const query = useQuery(VIEWS_QUERY, () => ({ object: objectKey.value }), {
    fetchPolicy: 'cache-and-network',
  });
  const views = computed(() => (query.result.value?.views ?? []).filter((v) => v.type === 'TABLE'));
  const error = useErrorMessage(query.error);
  const refetch = () => ({
    refetchQueries: [{ query: VIEWS_QUERY, variables: { object: objectKey.value } }],
    awaitRefetchQueries: true,
  });
  const createMutation = useMutation(CREATE_VIEW, refetch);
  const updateMutation = useMutation(UPDATE_VIEW);
  const deleteMutation = useMutation(DELETE_VIEW, refetch);
  // Views shared or changed by others arrive through viewChanged.
  useReadAgainOn(VIEW_CHANGED, () => query.refetch());
  return { views, loading: query.loading, error, create, update, remove };

  async function create(name: string, shared: boolean, input: ViewInput) {
    const result = await createMutation.mutate({
      input: { ...input, object: objectKey.value, type: 'TABLE', name, shared },
    });
    return result!.data!.createView;
  }

  async function update(id: string, input: ViewInput) {
    await updateMutation.mutate({ id, input });
  }

  async function remove(id: string) {
    await deleteMutation.mutate({ id });
  }
}
