import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserType } from '../../identity/index.js';

export enum ViewTypeEnum {
  TABLE = 'TABLE',
  BOARD = 'BOARD',
  CALENDAR = 'CALENDAR',
}
registerEnumType(ViewTypeEnum, {
  name: 'ViewType',
  description: 'A table of rows, a board of columns by a choice field, or a calendar by a date field.',
});

export enum ViewEventKindEnum {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}
registerEnumType(ViewEventKindEnum, {
  name: 'ViewEventKind',
  description: 'DELETED also when a view stops being visible to you (it was made private).',
});

@ObjectType('ViewField', { description: 'A visible field of a view, in display order.' })
export class ViewFieldType {
  @Field(() => String) key!: string;
  @Field(() => Int, { nullable: true, description: 'Pixels; null leaves it to the client.' })
  width!: number | null;
}

@ObjectType('View', { description: 'A saved way to look at an object’s records.' })
export class ViewObjectType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The object’s key.' }) object!: string;
  @Field(() => String, { description: 'In the caller’s language (a translation, else the default).' })
  name!: string;
  @Field(() => JSONResolver, { description: 'The name as admins edit it: `default` and one per language.' })
  labels!: Record<string, unknown>;
  @Field(() => ViewTypeEnum) type!: ViewTypeEnum;
  @Field(() => Boolean, { description: 'Shared with the workspace; otherwise only its owner sees it.' })
  shared!: boolean;
  @Field(() => UserType, { description: 'Who created it.' }) owner!: UserType;
  @Field(() => JSONResolver, { nullable: true, description: 'A record filter, as the list queries take it.' })
  filter!: unknown;
  @Field(() => JSONResolver, { nullable: true, description: 'A list of {field, direction, nulls}.' })
  sort!: unknown;
  @Field(() => [ViewFieldType], { description: 'Archived fields are left out.' }) fields!: ViewFieldType[];
  @Field(() => String, { nullable: true, description: 'BOARD: the SELECT or STAGE field of the columns.' })
  groupByField!: string | null;
  @Field(() => String, { nullable: true, description: 'CALENDAR: the DATE or DATETIME field.' })
  calendarField!: string | null;
  @Field(() => Int) pageSize!: number;
  @Field(() => Float) position!: number;
  @Field(() => Boolean, { description: 'Whether you may change or delete it.' }) editable!: boolean;
  @Field(() => [String], {
    description:
      'What no longer holds since fields changed (a filter on an archived field); empty when sound.',
  })
  problems!: string[];
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver) updatedAt!: Date;
}

@ObjectType('ViewEvent', { description: 'A view was created, changed or deleted.' })
export class ViewEventType {
  @Field(() => ViewEventKindEnum) kind!: ViewEventKindEnum;
  @Field(() => ID) viewId!: string;
  @Field(() => ViewObjectType, { nullable: true, description: 'The view now; null once it is gone for you.' })
  view!: ViewObjectType | null;
}
