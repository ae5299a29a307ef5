import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import { cancelJobs, scheduleJobs } from '../jobs/index.js';
import { queueMail } from '../mail/index.js';
import { BadInput } from '../platform/index.js';
import { notificationSummary } from './email-channel.js';
import type { Inbox } from './inbox.js';
import type { NotificationKind } from './settings.js';

export const digestTask = 'notifications.digest';
const digestKey = (inbox: Inbox) => `digest:${inbox.workspaceId}:${inbox.userId}`;
/** A digest lists at most this many notifications, and says how many more there are. */
const digestMaxEntries = 50;

type Executor = Pick<EntityManager, 'execute'>;

/** The member's digest hour (in their time zone), or null when they get none. */
export async function digestHour(em: Executor, inbox: Inbox): Promise<number | null> {
  const [row] = await em.execute<{ hour: number }[]>(
    'select hour from notification_digest where workspace_id = ? and user_id = ?',
    [inbox.workspaceId, inbox.userId],
  );
  return row?.hour ?? null;
}

/** Turns the daily digest on at `hour` of the member's day (its job scheduled), or off (null). */
export async function setDigest(
  em: EntityManager,
  inbox: Inbox,
  hour: number | null,
): Promise<number | null> {
  if (hour !== null && (!Number.isInteger(hour) || hour < 0 || hour > 23))
    throw new BadInput(['hour'], 'hour: a whole hour from 0 to 23, or null for no digest.');
  return em.transactional(async (tx) => {
    if (hour === null) {
      await tx.execute('delete from notification_digest where workspace_id = ? and user_id = ?', [
        inbox.workspaceId,
        inbox.userId,
      ]);
      await cancelJobs(tx, [digestKey(inbox)]);
      return null;
    }
    await tx.execute(
      `insert into notification_digest (workspace_id, user_id, hour, last_sent_at) values (?, ?, ?, now())
       on conflict (workspace_id, user_id) do update set hour = excluded.hour`,
      [inbox.workspaceId, inbox.userId, hour],
    );
    await scheduleNext(tx, inbox, hour);
    return hour;
  });
}

/** The next `hour`:00 in the member's zone (UTC without one) that is over a minute away. */
async function scheduleNext(em: Executor, inbox: Inbox, hour: number): Promise<void> {
  const [row] = await em.execute<{ at: Date | string }[]>(
    `with z as (select coalesce((select time_zone from app_user where id = ?), 'UTC') as zone),
          c as (select ((now() at time zone z.zone)::date + make_time(?, 0, 0)) at time zone z.zone as today, z.zone from z)
     select case when c.today > now() + interval '1 minute' then c.today
       else (((now() at time zone c.zone)::date + 1 + make_time(?, 0, 0)) at time zone c.zone) end as at from c`,
    [inbox.userId, hour, hour],
  );
  await scheduleJobs(em, [
    { task: digestTask, payload: { ...inbox }, runAt: new Date(row!.at), key: digestKey(inbox) },
  ]);
}

interface UnreadRow {
  kind: NotificationKind;
  label: string;
  excerpt: string;
  actor_name: string | null;
  created_at: Date | string;
}

/**
 * Sends one member's digest: one mail with the unread notifications added since the last one
 * (none: no mail), then schedules the next. Idempotent per day: the mail is keyed by the date.
 */
export function sendDigest(orm: MikroORM): Task {
  return async (payload) => {
    const inbox = payload as unknown as Inbox;
    await orm.em.fork().transactional(async (em) => {
      const [digest] = await em.execute<
        { hour: number; last_sent_at: Date | string | null; email: string; workspace_name: string }[]
      >(
        `select d.hour, d.last_sent_at, u.email, w.name as workspace_name from notification_digest d
           join app_user u on u.id = d.user_id join workspace w on w.id = d.workspace_id
         where d.workspace_id = ? and d.user_id = ? for update of d`,
        [inbox.workspaceId, inbox.userId],
      );
      if (!digest) return;
      const since = digest.last_sent_at === null ? new Date(0) : new Date(digest.last_sent_at);
      const unread = await em.execute<UnreadRow[]>(
        `select n.kind, n.label, n.excerpt, u.name as actor_name, n.created_at
           from notification n left join app_user u on u.id = n.actor_id
         where n.workspace_id = ? and n.user_id = ? and n.read_at is null and n.created_at > ?
         order by n.created_at desc, n.id desc limit ?`,
        [inbox.workspaceId, inbox.userId, since.toISOString(), digestMaxEntries + 1],
      );
      if (unread.length) await queueMail(em, digestMail(inbox, digest, unread));
      await em.execute(
        'update notification_digest set last_sent_at = now() where workspace_id = ? and user_id = ?',
        [inbox.workspaceId, inbox.userId],
      );
      await scheduleNext(em, inbox, digest.hour);
    });
  };
}

function digestMail(inbox: Inbox, digest: { email: string; workspace_name: string }, unread: UnreadRow[]) {
  const shown = unread.slice(0, digestMaxEntries);
  const more = unread.length > digestMaxEntries ? ['…and more: open your inbox to see them all.'] : [];
  const lines = shown.map(
    (n) => `- ${notificationSummary({ kind: n.kind, label: n.label, excerpt: n.excerpt }, n.actor_name)}`,
  );
  const count = unread.length > digestMaxEntries ? `${digestMaxEntries}+` : String(unread.length);
  const day = new Date().toISOString().slice(0, 10);
  return {
    workspaceId: inbox.workspaceId,
    to: digest.email,
    subject: `${count} unread notification${unread.length === 1 ? '' : 's'} in ${digest.workspace_name}`,
    text:
      [
        ...lines,
        ...more,
        '',
        'You get this daily digest because you turned it on; turn it off on your account page.',
      ].join('\n') + '\n',
    idempotencyKey: `digest:${inbox.userId}:${day}`,
  };
}
