import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadInput, type EventBus } from '../platform/index.js';

export type NotificationKind = 'REMINDER';

/** One entry of a member's inbox, naming its record. */
export interface Notification {
  id: string;
  workspaceId: string;
  userId: string;
  kind: NotificationKind;
  objectId: string;
  recordId: string;
  label: string;
  dueAt: Date | null;
  late: boolean;
  createdAt: Date;
  readAt: Date | null;
}

export type NewNotification = Omit<Notification, 'id' | 'createdAt' | 'readAt'> & {
  /** The same key twice for one member adds one notification: a job run again adds nothing. */
  dedupeKey: string;
};

/** A member's inbox in one workspace; nothing here reaches another member's. */
export interface Inbox {
  workspaceId: string;
  userId: string;
}

interface NotificationRow {
  id: string;
  workspace_id: string;
  user_id: string;
  kind: NotificationKind;
  object_id: string;
  record_id: string;
  label: string;
  // Raw queries hand timestamps over as text.
  due_at: Date | string | null;
  late: boolean;
  created_at: Date | string;
  read_at: Date | string | null;
}

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    kind: row.kind,
    objectId: row.object_id,
    recordId: row.record_id,
    label: row.label,
    dueAt: row.due_at === null ? null : new Date(row.due_at),
    late: row.late,
    createdAt: new Date(row.created_at),
    readAt: row.read_at === null ? null : new Date(row.read_at),
  };
}

export function inboxTopic(inbox: Inbox): string {
  return `${inbox.workspaceId}:${inbox.userId}`;
}

/** Adds notifications (each once per dedupe key) and returns those that are new. */
export async function addNotifications(
  em: EntityManager,
  entries: NewNotification[],
): Promise<Notification[]> {
  const added: Notification[] = [];
  for (const entry of entries) {
    const rows = await em.execute<NotificationRow[]>(
      `insert into notification (id, workspace_id, user_id, kind, object_id, record_id, label, due_at, late, dedupe_key)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (workspace_id, user_id, dedupe_key) do nothing returning *`,
      [
        randomUUID(),
        entry.workspaceId,
        entry.userId,
        entry.kind,
        entry.objectId,
        entry.recordId,
        entry.label,
        entry.dueAt?.toISOString() ?? null,
        entry.late,
        entry.dedupeKey,
      ],
    );
    if (rows[0]) added.push(toNotification(rows[0]));
  }
  return added;
}

/** Tells the member's open subscriptions, in any process; the inbox query has it anyway. */
export async function announce(events: EventBus, added: Notification[]): Promise<void> {
  for (const notification of added)
    await events.publish('inbox.notifications', inboxTopic(notification), {
      notificationId: notification.id,
    });
}

export async function getNotification(
  em: EntityManager,
  inbox: Inbox,
  id: string,
): Promise<Notification | undefined> {
  const [row] = await em.execute<NotificationRow[]>(
    'select * from notification where id = ? and workspace_id = ? and user_id = ?',
    [id, inbox.workspaceId, inbox.userId],
  );
  return row && toNotification(row);
}

export const maxPageSize = 100;

export interface InboxPage {
  nodes: Notification[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Newest first; `after` is a page's `endCursor`. */
export async function listNotifications(
  em: EntityManager,
  inbox: Inbox,
  args: { first: number; after: string | null; unreadOnly: boolean },
): Promise<InboxPage> {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > maxPageSize)
    throw new BadInput(['first'], `first: must be a whole number from 1 to ${maxPageSize}.`);
  const cursor = args.after ? parseCursor(args.after) : null;
  const rows = await em.execute<NotificationRow[]>(
    `select * from notification where workspace_id = ? and user_id = ?
       ${args.unreadOnly ? 'and read_at is null' : ''}
       ${cursor ? 'and (created_at, id) < (?::timestamptz, ?::uuid)' : ''}
     order by created_at desc, id desc limit ?`,
    [inbox.workspaceId, inbox.userId, ...(cursor ? [cursor.createdAt, cursor.id] : []), args.first + 1],
  );
  const nodes = rows.slice(0, args.first).map(toNotification);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    hasNextPage: rows.length > args.first,
    endCursor: last ? toCursor(last) : null,
  };
}

export async function countUnread(em: EntityManager, inbox: Inbox): Promise<number> {
  const [row] = await em.execute<{ n: string }[]>(
    'select count(*) as n from notification where workspace_id = ? and user_id = ? and read_at is null',
    [inbox.workspaceId, inbox.userId],
  );
  return Number(row?.n ?? 0);
}

/** Marks the member's own notifications read (others' ids are ignored); returns how many changed. */
export async function markRead(em: EntityManager, inbox: Inbox, ids: string[] | 'all'): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    `update notification set read_at = now() where workspace_id = ? and user_id = ? and read_at is null
       ${ids === 'all' ? '' : 'and id in (select jsonb_array_elements_text(?::jsonb)::uuid)'} returning id`,
    [inbox.workspaceId, inbox.userId, ...(ids === 'all' ? [] : [JSON.stringify(ids)])],
  );
  return rows.length;
}

function toCursor(notification: Notification): string {
  return Buffer.from(`${notification.createdAt.toISOString()}|${notification.id}`).toString('base64url');
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseCursor(after: string): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(after.slice(0, 200), 'base64url').toString().split('|');
  if (!createdAt || !id || !uuidPattern.test(id) || Number.isNaN(Date.parse(createdAt)))
    throw new BadInput(['after'], 'after: must be an endCursor from an earlier page.');
  return { createdAt, id };
}
