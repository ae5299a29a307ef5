import { callerView } from '../../records/index.js';
import { Arg, Ctx, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { requirePermission } from '../../identity/index.js';
import { loadMetadata } from '../../metadata/index.js';
import { BadInput, NotFound, parseId } from '../../platform/index.js';
import { gated, isResumePoint, resumeSnapshot } from '../../realtime/index.js';
import { readTimeline, watchTimeline } from '../feed.js';
import type { TimelineContext } from '../services.js';
import type { TimelineEvent, TimelineSourceContext, TimelineTarget } from '../source.js';
import { TimelineEventType, TimelinePageType } from './types.js';

const maxPage = 100;

const allKinds = (ctx: TimelineContext) => [...new Set(ctx.services.timelineSources.flatMap((s) => s.kinds))];

/** The caller may read records, and the object and record exist: the read checks of every timeline call. */
async function openTimeline(
  ctx: TimelineContext,
  object: string,
  recordId: string,
): Promise<{ source: TimelineSourceContext; target: TimelineTarget }> {
  const access = requirePermission(ctx, 'records.read');
  const id = parseId(['recordId'], recordId);
  const full = await loadMetadata(ctx.em, access.workspaceId);
  // The caller's profile: hidden fields (and unreadable objects) are archived in this metadata,
  // so no source shows them; the scope decides the record and the linked records shown.
  const { metadata, scope } = await callerView(ctx.services.recordAccess, access, full);
  const found = metadata.objects.find((o) => o.key === object && !o.archivedAt);
  if (!found) throw new BadInput(['object'], `No object “${object.slice(0, 70)}” in this workspace.`);
  const source: TimelineSourceContext = {
    em: ctx.em,
    records: ctx.services.records,
    workspaceId: access.workspaceId,
    userId: access.caller.user.id,
    ...(scope ? { scope } : {}),
  };
  const [row] = await ctx.services.records.getMany(
    { em: ctx.em, metadata, actorId: source.userId, ...(scope ? { scope } : {}) },
    found,
    [id],
  );
  if (!row) throw new NotFound(`${found.labelSingular} ${id}`);
  return { source, target: { metadata, object: found, recordId: id } };
}

function kindsAsked(ctx: TimelineContext, kinds: string[] | null | undefined): Set<string> {
  const known = allKinds(ctx);
  if (kinds === null || kinds === undefined) return new Set(known);
  kinds.forEach((kind, i) => {
    if (!known.includes(kind))
      throw new BadInput(
        ['kinds', String(i)],
        `kinds: “${String(kind).slice(0, 40)}” is not one of ${known.join(', ')}.`,
      );
  });
  return new Set(kinds);
}

interface TimelineChangedArgs {
  object: string;
  recordId: string;
  after?: string | null;
}

@Resolver()
export class TimelineResolver {
  @Query(() => [String], { description: 'The kinds of timeline items this server has (filter chips).' })
  timelineKinds(@Ctx() ctx: TimelineContext): string[] {
    requirePermission(ctx, 'records.read');
    return allKinds(ctx);
  }

  @Query(() => TimelinePageType, {
    description: `A record’s timeline, newest first: field changes, stage moves, linked tasks and notes (and what other modules add), ${maxPage} at most per page.`,
  })
  async timeline(
    @Arg('object', () => String) object: string,
    @Arg('recordId', () => ID) recordId: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('kinds', () => [String], { nullable: true, description: 'Only these kinds; all when left out.' })
    kinds: string[] | null,
    @Ctx() ctx: TimelineContext,
  ): Promise<TimelinePageType> {
    if (!Number.isInteger(first) || first < 1 || first > maxPage)
      throw new BadInput(['first'], `first: must be a whole number from 1 to ${maxPage}.`);
    const { source, target } = await openTimeline(ctx, object, recordId);
    const asked = kindsAsked(ctx, kinds);
    return readTimeline(source, ctx.services.timelineSources, target, { first, after, kinds: asked });
  }

  @Subscription(() => TimelineEventType, {
    description:
      'A record’s timeline items as they are added, changed or removed. With `after` (the `changeCursor` read beside the first page), the changes since that read come first.',
    subscribe: async ({ args, context }) => {
      const ctx = context as TimelineContext;
      const { object, recordId, after } = args as TimelineChangedArgs;
      if (after && !isResumePoint(after))
        throw new BadInput(['after'], 'after: must be a `changeCursor` or a change id.');
      const { source, target } = await openTimeline(ctx, object, recordId);
      // Live reads outlast the subscribe call: a fork of their own.
      const live = { ...source, em: ctx.em.fork() };
      const changes = ctx.services.changeFeed.subscribe({
        workspaceId: source.workspaceId,
        schema: target.metadata.schema,
        userId: source.userId,
        filter: {},
        after,
      });
      // Changes of records out of the caller's read scope never reach a source (a linked task).
      const access = requirePermission(ctx, 'records.read');
      const gate = ctx.services.changeEventAccess.forSubscriber(
        access.workspaceId,
        access.caller.user.id,
        access.role,
      );
      const seen = gate ? gated(changes, gate) : changes;
      // Whoever the gate narrows (not owners or admins): the record must still be readable.
      const userId = access.caller.user.id;
      const stillReadable = gate
        ? async () =>
            (
              await ctx.services.recordAccess.readersAmong(
                access.workspaceId,
                target.object.id,
                target.recordId,
                [userId],
              )
            ).has(userId)
        : undefined;
      return watchTimeline(live, ctx.services.timelineSources, target, seen, {
        since: resumeSnapshot(after),
        stillReadable,
      });
    },
  })
  timelineChanged(
    @Root() event: TimelineEvent,
    @Arg('object', () => String) _object: string,
    @Arg('recordId', () => ID) _recordId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): TimelineEventType {
    return event;
  }
}
