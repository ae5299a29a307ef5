import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { RequestContext } from '../../identity/index.js';
import { readSnapshot } from '../../records/index.js';

/** Snapshots taken for the operations that ask for `changeCursor`, by request. */
const taken = new WeakMap<RequestContext, Promise<string>>();

function asksForCursor(operation: OperationDefinitionNode | undefined): boolean {
  return (
    operation?.operation === 'query' &&
    operation.selectionSet.selections.some(
      (selection) => selection.kind === Kind.FIELD && selection.name.value === 'changeCursor',
    )
  );
}

/**
 * A query that selects `changeCursor` gets a snapshot taken before any of its fields
 * reads: every change its answer may lack is after that cursor, so a subscription that
 * resumes from it misses nothing, however the page and the subscription race.
 */
export function changeCursorPlugin<C extends RequestContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          await takeChangeCursor(operation, contextValue);
        },
      };
    },
  };
}

/** Before an operation's fields run: its snapshot, when it selects `changeCursor`. */
export async function takeChangeCursor(
  operation: OperationDefinitionNode | undefined,
  ctx: RequestContext,
): Promise<void> {
  if (!asksForCursor(operation)) return;
  const snapshot = readSnapshot(ctx.em);
  taken.set(ctx, snapshot);
  await snapshot;
}

/** The snapshot taken before this request's reads; taken now where no plugin ran (over WebSocket). */
export function changeCursorOf(ctx: RequestContext): Promise<string> {
  return taken.get(ctx) ?? readSnapshot(ctx.em);
}
