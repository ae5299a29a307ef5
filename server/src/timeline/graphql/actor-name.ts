import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requirePermission } from '../../identity/index.js';
import type { TimelineContext } from '../services.js';
import { TimelineItemType } from './types.js';

/** One look-up per actor and request, however many items name them. */
const names = new WeakMap<object, Map<string, Promise<string | null>>>();

@Resolver(() => TimelineItemType)
export class TimelineItemActorResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Who made the item: a member’s name, or “Automation: <rule>” for a rule’s writes.',
  })
  actorName(@Root() item: TimelineItemType, @Ctx() ctx: TimelineContext): Promise<string | null> | null {
    if (!item.actorId) return null;
    const { workspaceId } = requirePermission(ctx, 'records.read');
    let cache = names.get(ctx);
    if (!cache) names.set(ctx, (cache = new Map()));
    let name = cache.get(item.actorId);
    if (!name) cache.set(item.actorId, (name = ctx.services.actorName(ctx.em, workspaceId, item.actorId)));
    return name;
  }
}
