import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum WebhookEventEnum {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
  RESTORE = 'RESTORE',
}
registerEnumType(WebhookEventEnum, {
  name: 'WebhookEvent',
  description: 'A record event a webhook hears of.',
});

export enum WebhookDeliveryStatusEnum {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  RETRYING = 'RETRYING',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatusEnum, { name: 'WebhookDeliveryStatus' });

@ObjectType('Webhook', { description: 'An outgoing webhook: record events POSTed, signed, to a URL.' })
export class WebhookType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) url!: string;
  @Field(() => [String], { description: 'Empty: every object.' }) objectKeys!: string[];
  @Field(() => [WebhookEventEnum], { description: 'Empty: every event.' }) events!: WebhookEventEnum[];
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => String, {
    nullable: true,
    description: 'Where its delivery cursor stands: changes up to this id have their deliveries.',
  })
  lastChangeId!: string | null;
}

@ObjectType('WebhookCreated', { description: 'A webhook with its secret, shown this once.' })
export class WebhookCreatedType {
  @Field(() => WebhookType) webhook!: WebhookType;
  @Field(() => String, { description: 'Verifies `X-CRM-Signature`; not shown again.' }) secret!: string;
}

@ObjectType('WebhookDelivery', { description: 'One change sent to one webhook, with its latest attempt.' })
export class WebhookDeliveryType {
  @Field(() => ID) id!: string;
  @Field(() => ID) webhookId!: string;
  @Field(() => String) changeId!: string;
  @Field(() => WebhookEventEnum) event!: WebhookEventEnum;
  @Field(() => String) objectKey!: string;
  @Field(() => ID) recordId!: string;
  @Field(() => WebhookDeliveryStatusEnum) status!: WebhookDeliveryStatusEnum;
  @Field(() => Int) attempts!: number;
  @Field(() => Int, { nullable: true }) responseStatus!: number | null;
  @Field(() => String, { nullable: true, description: 'The first 2 KB of the answer.' })
  responseBody!: string | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) nextAttemptAt!: Date | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) deliveredAt!: Date | null;
}

@ObjectType('WebhookDeliveryPage', { description: 'A page of a webhook’s deliveries, newest first.' })
export class WebhookDeliveryPageType {
  @Field(() => [WebhookDeliveryType]) nodes!: WebhookDeliveryType[];
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}

@InputType('WebhookInput')
export class WebhookInput {
  @Field(() => String) name!: string;
  @Field(() => String, {
    description: 'http(s); public addresses only unless the server allows private ones.',
  })
  url!: string;
  @Field(() => [String], { nullable: true, description: 'Object keys; empty or absent: every object.' })
  objectKeys?: string[] | null;
  @Field(() => [WebhookEventEnum], { nullable: true, description: 'Empty or absent: every event.' })
  events?: WebhookEventEnum[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Default true.' }) enabled?: boolean | null;
}
