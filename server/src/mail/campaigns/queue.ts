import type { EntityManager } from '@mikro-orm/postgresql';
import { scheduleJobsFrom } from '../../jobs/index.js';
import { sendBatchSize, sendMailTask, waitingReasonSql } from '../outbox.js';
import type { CampaignRow } from './model.js';

/**
 * Queues all of a campaign's PENDING recipients in three statements whatever their count:
 * their outbox messages (INSERT … SELECT, bodies left to the send job, see prepare.ts), the
 * recipients marked QUEUED, and the send jobs (one per 50 messages due in the same second of
 * the throttle), added by graphile-worker's add_jobs from a query. Returns how many.
 */
export async function queueRecipients(
  em: Pick<EntityManager, 'execute'>,
  campaign: CampaignRow,
  startedAt: Date,
): Promise<number> {
  // The throttle spaces recipient n (from 1) n−1 intervals of 1/rate after the start.
  const spacingMs =
    campaign.throttle_messages && campaign.throttle_interval_ms
      ? campaign.throttle_interval_ms / campaign.throttle_messages
      : 0;
  const [row] = await em.execute<{ n: string }[]>(
    `with pending as (
       select r.record_id, r.address, gen_random_uuid() as message_id
       from mail_campaign_recipient r where r.campaign_id = ? and r.status = 'PENDING'
     ), messages as (
       -- Written before the recipients point at them: foreign keys are checked at the statement's end.
       insert into mail_message (id, workspace_id, to_address, subject, text_body, status, status_reason, idempotency_key)
       select p.message_id, ?, p.address, ?, '', 'QUEUED', ${waitingReasonSql}, 'campaign:' || ? || ':' || p.record_id
       from pending p
       returning id
     ), marked as (
       update mail_campaign_recipient r set status = 'QUEUED', message_id = p.message_id
       from pending p where r.campaign_id = ? and r.record_id = p.record_id
       returning 1
     )
     select count(*) as n from marked`,
    [campaign.id, campaign.workspace_id, campaign.subject, campaign.id, campaign.id],
  );
  await scheduleJobsFrom(
    em,
    `select '${sendMailTask}' as identifier, json_build_object('messageIds', json_agg(message_id order by position)) as payload,
       min(run_at) as run_at, 5 as max_attempts, 'mail:batch:' || min(message_id::text) as job_key
     from (
       select t.*, row_number() over (partition by date_trunc('second', t.run_at) order by t.position) - 1 as n
       from (
         select r.message_id, r.position,
           ?::timestamptz + floor((r.position - 1) * ?::float8) * interval '1 millisecond' as run_at
         from mail_campaign_recipient r join mail_message m on m.id = r.message_id
         where r.campaign_id = ? and r.status = 'QUEUED' and m.status = 'QUEUED'
       ) t
     ) b
     group by date_trunc('second', b.run_at), b.n / ${sendBatchSize}`,
    [startedAt, spacingMs, campaign.id],
  );
  return Number(row?.n ?? 0);
}
