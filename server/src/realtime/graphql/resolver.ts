import type { ChangeKind, RecordChangeEvent } from '@crm/contracts';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { gated } from '../gated.js';
import type { RealtimeContext } from '../services.js';
import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { requirePermission } from '../../identity/index.js';
import { BadInput, parseId } from '../../platform/index.js';
import { readRecordHistory } from '../../records/index.js';
import { toChangeEvent, type ChangeEvent } from '../change-event.js';
import { isResumePoint } from '../change-feed.js';
import { changeCursorOf } from './change-cursor.js';

/** `implements` the shared shape, so a change on either side fails to compile until both agree. */
@ObjectType('RecordChangeEvent', { description: 'One committed change of one record.' })
export class RecordChangeEventType implements RecordChangeEvent<Date> {
  @Field(() => String, {
    description: 'Increasing in the order the feed delivers changes; resume with `after`.',
  })
  changeId!: string;
  @Field(() => String, { description: 'The object’s key.' }) object!: string;
  @Field(() => ID) recordId!: string;
  @Field(() => String, { description: 'create, update, delete, restore or convert.' }) kind!: ChangeKind;
  @Field(() => Int, { description: 'The record’s version after this change.' }) version!: number;
  @Field(() => ID, { nullable: true }) actorId!: string | null;
  @Field(() => DateTimeResolver) at!: Date;
  @Field(() => [String]) changedFields!: string[];
  @Field(() => JSONResolver, { description: 'Field key → new value, as the records API shows it.' })
  values!: Record<string, unknown>;
  @Field(() => JSONResolver, { description: 'Field key → previous value.' })
  previous!: Record<string, unknown>;
}

@ObjectType('MetadataChangeEvent', {
  description: 'The workspace’s objects or fields changed: refetch them.',
})
export class MetadataChangeEventType {
  @Field(() => Int) version!: number;
}

function toRecordChangeEvent(event: ChangeEvent): RecordChangeEventType {
  const entries = Object.entries(event.changes);
  return {
    changeId: event.changeId,
    object: event.objectKey,
    recordId: event.recordId,
    kind: event.kind,
    version: event.version,
    actorId: event.actorId,
    at: event.at,
    changedFields: entries.map(([key]) => key),
    values: Object.fromEntries(entries.map(([key, [, now]]) => [key, now])),
    previous: Object.fromEntries(entries.map(([key, [before]]) => [key, before])),
  };
}

const maxHistory = 200;

interface RecordChangedArgs {
  object?: string | null;
  id?: string | null;
  after?: string | null;
}

/**
 * `after` is where a subscription resumes: only `subscribe` reads it, so subscribers resumed
 * from different points share each live event's execution.
 */
export const realtimeSubscribeOnlyArguments = { recordChanged: ['after'] } as const;

/** The change feed and metadata changes as GraphQL subscriptions. */
@Resolver()
export class RealtimeResolver {
  @Subscription(() => RecordChangeEventType, {
    description:
      'Changes of the records of one object (or all), or of one record. With `after` (a `changeId` from an earlier event, or a query’s `changeCursor`), first every change missed since then, in order and once, then live.',
    subscribe: async ({ args, context }) => {
      const ctx = context as RealtimeContext;
      const access = requirePermission(ctx, 'records.read');
      const { object, id, after } = args as RecordChangedArgs;
      if (after && !isResumePoint(after))
        throw new BadInput(['after'], 'after is a changeId from an earlier event or a query’s changeCursor.');
      // Two thousand subscriptions opening at once must not each read the whole metadata.
      const metadata = await ctx.services.metadataCache.require(
        ctx.em,
        access.workspaceId,
        access.caller.workspace?.metadataVersion,
      );
      const target = object ? metadata.objects.find((o) => o.key === object && !o.archivedAt) : undefined;
      if (object && !target)
        throw new BadInput(['object'], `No object “${object.slice(0, 70)}” in this workspace.`);
      const events = ctx.services.changeFeed.subscribe({
        workspaceId: access.workspaceId,
        schema: metadata.schema,
        userId: access.caller.user.id,
        filter: { objectId: target?.id, recordId: id ? parseId('id', id) : undefined },
        after,
      });
      const gate = ctx.services.changeEventAccess.forSubscriber(
        access.workspaceId,
        access.caller.user.id,
        access.role,
      );
      return gate ? gated(events, gate) : events;
    },
  })
  recordChanged(
    @Root() event: ChangeEvent,
    @Arg('object', () => String, { nullable: true }) _object: string | null,
    @Arg('id', () => ID, { nullable: true }) _id: string | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): RecordChangeEventType {
    return toRecordChangeEvent(event);
  }

  @Query(() => String, {
    description:
      'Where the change log stands before this query reads anything: select it beside a page of records and subscribe to `recordChanged(after:)` with it to receive every change the page may not show.',
  })
  async changeCursor(@Ctx() ctx: RealtimeContext): Promise<string> {
    requirePermission(ctx, 'records.read');
    return changeCursorOf(ctx);
  }

  @Query(() => [RecordChangeEventType], {
    description: `A record’s change log, newest first (1–${maxHistory} entries): who changed which fields, from what to what.`,
  })
  async recordHistory(
    @Arg('object', () => String) object: string,
    @Arg('id', () => ID) id: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Ctx() ctx: RealtimeContext,
  ): Promise<RecordChangeEventType[]> {
    const access = requirePermission(ctx, 'records.read');
    if (!Number.isInteger(first) || first < 1 || first > maxHistory)
      throw new BadInput(['first'], `first: must be a whole number from 1 to ${maxHistory}.`);
    const recordId = parseId('id', id);
    const metadata = await ctx.services.metadataCache.require(
      ctx.em,
      access.workspaceId,
      access.caller.workspace?.metadataVersion,
    );
    const target = metadata.objects.find((o) => o.key === object && !o.archivedAt);
    if (!target) throw new BadInput(['object'], `No object “${object.slice(0, 70)}” in this workspace.`);
    const rows = await readRecordHistory(ctx.em, metadata.schema, target.id, recordId, first);
    const gate = ctx.services.changeEventAccess.forSubscriber(
      access.workspaceId,
      access.caller.user.id,
      access.role,
    );
    // A raw query hands timestamps over as text.
    const events = rows.map((row) => toChangeEvent({ ...row, created_at: new Date(row.created_at) }));
    const seen = gate ? (await Promise.all(events.map(gate))).filter((e) => e !== null) : events;
    return seen.map(toRecordChangeEvent);
  }

  @Subscription(() => MetadataChangeEventType, {
    description: 'Objects or fields of the current workspace changed; the typed schema changed with them.',
    subscribe: ({ context }) => {
      const ctx = context as RealtimeContext;
      const access = requirePermission(ctx, 'records.read');
      return ctx.services.events.subscribe('workspace.metadata', access.workspaceId);
    },
  })
  async metadataChanged(
    @Root() _event: { workspaceId: string },
    @Ctx() ctx: RealtimeContext,
  ): Promise<MetadataChangeEventType> {
    const access = requirePermission(ctx, 'records.read');
    // The version read now: the socket's caller holds the one of the subscription's start.
    const metadata = await ctx.services.metadataCache.require(ctx.em.fork(), access.workspaceId);
    return { version: metadata.version };
  }
}
