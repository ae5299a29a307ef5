import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum NotificationKindEnum {
  REMINDER = 'REMINDER',
  MENTION = 'MENTION',
  COMMENT = 'COMMENT',
  ASSIGNMENT = 'ASSIGNMENT',
  AUTOMATION = 'AUTOMATION',
  MATCH = 'MATCH',
}
registerEnumType(NotificationKindEnum, {
  name: 'NotificationKind',
  description: 'Why a notification was sent.',
});

@ObjectType('Notification', { description: 'One entry of your inbox in this workspace, naming its record.' })
export class NotificationType {
  @Field(() => ID) id!: string;
  @Field(() => NotificationKindEnum) kind!: NotificationKindEnum;
  @Field(() => String, { description: 'The record’s object key.' }) object!: string;
  @Field(() => ID) recordId!: string;
  @Field(() => String, { description: 'The record’s label when the notification was sent.' }) label!: string;
  @Field(() => DateTimeResolver, { nullable: true, description: 'REMINDER: when it was due.' })
  dueAt!: Date | null;
  @Field(() => Boolean, {
    description: 'Sent well after it was due (the server was down, or the queue behind).',
  })
  late!: boolean;
  @Field(() => ID, {
    nullable: true,
    description: 'Who caused it (commenter, assigner); null for reminders.',
  })
  actorId!: string | null;
  @Field(() => String, { nullable: true, description: 'The actor’s name.' }) actorName!: string | null;
  @Field(() => String, {
    description:
      'MENTION, COMMENT: the start of the comment (mentions as @Name); ASSIGNMENT: the field’s label.',
  })
  excerpt!: string;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) readAt!: Date | null;
}

@ObjectType('NotificationPage', { description: 'A page of your inbox, newest first.' })
export class NotificationPageType {
  @Field(() => [NotificationType]) nodes!: NotificationType[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
  @Field(() => Int, { description: 'Unread notifications in your whole inbox.' }) unreadCount!: number;
}

@ObjectType('ReminderRule', { description: 'A reminder on a DATE or DATETIME field.' })
export class ReminderRuleType {
  @Field(() => ID) id!: string;
  @Field(() => String) object!: string;
  @Field(() => String) field!: string;
  @Field(() => Int, { description: 'Minutes before the field’s moment (for a DATE, its timeOfDay).' })
  minutesBefore!: number;
  @Field(() => String, {
    nullable: true,
    description: 'HH:MM in each recipient’s time zone: on the DATE, or on the day of the DATETIME.',
  })
  timeOfDay!: string | null;
  @Field(() => [String], { description: 'USER fields whose members are reminded.' }) recipients!: string[];
  @Field(() => String, { nullable: true }) doneField!: string | null;
  @Field(() => [String], { description: 'While doneField holds one of these, no reminder.' })
  doneValues!: string[];
}

@InputType('ReminderRuleInput', { description: 'One reminder of a field.' })
export class ReminderRuleInputType {
  @Field(() => Int, { nullable: true, description: `Minutes before the moment, 0 (default) to 527040.` })
  minutesBefore?: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      'HH:MM in each recipient’s own time zone (UTC if they have none): required for DATE fields; on a DATETIME, the reminder is at that time on the moment’s day (e.g. 09:00 on the day a task is due).',
  })
  timeOfDay?: string | null;
  @Field(() => [String], { description: 'Keys of USER fields of the object (e.g. assignee, owner).' })
  recipients!: string[];
  @Field(() => String, {
    nullable: true,
    description: 'A SELECT or STAGE field that says the record is done.',
  })
  doneField?: string | null;
  @Field(() => [String], { nullable: true, description: 'Its values that mean done: no reminder then.' })
  doneValues?: string[] | null;
}

@ObjectType('NotificationSetting', { description: 'Where notifications of one kind go, for you.' })
export class NotificationSettingType {
  @Field(() => NotificationKindEnum) kind!: NotificationKindEnum;
  @Field(() => Boolean, { description: 'To your inbox and bell. Off: none is created.' }) inApp!: boolean;
  @Field(() => Boolean, { description: 'By e-mail: stored now, sent once e-mail delivery arrives.' })
  email!: boolean;
}

@InputType('NotificationSettingInput')
export class NotificationSettingInputType {
  @Field(() => NotificationKindEnum) kind!: NotificationKindEnum;
  @Field(() => Boolean) inApp!: boolean;
  @Field(() => Boolean) email!: boolean;
}
