import type { EntityManager } from '@mikro-orm/postgresql';
import { queueMail } from '../mail/index.js';
import type { NewNotification, NotificationChannel } from './inbox.js';
import type { NotificationKind } from './settings.js';

/** A notification's one-line summary, in the mail's subject and in the digest. */
export function notificationSummary(
  entry: Pick<NewNotification, 'kind' | 'label' | 'excerpt'>,
  actorName: string | null,
): string {
  const who = actorName ?? 'Someone';
  const summaries: Record<NotificationKind, string> = {
    REMINDER: `Reminder: ${entry.label}`,
    MENTION: `${who} mentioned you on ${entry.label}`,
    COMMENT: `${who} commented on ${entry.label}`,
    ASSIGNMENT: `${who} assigned you to ${entry.label}`,
    AUTOMATION: `${entry.label}${entry.excerpt ? `: ${entry.excerpt}` : ''}`,
    MATCH: `New match for ${entry.label}${entry.excerpt ? `: ${entry.excerpt}` : ''}`,
  };
  return summaries[entry.kind].replace(/[\r\n]+/g, ' ').slice(0, 200);
}

interface Person {
  id: string;
  email: string;
  name: string;
}

async function peopleOf(em: Pick<EntityManager, 'execute'>, ids: string[]): Promise<Map<string, Person>> {
  const rows = await em.execute<Person[]>(
    'select id, email, name from app_user where id in (select jsonb_array_elements_text(?::jsonb)::uuid)',
    [JSON.stringify([...new Set(ids)])],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * The e-mail channel: a message per notification to members who chose e-mail for its kind,
 * queued in the transaction that caused it, once per notification (a job run again queues
 * nothing more). It adds no inbox entries.
 */
export const emailChannel: NotificationChannel = {
  setting: 'email',
  deliver: async (em, entries) => {
    const people = await peopleOf(
      em,
      entries.flatMap((e) => (e.actorId ? [e.userId, e.actorId] : [e.userId])),
    );
    for (const entry of entries) {
      const recipient = people.get(entry.userId);
      if (!recipient) continue;
      const actorName = entry.actorId ? (people.get(entry.actorId)?.name ?? null) : null;
      const subject = notificationSummary(entry, actorName);
      const lines = [
        subject,
        entry.kind !== 'AUTOMATION' && entry.kind !== 'MATCH' && entry.excerpt ? `“${entry.excerpt}”` : '',
      ]
        .filter(Boolean)
        .concat(
          'You get this e-mail because of your notification settings; change them on your account page.',
        );
      await queueMail(em, {
        workspaceId: entry.workspaceId,
        to: recipient.email,
        subject,
        text: lines.join('\n\n') + '\n',
        idempotencyKey: `notification:${entry.userId}:${entry.dedupeKey}`,
      });
    }
    return [];
  },
};
