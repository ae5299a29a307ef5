import { gql, type TypedDocumentNode } from '@apollo/client/core';

// Inbound mail (docs/email.md "Inbound"): the admin screen's documents.

export type MailboxSecurity = 'TLS' | 'STARTTLS' | 'NONE';

export interface Mailbox {
  host: string;
  port: number;
  security: MailboxSecurity;
  username: string;
  folder: string;
  createObjectKey: string | null;
  connectedAt: string;
  lastSyncAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  lastUid: string;
}

export interface InboundMailSettings {
  forwardingAddress: string | null;
  canConnectMailbox: boolean;
  mailbox: Mailbox | null;
}

export interface MailboxInput {
  host: string;
  port: number;
  security: MailboxSecurity;
  username: string;
  password: string | null;
  folder: string | null;
  createObjectKey: string | null;
}

const mailboxFields = gql`
  fragment MailboxFields on Mailbox {
    host
    port
    security
    username
    folder
    createObjectKey
    connectedAt
    lastSyncAt
    lastError
    lastErrorAt
    lastUid
  }
`;

export const INBOUND_MAIL_SETTINGS: TypedDocumentNode<{ inboundMailSettings: InboundMailSettings }> = gql`
  query InboundMailSettings {
    inboundMailSettings {
      forwardingAddress
      canConnectMailbox
      mailbox {
        ...MailboxFields
      }
    }
  }
  ${mailboxFields}
`;

export const CONNECT_MAILBOX: TypedDocumentNode<{ connectMailbox: Mailbox }, { input: MailboxInput }> = gql`
  mutation ConnectMailbox($input: MailboxInput!) {
    connectMailbox(input: $input) {
      ...MailboxFields
    }
  }
  ${mailboxFields}
`;

export const TEST_MAILBOX: TypedDocumentNode<{ testMailbox: Mailbox }> = gql`
  mutation TestMailbox {
    testMailbox {
      ...MailboxFields
    }
  }
  ${mailboxFields}
`;

export const SYNC_MAILBOX: TypedDocumentNode<{ syncMailbox: Mailbox }> = gql`
  mutation SyncMailbox {
    syncMailbox {
      ...MailboxFields
    }
  }
  ${mailboxFields}
`;

export const DISCONNECT_MAILBOX: TypedDocumentNode<{ disconnectMailbox: boolean }> = gql`
  mutation DisconnectMailbox {
    disconnectMailbox
  }
`;

/** The usual port for each security mode, filled in when the admin picks one. */
export const defaultPorts: Record<MailboxSecurity, number> = { TLS: 993, STARTTLS: 143, NONE: 143 };
