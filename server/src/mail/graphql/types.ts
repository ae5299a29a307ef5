import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum MailStatusEnum {
  QUEUED = 'QUEUED',
  SENDING = 'SENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
  BOUNCED = 'BOUNCED',
  SUPPRESSED = 'SUPPRESSED',
}
registerEnumType(MailStatusEnum, {
  name: 'MailStatus',
  description:
    'QUEUED: waiting (see statusReason); SENDING; SENT: accepted by the mail server; FAILED: refused after the last attempt; BOUNCED: reported undeliverable later; SUPPRESSED: not sent, the address is on the workspace’s suppression list.',
});

@ObjectType('MailAttachment', {
  description: 'A file of the record a message was sent from, attached to it.',
})
export class MailAttachmentType {
  @Field(() => ID, {
    nullable: true,
    description: 'The file (see FileRef); null for a file made for the message (a scheduled report).',
  })
  fileId!: string | null;
  @Field(() => String) name!: string;
  @Field(() => String) contentType!: string;
  @Field(() => Int, { description: 'Bytes.' }) size!: number;
}

@ObjectType('MailMessage', { description: 'One message of the workspace’s outbox (bodies are not listed).' })
export class MailMessageType {
  @Field(() => ID) id!: string;
  @Field(() => String) to!: string;
  @Field(() => String) subject!: string;
  @Field(() => MailStatusEnum) status!: MailStatusEnum;
  @Field(() => String, {
    nullable: true,
    description: 'Why it waits, the server’s refusal (FAILED), or the server’s answer (SENT).',
  })
  statusReason!: string | null;
  @Field(() => Int, { description: 'Attempts made to send it.' }) attempts!: number;
  @Field(() => String, { nullable: true, description: 'The Message-ID the server accepted.' })
  serverMessageId!: string | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) sentAt!: Date | null;
  @Field(() => [MailAttachmentType]) attachments!: MailAttachmentType[];
}

@ObjectType('MailOutboxPage', { description: 'A page of the outbox, newest first.' })
export class MailOutboxPageType {
  @Field(() => [MailMessageType]) nodes!: MailMessageType[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

@ObjectType('MailSettings', { description: 'How the workspace’s messages are signed.' })
export class MailSettingsType {
  @Field(() => String, { nullable: true, description: 'The sender’s name; the workspace’s name when null.' })
  senderName!: string | null;
  @Field(() => String, { nullable: true, description: 'Reply-To; none when null.' }) replyTo!: string | null;
  @Field(() => String, { description: 'The address mail is sent from (MAIL_FROM).' }) fromAddress!: string;
  @Field(() => Boolean, { description: 'Whether a mail server is configured (SMTP_URL).' })
  serverConfigured!: boolean;
}

@InputType('MailSettingsInput')
export class MailSettingsInput {
  @Field(() => String, { nullable: true }) senderName?: string | null;
  @Field(() => String, { nullable: true }) replyTo?: string | null;
}
