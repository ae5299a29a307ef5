import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum MailboxSecurityEnum {
  TLS = 'TLS',
  STARTTLS = 'STARTTLS',
  NONE = 'NONE',
}
registerEnumType(MailboxSecurityEnum, {
  name: 'MailboxSecurity',
  description:
    'TLS from the start (port 993), STARTTLS required (port 143), or NONE: cleartext, for a local server only.',
});

export enum InboundViaEnum {
  IMAP = 'IMAP',
  HTTP = 'HTTP',
}
registerEnumType(InboundViaEnum, {
  name: 'InboundVia',
  description: 'IMAP: read from the connected mailbox; HTTP: posted to /mail/inbound.',
});

@ObjectType('Mailbox', {
  description: 'The workspace’s connected IMAP mailbox and how its reading goes (never the password).',
})
export class MailboxType {
  @Field(() => String) host!: string;
  @Field(() => Int) port!: number;
  @Field(() => MailboxSecurityEnum) security!: MailboxSecurityEnum;
  @Field(() => String) username!: string;
  @Field(() => String) folder!: string;
  @Field(() => String, { nullable: true, description: 'The object an unknown sender becomes a record of.' })
  createObjectKey!: string | null;
  @Field(() => DateTimeResolver) connectedAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: 'The last read that worked.' })
  lastSyncAt!: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why the last read or test failed; null when it worked.',
  })
  lastError!: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) lastErrorAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The folder’s UIDVALIDITY at the last read.' })
  uidValidity!: string | null;
  @Field(() => String, { description: 'The UID read last (a string: UIDs are 32-bit unsigned).' })
  lastUid!: string;
}

@ObjectType('InboundMailSettings', { description: 'Where the workspace receives mail.' })
export class InboundMailSettingsType {
  @Field(() => String, {
    nullable: true,
    description: '`<workspace>+<token>@<INBOUND_DOMAIN>` to BCC or forward to; null without INBOUND_DOMAIN.',
  })
  forwardingAddress!: string | null;
  @Field(() => Boolean, {
    description: 'Whether the server can store a mailbox password (MAIL_SECRET_KEY set).',
  })
  canConnectMailbox!: boolean;
  @Field(() => MailboxType, { nullable: true }) mailbox!: MailboxType | null;
}

@ObjectType('InboundRecordLink', { description: 'A record a received message was logged on.' })
export class InboundRecordLinkType {
  @Field(() => String, { description: 'The object’s key.' }) object!: string;
  @Field(() => ID) recordId!: string;
  @Field(() => Boolean, { description: 'Made for this message’s unknown sender.' }) created!: boolean;
}

@ObjectType('InboundMessage', { description: 'A received message (attachments are not kept).' })
export class InboundMessageType {
  @Field(() => ID) id!: string;
  @Field(() => String) messageId!: string;
  @Field(() => InboundViaEnum) via!: InboundViaEnum;
  @Field(() => String, { nullable: true }) fromAddress!: string | null;
  @Field(() => String, { nullable: true }) fromName!: string | null;
  @Field(() => [String]) to!: string[];
  @Field(() => [String]) cc!: string[];
  @Field(() => String) subject!: string;
  @Field(() => String, {
    description: 'The plain-text body (made from the HTML part when there is no text part).',
  })
  text!: string;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Its Date header.' }) sentAt!: Date | null;
  @Field(() => DateTimeResolver) receivedAt!: Date;
  @Field(() => ID, { nullable: true, description: 'The outbox message (mailOutbox) it answers.' })
  replyToMailId!: string | null;
  @Field(() => [InboundRecordLinkType]) records!: InboundRecordLinkType[];
}

@ObjectType('InboundMessagePage', { description: 'A page of received messages, newest first.' })
export class InboundMessagePageType {
  @Field(() => [InboundMessageType]) nodes!: InboundMessageType[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

@InputType('MailboxInput')
export class MailboxInput {
  @Field(() => String) host!: string;
  @Field(() => Int, { description: '993 for TLS, 143 for STARTTLS.' }) port!: number;
  @Field(() => MailboxSecurityEnum) security!: MailboxSecurityEnum;
  @Field(() => String) username!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Omit to keep the stored one when changing other settings.',
  })
  password?: string | null;
  @Field(() => String, { nullable: true, description: 'INBOX when omitted.' }) folder?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'An object key (person, lead…): unknown senders become one.',
  })
  createObjectKey?: string | null;
}
