import { JSONResolver } from 'graphql-scalars';
import { Field, Float, InputType, Int } from 'type-graphql';
import { ViewTypeEnum } from './types.js';

@InputType()
export class ViewFieldInput {
  @Field(() => String) key!: string;
  @Field(() => Int, { nullable: true, description: 'Pixels, 20–2000.' }) width?: number | null;
}

@InputType()
export class CreateViewInput {
  @Field(() => String, { description: 'The object’s key.' }) object!: string;
  @Field(() => String, { description: '1–100 characters.' }) name!: string;
  @Field(() => ViewTypeEnum) type!: ViewTypeEnum;
  @Field(() => Boolean, { nullable: true, description: 'Default false (private); sharing takes a member.' })
  shared?: boolean | null;
  @Field(() => JSONResolver, { nullable: true, description: 'A record filter, checked against the object.' })
  filter?: unknown;
  @Field(() => JSONResolver, { nullable: true, description: 'A list of {field, direction, nulls}.' })
  sort?: unknown;
  @Field(() => [ViewFieldInput], { nullable: true, description: 'Default: the object’s fields in order.' })
  fields?: ViewFieldInput[] | null;
  @Field(() => String, { nullable: true, description: 'Required for BOARD: a SELECT or STAGE field.' })
  groupByField?: string | null;
  @Field(() => String, { nullable: true, description: 'Required for CALENDAR: a DATE or DATETIME field.' })
  calendarField?: string | null;
  @Field(() => Int, { nullable: true, description: '1–500, default 50.' }) pageSize?: number | null;
  @Field(() => Float, { nullable: true, description: 'Default: after the object’s other views.' })
  position?: number | null;
}

@InputType({
  description: 'Only what is given changes; null clears filter, sort, groupByField and calendarField.',
})
export class UpdateViewInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => ViewTypeEnum, { nullable: true }) type?: ViewTypeEnum | null;
  @Field(() => Boolean, { nullable: true }) shared?: boolean | null;
  @Field(() => JSONResolver, { nullable: true }) filter?: unknown;
  @Field(() => JSONResolver, { nullable: true }) sort?: unknown;
  @Field(() => [ViewFieldInput], { nullable: true }) fields?: ViewFieldInput[] | null;
  @Field(() => String, { nullable: true }) groupByField?: string | null;
  @Field(() => String, { nullable: true }) calendarField?: string | null;
  @Field(() => Int, { nullable: true }) pageSize?: number | null;
  @Field(() => Float, { nullable: true }) position?: number | null;
}
