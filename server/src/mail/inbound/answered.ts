import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../../platform/index.js';

/**
 * Replies as answers per record: a received message tied to mail we sent (In-Reply-To /
 * References) answers every record it was logged on and the records the sent mail was
 * about (the record it was sent from and the timelines it shows on).
 */

const answeredRecords = `(
    select r.record_id from mail_inbound_record r where r.inbound_id = i.id
    union select m.record_id where m.record_id is not null
    union select unnest(m.timeline_record_ids)
  )`;

/** Replies received per record, since `since` (or ever): lead rating's "e-mails answered". */
export async function countAnsweredMail(
  em: EntityManager,
  workspaceId: string,
  recordIds: readonly string[],
  since: Date | null,
): Promise<Map<string, number>> {
  if (!recordIds.length) return new Map();
  const rows = await queryRows<{ id: string; n: string }>(
    em,
    `select a.record_id as id, count(distinct i.id) as n
     from mail_inbound i join mail_message m on m.id = i.reply_to_mail_id
     cross join lateral ${answeredRecords} a (record_id)
     where i.workspace_id = ? and a.record_id = any(?::uuid[])
       and (?::timestamptz is null or i.received_at >= ?::timestamptz)
     group by a.record_id`,
    [workspaceId, `{${recordIds.join(',')}}`, since, since],
  );
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** The records one received reply answers (none when it answers nothing we sent). */
export async function recordsAnsweredBy(em: EntityManager, inboundId: string): Promise<string[]> {
  const rows = await queryRows<{ record_id: string }>(
    em,
    `select distinct a.record_id from mail_inbound i join mail_message m on m.id = i.reply_to_mail_id
     cross join lateral ${answeredRecords} a (record_id) where i.id = ?`,
    [inboundId],
  );
  return rows.map((r) => r.record_id);
}
