import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@InputType('AuditLogFilter')
export class AuditLogFilterInput {
  @Field(() => String, {
    nullable: true,
    description: 'An action code (auth.sign_in), or a prefix ending with a dot (member.).',
  })
  action?: string | null;
  @Field(() => ID, { nullable: true, description: 'A member’s user id.' }) actor?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'From this time on (inclusive).' })
  since?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Before this time.' }) until?: Date | null;
  @Field(() => ID, { nullable: true, description: 'Entries about this record, member or token.' })
  recordId?: string | null;
}

@ObjectType('AuditActor', { description: 'Who acted, named as they were then.' })
export class AuditActorType {
  @Field(() => ID, { nullable: true }) userId!: string | null;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => ID, { nullable: true, description: 'The API token used, for API calls.' })
  tokenId!: string | null;
  @Field(() => String, { nullable: true }) tokenName!: string | null;
}

@ObjectType('AuditEntry', { description: 'One audited action.' })
export class AuditEntryType {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeResolver) at!: Date;
  @Field(() => String, { description: 'The action’s code, such as record.deleted.' }) action!: string;
  @Field(() => AuditActorType) actor!: AuditActorType;
  @Field(() => String, { nullable: true, description: 'The client’s IP address.' }) address!: string | null;
  @Field(() => String, { nullable: true }) userAgent!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'What the targets are: an object’s key for records, else member, api_token, template, report…',
  })
  objectKey!: string | null;
  @Field(() => [String]) targetIds!: string[];
  @Field(() => [String], { description: 'The targets’ names at the time, in the order of targetIds.' })
  targetNames!: string[];
  @Field(() => JSONObjectResolver) details!: Record<string, unknown>;
}

@ObjectType('AuditLogPage')
export class AuditLogPageType {
  @Field(() => [AuditEntryType]) nodes!: AuditEntryType[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

@ObjectType('AuditRetention')
export class AuditRetentionType {
  @Field(() => Int, { description: 'Entries older than this many days are purged daily.' }) days!: number;
  @Field(() => Boolean, { description: 'Whether the workspace set its own (else the server’s default).' })
  overridden!: boolean;
  @Field(() => Int, { description: 'The server’s default (AUDIT_RETENTION_DAYS).' }) serverDefault!: number;
}
