import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import { scheduleJobs, type JobTasks } from '../../jobs/index.js';
import type { MetadataCache } from '../../metadata/index.js';
import { AppError, type Logger } from '../../platform/index.js';
import type { RecordFilter } from '../../records/index.js';
import { queueMails, type NewMailMessage } from '../outbox.js';
import { renderMailTemplate } from '../templates/render.js';
import { writeRecipients } from './audience.js';
import { campaignMessage, unsubscribeUrl, type Recipient } from './message.js';
import type { CampaignRow } from './model.js';
import { signingKey } from './unsubscribe-token.js';

export const startCampaignTask = 'mail.campaign.start';
export const queueCampaignTask = 'mail.campaign.queue';
export const startJobKey = (id: string): string => `campaign:start:${id}`;
const queueJobKey = (id: string): string => `campaign:queue:${id}`;

/** Recipients queued per transaction: one insert and one job statement each. */
export const queueBatchSize = 1000;

export interface CampaignJobDeps {
  orm: MikroORM;
  logger: Logger;
  metadataCache: MetadataCache;
}

export async function scheduleStart(em: Pick<EntityManager, 'execute'>, id: string, at: Date): Promise<void> {
  await scheduleJobs(em, [
    { task: startCampaignTask, payload: { campaignId: id }, runAt: at, key: startJobKey(id) },
  ]);
}

async function scheduleQueue(em: Pick<EntityManager, 'execute'>, id: string): Promise<void> {
  await scheduleJobs(em, [
    { task: queueCampaignTask, payload: { campaignId: id }, runAt: new Date(), key: queueJobKey(id) },
  ]);
}

async function lockCampaign(
  em: EntityManager,
  id: string,
  status: CampaignRow['status'],
): Promise<CampaignRow | undefined> {
  const [row] = await em.execute<CampaignRow[]>(
    'select * from mail_campaign where id = ? and status = ? for update',
    [id, status],
  );
  return row;
}

async function fail(em: EntityManager, id: string, reason: string): Promise<void> {
  await em.execute(`update mail_campaign set status = 'FAILED', status_reason = ? where id = ?`, [
    reason,
    id,
  ]);
}

/**
 * When a campaign's time comes: its audience is the view's records now (the view as it is
 * then), written as recipients in one statement; then its messages are queued in batches.
 */
function startCampaign(deps: CampaignJobDeps): Task {
  return async (payload) => {
    const { campaignId } = payload as { campaignId: string };
    await deps.orm.em.fork().transactional(async (em) => {
      const campaign = await lockCampaign(em, campaignId, 'SCHEDULED');
      if (!campaign) return;
      const metadata = await deps.metadataCache.get(em, campaign.workspace_id);
      const object = metadata?.objects.find((o) => o.id === campaign.object_id && !o.archivedAt);
      const emailField = object?.fields.find((f) => f.id === campaign.email_field_id && !f.archivedAt);
      const [view] = await em.execute<{ filter: RecordFilter | null }[]>(
        'select filter from view where id = ?',
        [campaign.view_id],
      );
      if (!metadata || !object || !emailField || !view)
        return fail(em, campaignId, 'Its view, object or e-mail field was deleted before it started.');
      const [creator] = await em.execute<{ time_zone: string | null }[]>(
        'select time_zone from app_user where id = ?',
        [campaign.created_by],
      );
      const reader = {
        userId: campaign.created_by,
        timeZone: creator?.time_zone ?? 'UTC',
        now: new Date(),
      };
      try {
        await em.execute('savepoint audience');
        await writeRecipients(
          em,
          { id: campaignId, workspaceId: campaign.workspace_id },
          { metadata, object, emailField, filter: view.filter, reader },
        );
      } catch (error) {
        // A view changed since into one the compiler refuses: the campaign says why.
        if (!(error instanceof AppError)) throw error;
        await em.execute('rollback to savepoint audience');
        return fail(em, campaignId, `Its view cannot be read: ${error.message}`);
      }
      await em.execute(`update mail_campaign set status = 'QUEUEING', started_at = now() where id = ?`, [
        campaignId,
      ]);
      await scheduleQueue(em, campaignId);
    });
  };
}

/**
 * Queues a campaign's recipients in the outbox, a batch per transaction so sending starts with
 * the first; run again after a crash, it goes on with the recipients still PENDING.
 */
function queueCampaign(deps: CampaignJobDeps): Task {
  return async (payload) => {
    const { campaignId } = payload as { campaignId: string };
    const key = await signingKey(deps.orm.em.fork());
    try {
      while (await deps.orm.em.fork().transactional((em) => queueBatch(em, deps, campaignId, key))) {
        // the next batch
      }
    } catch (error) {
      // A template deleted or broken since: the campaign stops, saying why (what was queued goes).
      if (!(error instanceof AppError)) throw error;
      await fail(deps.orm.em.fork(), campaignId, `Its messages cannot be rendered: ${error.message}`);
    }
  };
}

/** One batch; true when more may follow. */
async function queueBatch(
  em: EntityManager,
  deps: CampaignJobDeps,
  campaignId: string,
  key: Buffer,
): Promise<boolean> {
  const campaign = await lockCampaign(em, campaignId, 'QUEUEING');
  if (!campaign) return false;
  const metadata = await deps.metadataCache.get(em, campaign.workspace_id);
  const recipients = await em.execute<Recipient[]>(
    `select record_id, address, position from mail_campaign_recipient
     where campaign_id = ? and status = 'PENDING' order by position limit ?`,
    [campaignId, queueBatchSize],
  );
  const startedAt = new Date(campaign.started_at!);
  const messages: NewMailMessage[] = [];
  for (const recipient of recipients) {
    const link = unsubscribeUrl(key, campaign, recipient.record_id);
    const content = campaign.template_id
      ? await renderMailTemplate(em, {
          workspaceId: campaign.workspace_id,
          templateId: campaign.template_id,
          recordId: recipient.record_id,
          senderUserId: campaign.created_by,
          extra: { unsubscribe_url: link },
          metadata,
        })
      : { subject: campaign.subject, text: campaign.text_body, html: null };
    messages.push(campaignMessage(campaign, recipient, content, link, startedAt));
  }
  const queued = await queueMails(em, messages);
  if (queued.length) {
    await em.execute(
      `update mail_campaign_recipient r set status = 'QUEUED', message_id = q.message_id
       from jsonb_to_recordset(?::jsonb) as q (record_id uuid, message_id uuid)
       where r.campaign_id = ? and r.record_id = q.record_id`,
      [
        JSON.stringify(recipients.map((r, i) => ({ record_id: r.record_id, message_id: queued[i]!.id }))),
        campaignId,
      ],
    );
  }
  if (recipients.length === queueBatchSize) return true;
  await em.execute(`update mail_campaign set status = 'SENDING', queued_at = now() where id = ?`, [
    campaignId,
  ]);
  return false;
}

export function campaignTasks(deps: CampaignJobDeps): JobTasks {
  return { [startCampaignTask]: startCampaign(deps), [queueCampaignTask]: queueCampaign(deps) };
}
