import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('TimelineItem', { description: 'One entry of a record’s timeline.' })
export class TimelineItemType {
  @Field(() => ID, {
    description: 'Unique in the timeline; a live event with the same id replaces or merges into it.',
  })
  id!: string;
  @Field(() => String, {
    description:
      'FIELD_CHANGE, STAGE_MOVE, TASK, NOTE, or a kind a plugged-in source adds (see `timelineKinds`).',
  })
  kind!: string;
  @Field(() => DateTimeResolver) at!: Date;
  @Field(() => ID, { nullable: true }) actorId!: string | null;
  @Field(() => String, {
    description:
      'The object key of the record the item is about (the record itself, or a linked task or note).',
  })
  object!: string;
  @Field(() => ID) recordId!: string;
  @Field(() => JSONResolver, {
    description:
      'By kind — FIELD_CHANGE: {change, version, changedFields, values, previous}; STAGE_MOVE: {field, from, to}; TASK, NOTE: {values}.',
  })
  data!: Record<string, unknown>;
}

@ObjectType('TimelinePage', { description: 'A page of a record’s timeline, newest first.' })
export class TimelinePageType {
  @Field(() => [TimelineItemType]) nodes!: TimelineItemType[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

@ObjectType('TimelineEvent', {
  description: 'A timeline item added, changed (its data merges over the one held) or removed.',
})
export class TimelineEventType {
  @Field(() => TimelineItemType) item!: TimelineItemType;
  @Field(() => Boolean) removed!: boolean;
}
