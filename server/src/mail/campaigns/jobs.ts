import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import { scheduleJobs, type JobTasks } from '../../jobs/index.js';
import type { MetadataCache } from '../../metadata/index.js';
import { AppError, type EventBus, type Logger } from '../../platform/index.js';
import type { RecordFilter } from '../../records/index.js';
import { writeRecipients } from './audience.js';
import type { CampaignRow } from './model.js';
import { queueRecipients } from './queue.js';
import { publishCampaignChanges } from './topics.js';

export const startCampaignTask = 'mail.campaign.start';
export const queueCampaignTask = 'mail.campaign.queue';
export const startJobKey = (id: string): string => `campaign:start:${id}`;

export interface CampaignJobDeps {
  orm: MikroORM;
  logger: Logger;
  metadataCache: MetadataCache;
  /** Tells live campaign lists a campaign started (or could not). */
  events?: EventBus;
}

export async function scheduleStart(em: Pick<EntityManager, 'execute'>, id: string, at: Date): Promise<void> {
  await scheduleJobs(em, [
    { task: startCampaignTask, payload: { campaignId: id }, runAt: at, key: startJobKey(id) },
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
 * then), written as recipients in one statement, and all their messages and send jobs queued
 * in the same transaction (set-based: a few statements for 10,000). Each message is rendered
 * by its send job (prepare.ts), so nothing here runs per recipient.
 */
function startCampaign(deps: CampaignJobDeps): Task {
  return async (payload) => {
    const { campaignId } = payload as { campaignId: string };
    let workspaceId: string | null = null;
    await deps.orm.em.fork().transactional(async (em) => {
      const campaign = await lockCampaign(em, campaignId, 'SCHEDULED');
      if (!campaign) return;
      workspaceId = campaign.workspace_id;
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
      await queueAll(em, campaign, reader.now);
    });
    await publishCampaignChanges(deps.events, [{ workspaceId, campaignId }]);
  };
}

/**
 * A campaign left QUEUEING by an earlier version (which queued in batches after the start):
 * the rest of its recipients queued at once.
 */
function queueCampaign(deps: CampaignJobDeps): Task {
  return async (payload) => {
    const { campaignId } = payload as { campaignId: string };
    await deps.orm.em.fork().transactional(async (em) => {
      const campaign = await lockCampaign(em, campaignId, 'QUEUEING');
      if (campaign) await queueAll(em, campaign, new Date(campaign.started_at ?? Date.now()));
    });
  };
}

async function queueAll(em: EntityManager, campaign: CampaignRow, startedAt: Date): Promise<void> {
  await queueRecipients(em, campaign, startedAt);
  await em.execute(
    `update mail_campaign set status = 'SENDING', started_at = coalesce(started_at, ?), queued_at = now() where id = ?`,
    [startedAt, campaign.id],
  );
}

export function campaignTasks(deps: CampaignJobDeps): JobTasks {
  return { [startCampaignTask]: startCampaign(deps), [queueCampaignTask]: queueCampaign(deps) };
}
