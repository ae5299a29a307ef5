import { gql, type TypedDocumentNode } from '@apollo/client/core';

export interface Notification {
  id: string;
  kind: NotificationKind;
  object: string;
  recordId: string;
  label: string;
  dueAt: string | null;
  late: boolean;
  actorName: string | null;
  excerpt: string;
  createdAt: string;
  readAt: string | null;
}

export type NotificationKind = 'REMINDER' | 'MENTION' | 'COMMENT' | 'ASSIGNMENT' | 'AUTOMATION' | 'MATCH';

export interface NotificationPage {
  nodes: Notification[];
  hasNextPage: boolean;
  endCursor: string | null;
  unreadCount: number;
}

const fields = `
  id
  kind
  object
  recordId
  label
  dueAt
  late
  actorName
  excerpt
  createdAt
  readAt
`;

export const NOTIFICATIONS_QUERY: TypedDocumentNode<
  { notifications: NotificationPage; inboxCursor: string },
  { first: number }
> = gql`
  query Notifications($first: Int!) {
    notifications(first: $first) {
      nodes { ${fields} }
      hasNextPage
      endCursor
      unreadCount
    }
    inboxCursor: changeCursor
  }
`;

export const NOTIFICATION_ADDED: TypedDocumentNode<
  { notificationAdded: Notification },
  { after: string | null }
> = gql`
  subscription NotificationAdded($after: String) {
    notificationAdded(after: $after) { ${fields} }
  }
`;

export const MARK_NOTIFICATIONS_READ: TypedDocumentNode<
  { markNotificationsRead: number },
  { ids?: string[]; all?: boolean }
> = gql`
  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all)
  }
`;

export interface NotificationSetting {
  kind: NotificationKind;
  inApp: boolean;
  email: boolean;
}

export const NOTIFICATION_SETTINGS: TypedDocumentNode<
  { notificationSettings: NotificationSetting[] },
  Record<string, never>
> = gql`
  query NotificationSettings {
    notificationSettings {
      kind
      inApp
      email
    }
  }
`;

export const SET_NOTIFICATION_SETTINGS: TypedDocumentNode<
  { setNotificationSettings: NotificationSetting[] },
  { settings: NotificationSetting[] }
> = gql`
  mutation SetNotificationSettings($settings: [NotificationSettingInput!]!) {
    setNotificationSettings(settings: $settings) {
      kind
      inApp
      email
    }
  }
`;

/** The hour (0–23, in the user's time zone) of the daily e-mail digest; null: none. */
export const NOTIFICATION_DIGEST: TypedDocumentNode<
  { notificationDigest: number | null },
  Record<string, never>
> = gql`
  query NotificationDigest {
    notificationDigest
  }
`;

export const SET_NOTIFICATION_DIGEST: TypedDocumentNode<
  { setNotificationDigest: number | null },
  { hour: number | null }
> = gql`
  mutation SetNotificationDigest($hour: Int) {
    setNotificationDigest(hour: $hour)
  }
`;
