import { Membership, requirePermission } from '../identity/index.js';
import type { ViewContext } from './services.js';
import { NotFound } from '../platform/index.js';
import type { ViewEvent } from './topics.js';
import { getView } from './service.js';
import type { SavedView } from './saved-view.js';

/** View changes as a subscriber sees them: only views they may see, for as long as they are a member. */

export interface ViewDelivery {
  kind: ViewEvent['kind'];
  viewId: string;
  /** Null when the view is gone, or no longer visible to this subscriber. */
  view: SavedView | null;
}

/**
 * The events of one view (`viewId`) or of every view the subscriber may see. Another
 * member's private view is never delivered. Each event is a fresh object per subscriber:
 * what it shows (`editable`, visibility) depends on who asks, so subscribers of the same
 * role must not share its execution.
 */
export async function subscribeToViews(
  ctx: ViewContext,
  viewId: string | null,
): Promise<AsyncIterableIterator<ViewEvent>> {
  const access = requirePermission(ctx, 'records.read');
  if (viewId) await getView(ctx, viewId);
  const userId = access.caller.user.id;
  const source = ctx.services.events.subscribe('workspace.views', access.workspaceId);
  return filterEvents(source, async (event) => {
    if ((viewId && event.viewId !== viewId) || (!event.shared && event.ownerId !== userId)) return 'skip';
    const member = await ctx.em.fork().count(Membership, { workspace: access.workspaceId, user: userId });
    return member ? 'keep' : 'end';
  });
}

/** What one event shows its subscriber, read after the change committed. */
export async function deliverViewEvent(ctx: ViewContext, event: ViewEvent): Promise<ViewDelivery> {
  const view =
    event.kind === 'DELETED'
      ? null
      : await getView({ ...ctx, em: ctx.em.fork() }, event.viewId).catch(notFound);
  // A view this subscriber can no longer read is gone for them, whatever happened to it.
  return { kind: view ? event.kind : 'DELETED', viewId: event.viewId, view };
}

function notFound(error: unknown): null {
  if (error instanceof NotFound) return null;
  throw error;
}

/** Like a filtering generator, but `return()` reaches the source at once, even while waiting. */
function filterEvents<T extends object>(
  source: AsyncIterable<T>,
  verdict: (event: T) => Promise<'keep' | 'skip' | 'end'>,
): AsyncIterableIterator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const done = async (): Promise<IteratorResult<T>> => {
    await iterator.return?.();
    return { value: undefined, done: true };
  };
  return {
    async next() {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return next;
        const decision = await verdict(next.value);
        if (decision === 'end') return done();
        if (decision === 'keep') return { value: { ...next.value }, done: false };
      }
    },
    return: done,
    async throw(error: unknown) {
      await done();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
