import { gql, type TypedDocumentNode } from '@apollo/client/core';

export interface Notification {
  id: string;
  kind: 'REMINDER';
  object: string;
  recordId: string;
  label: string;
  dueAt: string | null;
  late: boolean;
  createdAt: string;
  readAt: string | null;
}

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
  createdAt
  readAt
`;

export const NOTIFICATIONS_QUERY: TypedDocumentNode<{ notifications: NotificationPage }, { first: number }> =
  gql`
  query Notifications($first: Int!) {
    notifications(first: $first) {
      nodes { ${fields} }
      hasNextPage
      endCursor
      unreadCount
    }
  }
`;

export const NOTIFICATION_ADDED: TypedDocumentNode<
  { notificationAdded: Notification },
  Record<string, never>
> = gql`
  subscription NotificationAdded {
    notificationAdded { ${fields} }
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
