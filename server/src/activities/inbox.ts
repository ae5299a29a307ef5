import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  BadInput,
  caughtUp,
  decodeTimeCursor,
  encodeTimeCursor,
  writtenSince,
  type EventBus,
} from '../platform/index.js';
import { emailChannel } from './email-channel.js';
import { channelsOf, type ChannelSettings, type NotificationKind } from './settings.js';

import type { NotificationAdded } from './topics.js';

export type { NotificationKind } from './settings.js';

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
  /** Who caused it (the commenter, the assigner); null for reminders. */
  actorId: string | null;
  /** The actor's name, read with the notification (not stored). */
  actorName: string | null;
  /** The start of the comment (mentions, comments); the USER field's label (assignments). */
  excerpt: string;
  createdAt: Date;
  readAt: Date | null;
}

export type NewNotification = Omit<
  Notification,
  'id' | 'createdAt' | 'readAt' | 'actorId' | 'actorName' | 'excerpt'
> & {
  actorId?: string | null;
  excerpt?: string;
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
  actor_id: string | null;
  actor_name?: string | null;
  excerpt: string;
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
    actorId: row.actor_id,
    actorName: row.actor_name ?? null,
    excerpt: row.excerpt,
    createdAt: new Date(row.created_at),
    readAt: row.read_at === null ? null : new Date(row.read_at),
  };
}

export function inboxTopic(inbox: Inbox): string {
  return `${inbox.workspaceId}:${inbox.userId}`;
}

/**
 * A way a notification reaches its member: the inbox, or e-mail (queued in the mail outbox). Runs in the transaction of what caused the notifications,
 * with only the entries whose members turned this channel on for the kind.
 */
export interface NotificationChannel {
  /** The member's setting that turns this channel on. */
  readonly setting: keyof ChannelSettings;
  /** Delivers or queues them; returns the inbox entries added, to announce after commit. */
  deliver(em: Pick<EntityManager, 'execute'>, entries: NewNotification[]): Promise<Notification[]>;
}

/**
 * The inbox as a channel: each entry once per dedupe key, so a job run again adds nothing.
 * One statement for all entries (a bulk write's assignments, a batch of automation runs').
 */
export const inAppChannel: NotificationChannel = {
  setting: 'inApp',
  deliver: async (em, entries) => {
    if (!entries.length) return [];
    const rows = entries.map((entry) => ({
      id: randomUUID(),
      workspace_id: entry.workspaceId,
      user_id: entry.userId,
      kind: entry.kind,
      object_id: entry.objectId,
      record_id: entry.recordId,
      label: entry.label,
      due_at: entry.dueAt?.toISOString() ?? null,
      late: entry.late,
      dedupe_key: entry.dedupeKey,
      actor_id: entry.actorId ?? null,
      excerpt: entry.excerpt ?? '',
    }));
    const added = await em.execute<NotificationRow[]>(
      `insert into notification (id, workspace_id, user_id, kind, object_id, record_id, label, due_at, late,
         dedupe_key, actor_id, excerpt)
       select id, workspace_id, user_id, kind, object_id, record_id, label, due_at, late, dedupe_key, actor_id, excerpt
       from rows from (jsonb_to_recordset(?::jsonb) as (id uuid, workspace_id uuid, user_id uuid, kind text,
         object_id uuid, record_id uuid, label text, due_at timestamptz, late boolean, dedupe_key text,
         actor_id uuid, excerpt text)) with ordinality as n
       order by n.ordinality
       on conflict (workspace_id, user_id, dedupe_key) do nothing returning *`,
      [JSON.stringify(rows)],
    );
    // In the entries' order (RETURNING does not promise one).
    const order = new Map<string, number>(rows.map((row, i) => [row.id, i]));
    return added.sort((a, b) => order.get(a.id)! - order.get(b.id)!).map(toNotification);
  },
};

/** Every channel: the inbox, and e-mail (email-channel.ts) for the kinds a member chose. */
export const notificationChannels: readonly NotificationChannel[] = [inAppChannel, emailChannel];

/**
 * Sends notifications through the channels each member chose for its kind (a kind turned
 * off in-app adds nothing to the inbox) and returns the inbox entries that are new.
 */
export async function addNotifications(
  em: Pick<EntityManager, 'execute'>,
  entries: NewNotification[],
  channels: readonly NotificationChannel[] = notificationChannels,
): Promise<Notification[]> {
  const added: Notification[] = [];
  const groups = new Map<string, NewNotification[]>();
  for (const entry of entries) {
    const key = `${entry.workspaceId}|${entry.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  for (const ofKind of groups.values()) {
    const { workspaceId, kind } = ofKind[0]!;
    const wanted = await channelsOf(em, workspaceId, kind, [...new Set(ofKind.map((e) => e.userId))]);
    for (const channel of channels) {
      const chosen = ofKind.filter((e) => wanted.get(e.userId)?.[channel.setting]);
      if (chosen.length) added.push(...(await channel.deliver(em, chosen)));
    }
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

/**
 * The member's notifications as they are added; with `since` (a snapshot, a `changeCursor`),
 * first those added after it, oldest first, since the bus keeps nothing for a subscriber to come.
 */
export function watchInbox(
  events: EventBus,
  em: Pick<EntityManager, 'execute'>,
  inbox: Inbox,
  since: string | null,
): AsyncIterable<NotificationAdded> {
  const live = events.subscribe('inbox.notifications', inboxTopic(inbox));
  if (!since) return live;
  const missed = async () =>
    (
      await em.execute<{ id: string }[]>(
        `select id from notification where workspace_id = ? and user_id = ? and ${writtenSince('created_xid')}
         order by created_at, id`,
        [inbox.workspaceId, inbox.userId, since],
      )
    ).map((row) => ({ notificationId: row.id }));
  return caughtUp(missed, live);
}

const selectNotifications = `select n.*, u.name as actor_name
  from notification n left join app_user u on u.id = n.actor_id`;

export async function getNotification(
  em: EntityManager,
  inbox: Inbox,
  id: string,
): Promise<Notification | undefined> {
  const [row] = await em.execute<NotificationRow[]>(
    `${selectNotifications} where n.id = ? and n.workspace_id = ? and n.user_id = ?`,
    [id, inbox.workspaceId, inbox.userId],
  );
  return row && toNotification(row);
}

/** The notifications of these members with these dedupe keys: what a committed write added. */
export async function notificationsByDedupeKey(
  em: Pick<EntityManager, 'execute'>,
  workspaceId: string,
  keys: readonly { userId: string; dedupeKey: string }[],
): Promise<Notification[]> {
  if (!keys.length) return [];
  const rows = await em.execute<NotificationRow[]>(
    `select n.* from notification n
       join jsonb_to_recordset(?::jsonb) as k (user_id uuid, dedupe_key text)
         on n.user_id = k.user_id and n.dedupe_key = k.dedupe_key
     where n.workspace_id = ?`,
    [JSON.stringify(keys.map((k) => ({ user_id: k.userId, dedupe_key: k.dedupeKey }))), workspaceId],
  );
  return rows.map(toNotification);
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
  const cursor = args.after ? decodeTimeCursor(args.after) : null;
  const rows = await em.execute<NotificationRow[]>(
    `${selectNotifications} where n.workspace_id = ? and n.user_id = ?
       ${args.unreadOnly ? 'and n.read_at is null' : ''}
       ${cursor ? 'and (n.created_at, n.id) < (?::timestamptz, ?::uuid)' : ''}
     order by n.created_at desc, n.id desc limit ?`,
    [inbox.workspaceId, inbox.userId, ...(cursor ? [cursor.at, cursor.id] : []), args.first + 1],
  );
  const nodes = rows.slice(0, args.first).map(toNotification);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    hasNextPage: rows.length > args.first,
    endCursor: last ? encodeTimeCursor(last.createdAt, last.id) : null,
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
