import { useApolloClient, useQuery, useSubscription } from '@vue/apollo-composable';
import { computed } from 'vue';
import {
  ADD_COMMENT,
  COMMENT_CHANGED,
  COMMENTS_QUERY,
  DELETE_COMMENT,
  EDIT_COMMENT,
  FOLLOW_RECORD,
  UNFOLLOW_RECORD,
  type Comment,
  type CommentPage,
} from './operations';
import { withChange } from './thread';

const pageSize = 50;

/** A record's thread, oldest first, kept live by `commentChanged`; writing, and following the record. */
export function useComments(objectKey: string, recordId: string) {
  const client = useApolloClient().resolveClient();
  const thread = { object: objectKey, recordId };
  const query = useQuery(
    COMMENTS_QUERY,
    { ...thread, first: pageSize },
    { fetchPolicy: 'cache-and-network' },
  );
  // From the cursor read with the thread: what changed between that read and the subscription
  // comes first. Pushed comments are applied to the held thread, not read again. A new one
  // joins the end only when the end is loaded; otherwise "show more" brings it.
  const cursor = computed(() => query.result.value?.commentsCursor ?? null);
  const changes = useSubscription(
    COMMENT_CHANGED,
    () => ({ ...thread, after: cursor.value }),
    () => ({ enabled: cursor.value !== null }),
  );
  changes.onResult(({ data }) => {
    const event = data?.commentChanged;
    if (!event) return;
    update((page) => {
      if (event.kind === 'ADDED' && page.hasNextPage) return page;
      const nodes = withChange(page.nodes, event);
      const delta = nodes.length - page.nodes.length;
      return { ...page, nodes, totalCount: page.totalCount + delta };
    });
  });

  const comments = computed<Comment[]>(() => query.result.value?.comments.nodes ?? []);
  const hasMore = computed(() => query.result.value?.comments.hasNextPage ?? false);
  const following = computed(() => query.result.value?.followingRecord ?? false);
  const loading = query.loading;
  return {
    comments,
    hasMore,
    following,
    loading,
    error: query.error,
    add,
    edit,
    remove,
    showMore,
    setFollowing,
  };

  function update(change: (page: CommentPage) => CommentPage): void {
    query.updateQuery((previous) =>
      previous ? { ...previous, comments: change(previous.comments) } : previous,
    );
  }

  async function add(body: string): Promise<void> {
    const { data } = await client.mutate({ mutation: ADD_COMMENT, variables: { ...thread, body } });
    const added = data?.addComment;
    // Commenting follows the record (unless unfollowed on purpose).
    if (added) {
      update((page) => (page.hasNextPage ? page : { ...page, ...grow(page, added) }));
      query.updateQuery((previous) => (previous ? { ...previous, followingRecord: true } : previous));
    }
  }

  async function edit(id: string, body: string): Promise<void> {
    const { data } = await client.mutate({ mutation: EDIT_COMMENT, variables: { id, body } });
    const edited = data?.editComment;
    if (edited)
      update((page) => ({
        ...page,
        nodes: withChange(page.nodes, { kind: 'EDITED', commentId: id, comment: edited }),
      }));
  }

  async function remove(id: string): Promise<void> {
    await client.mutate({ mutation: DELETE_COMMENT, variables: { id } });
    update((page) => {
      const nodes = page.nodes.filter((c) => c.id !== id);
      return { ...page, nodes, totalCount: page.totalCount - (page.nodes.length - nodes.length) };
    });
  }

  async function showMore(): Promise<void> {
    const after = query.result.value?.comments.endCursor;
    if (!after) return;
    await query.fetchMore({
      variables: { ...thread, first: pageSize, after },
      updateQuery: (previous, { fetchMoreResult }) => {
        if (!fetchMoreResult) return previous;
        const known = new Set(previous.comments.nodes.map((c) => c.id));
        return {
          ...previous,
          comments: {
            ...fetchMoreResult.comments,
            nodes: [
              ...previous.comments.nodes,
              ...fetchMoreResult.comments.nodes.filter((c) => !known.has(c.id)),
            ],
          },
        };
      },
    });
  }

  async function setFollowing(on: boolean): Promise<void> {
    await client.mutate({ mutation: on ? FOLLOW_RECORD : UNFOLLOW_RECORD, variables: thread });
    query.updateQuery((previous) => (previous ? { ...previous, followingRecord: on } : previous));
  }
}

function grow(page: CommentPage, added: Comment): Pick<CommentPage, 'nodes' | 'totalCount'> {
  const nodes = withChange(page.nodes, { kind: 'ADDED', commentId: added.id, comment: added });
  return { nodes, totalCount: page.totalCount + (nodes.length - page.nodes.length) };
}
