import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CampaignStatusEnum {
  SCHEDULED = 'SCHEDULED',
  QUEUEING = 'QUEUEING',
  SENDING = 'SENDING',
  DONE = 'DONE',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(CampaignStatusEnum, {
  name: 'CampaignStatus',
  description:
    'SCHEDULED: waiting for scheduledAt; QUEUEING: its messages are being queued in the outbox; SENDING: queued, some not sent yet; DONE: every message sent, failed or skipped; FAILED: it could not start (statusReason); CANCELLED.',
});

export enum CampaignRecipientStatusEnum {
  QUEUED = 'QUEUED',
  SENT = 'SENT',
  FAILED = 'FAILED',
  BOUNCED = 'BOUNCED',
  UNSUBSCRIBED = 'UNSUBSCRIBED',
  SUPPRESSED = 'SUPPRESSED',
  NO_ADDRESS = 'NO_ADDRESS',
  DUPLICATE = 'DUPLICATE',
}
registerEnumType(CampaignRecipientStatusEnum, {
  name: 'CampaignRecipientStatus',
  description:
    'QUEUED: waiting (throttled or retrying); SENT; FAILED: refused after the last attempt; BOUNCED: refused for good by the recipient’s server (at sending, or a bounce report came back); UNSUBSCRIBED: followed the link after it was sent; SUPPRESSED: on the suppression list, not sent; NO_ADDRESS: the record has no address; DUPLICATE: an earlier record has the same address.',
});

export enum CampaignThrottleUnit {
  SECOND = 'SECOND',
  MINUTE = 'MINUTE',
}
registerEnumType(CampaignThrottleUnit, { name: 'CampaignThrottleUnit' });

export enum SuppressionReasonEnum {
  UNSUBSCRIBED = 'UNSUBSCRIBED',
  ADMIN = 'ADMIN',
  BOUNCED = 'BOUNCED',
}
registerEnumType(SuppressionReasonEnum, {
  name: 'SuppressionReason',
  description:
    'UNSUBSCRIBED: the address’s owner followed an unsubscribe link; ADMIN: an admin added it; BOUNCED: mail to it bounced for good (a 5.x.x answer or bounce report).',
});

@ObjectType('CampaignThrottle', { description: 'At most `messages` per `per`.' })
export class CampaignThrottleType {
  @Field(() => Int) messages!: number;
  @Field(() => CampaignThrottleUnit) per!: CampaignThrottleUnit;
}

@InputType('CampaignThrottleInput')
export class CampaignThrottleInput {
  @Field(() => Int, { description: '1–100,000.' }) messages!: number;
  @Field(() => CampaignThrottleUnit) per!: CampaignThrottleUnit;
}

@ObjectType('CampaignCounts', { description: 'Recipients by status (opens are not tracked).' })
export class CampaignCountsType {
  @Field(() => Int) recipients!: number;
  @Field(() => Int) queued!: number;
  @Field(() => Int, { description: 'Sent, including those who unsubscribed afterwards.' }) sent!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int) bounced!: number;
  @Field(() => Int) unsubscribed!: number;
  @Field(() => Int) suppressed!: number;
  @Field(() => Int) noAddress!: number;
  @Field(() => Int) duplicate!: number;
}

@ObjectType('CampaignRecipient')
export class CampaignRecipientType {
  @Field(() => ID) recordId!: string;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => CampaignRecipientStatusEnum) status!: CampaignRecipientStatusEnum;
  @Field(() => String, { nullable: true, description: 'The outbox’s reason: why it waits, or the refusal.' })
  statusReason!: string | null;
  @Field(() => ID, { nullable: true, description: 'Its message in the outbox.' }) messageId!: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) sentAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) unsubscribedAt!: Date | null;
}

@ObjectType('CampaignRecipientPage')
export class CampaignRecipientPageType {
  @Field(() => [CampaignRecipientType]) nodes!: CampaignRecipientType[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

@ObjectType('Campaign', { description: 'Mail to the records of a saved view.' })
export class CampaignType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => ID, { nullable: true, description: 'The audience; null once the view is deleted.' })
  viewId!: string | null;
  @Field(() => ID, { nullable: true, description: 'Its e-mail template; null: subject and text.' })
  templateId!: string | null;
  @Field(() => String, { description: 'Empty with a template.' }) subject!: string;
  @Field(() => String, { description: 'Empty with a template.' }) text!: string;
  @Field(() => CampaignStatusEnum) status!: CampaignStatusEnum;
  @Field(() => String, { nullable: true }) statusReason!: string | null;
  @Field(() => DateTimeResolver) scheduledAt!: Date;
  @Field(() => CampaignThrottleType, { nullable: true, description: 'Null: as fast as the outbox sends.' })
  throttle!: CampaignThrottleType | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) startedAt!: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When its last message was queued.' })
  queuedAt!: Date | null;
  @Field(() => CampaignCountsType) counts!: CampaignCountsType;
}

@InputType('CampaignInput')
export class CampaignInput {
  @Field(() => String) name!: string;
  @Field(() => ID, { description: 'A saved view: its records now are the audience when it starts.' })
  viewId!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The e-mail field to send to; the object’s first one.',
  })
  emailField?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'An e-mail template for the view’s object: each message rendered for its record.',
  })
  templateId?: string | null;
  @Field(() => String, { nullable: true, description: 'Without a template: the subject.' })
  subject?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Without a template: the plain-text body. An unsubscribe link is added below either.',
  })
  text?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When to start; null: now.' })
  scheduledAt?: Date | null;
  @Field(() => CampaignThrottleInput, { nullable: true }) throttle?: CampaignThrottleInput | null;
}

@ObjectType('SuppressedAddress', { description: 'An address no mail of the workspace is sent to.' })
export class SuppressedAddressType {
  @Field(() => String) address!: string;
  @Field(() => SuppressionReasonEnum) reason!: SuppressionReasonEnum;
  @Field(() => ID, { nullable: true, description: 'The campaign whose link was followed.' })
  campaignId!: string | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
}

@ObjectType('SuppressedAddressPage')
export class SuppressedAddressPageType {
  @Field(() => [SuppressedAddressType]) nodes!: SuppressedAddressType[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}
