import { randomUUID } from 'node:crypto';
import { requirePermission } from '../../identity/index.js';
import { loadMetadata, type ObjectDef } from '../../metadata/index.js';
import { BadInput, NotFound, parseId } from '../../platform/index.js';
import { getView } from '../../views/index.js';
import { cancelJobs } from '../../jobs/index.js';
import { emailFieldOf } from './audience.js';
import { scheduleStart, startJobKey } from './jobs.js';
import type { CampaignRow, Throttle } from './model.js';
import { campaignById } from './read.js';
import { publishCampaignChanges } from './topics.js';
import type { CampaignContext } from './services.js';
import type { Campaign } from './model.js';

export interface NewCampaign {
  name: string;
  viewId: string;
  /** The view's object's e-mail field to send to; its first one when not given. */
  emailField?: string | null;
  /** A workspace e-mail template for the view's object: each recipient's message rendered from it. */
  templateId?: string | null;
  /** Without a template: the subject and plain-text body every recipient gets. */
  subject?: string | null;
  text?: string | null;
  /** When to start; now when not given. */
  scheduledAt?: Date | null;
  throttle?: Throttle | null;
}

const maxBody = 100_000;
const maxAheadMs = 366 * 24 * 3600 * 1000;

function checkThrottle(throttle: Throttle | null | undefined): Throttle | null {
  if (!throttle) return null;
  if (!Number.isInteger(throttle.messages) || throttle.messages < 1 || throttle.messages > 100_000)
    throw new BadInput(['input', 'throttle', 'messages'], 'messages: a whole number from 1 to 100,000.');
  return throttle;
}

function checkSchedule(at: Date | null | undefined, now: Date): Date {
  if (!at) return now;
  if (at.getTime() < now.getTime() - 60_000 || at.getTime() > now.getTime() + maxAheadMs)
    throw new BadInput(['input', 'scheduledAt'], 'scheduledAt: from now to a year ahead (null sends now).');
  return at;
}

function oneLine(value: string, path: string[], max: number): string {
  const text = value.trim();
  if (!text || text.length > max || /[\r\n]/.test(text))
    throw new BadInput(path, `${path.at(-1)}: one line of 1 to ${max} characters.`);
  return text;
}

/**
 * Saves a campaign and schedules its start (admins). The audience is the view's records when it
 * starts; an object without an e-mail field is refused now, naming `input.viewId`.
 */
export async function createCampaign(ctx: CampaignContext, input: NewCampaign): Promise<Campaign> {
  const { workspaceId, caller } = requirePermission(ctx, 'workspace.update');
  const name = oneLine(input.name, ['input', 'name'], 200);
  const templateId = input.templateId ? parseId(['input', 'templateId'], input.templateId) : null;
  const subject = templateId ? '' : oneLine(input.subject ?? '', ['input', 'subject'], 200);
  const text = templateId ? '' : (input.text ?? '');
  if (!templateId && (!text.trim() || text.length > maxBody))
    throw new BadInput(['input', 'text'], `text: 1 to ${maxBody} characters (or give a templateId).`);
  const throttle = checkThrottle(input.throttle);
  const now = new Date();
  const scheduledAt = checkSchedule(input.scheduledAt, now);
  const view = await getView(ctx, parseId(['input', 'viewId'], input.viewId));
  if (view.problems.length)
    throw new BadInput(
      ['input', 'viewId'],
      `viewId: the view needs fixing first: ${view.problems.join('; ')}`,
    );
  const metadata = await loadMetadata(ctx.em, workspaceId);
  const object = metadata.objects.find((o) => o.key === view.object)!;
  const emailField = emailFieldOf(object, input.emailField, ['input', 'viewId']);
  if (templateId) await checkTemplate(ctx, workspaceId, templateId, object);
  const id = randomUUID();
  await ctx.em.transactional(async (em) => {
    await em.execute(
      `insert into mail_campaign (id, workspace_id, name, view_id, object_id, email_field_id, template_id, subject, text_body,
         status, scheduled_at, throttle_messages, throttle_interval_ms, link_base, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'SCHEDULED', ?, ?, ?, ?, ?)`,
      [
        id,
        workspaceId,
        name,
        view.id,
        object.id,
        emailField.id,
        templateId,
        subject,
        text,
        scheduledAt,
        throttle?.messages ?? null,
        throttle?.intervalMs ?? null,
        ctx.services.campaigns.linkBase(),
        caller.user.id,
      ],
    );
    await scheduleStart(em, id, scheduledAt);
  });
  await publishCampaignChanges(ctx.services.events, [{ workspaceId, campaignId: id }]);
  return campaignById(ctx.em, workspaceId, id);
}

/** The template must exist and be written for the view's object (its merge fields are that object's). */
async function checkTemplate(
  ctx: CampaignContext,
  workspaceId: string,
  templateId: string,
  object: ObjectDef,
): Promise<void> {
  const [row] = await ctx.em.execute<{ object_id: string }[]>(
    'select object_id from mail_template where workspace_id = ? and id = ?',
    [workspaceId, templateId],
  );
  if (!row) throw new BadInput(['input', 'templateId'], 'templateId: no e-mail template with this id.');
  if (row.object_id !== object.id)
    throw new BadInput(
      ['input', 'templateId'],
      `templateId: the template is not for ${object.labelPlural}, which the view lists.`,
    );
}

/**
 * Stops a campaign: one not started never starts; of one under way, the messages not yet sent
 * are marked FAILED ("cancelled") and the recipients not yet queued stay unqueued.
 */
export async function cancelCampaign(ctx: CampaignContext, idInput: string): Promise<Campaign> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  const id = parseId('id', idInput);
  await ctx.em.transactional(async (em) => {
    const [row] = await em.execute<CampaignRow[]>(
      `update mail_campaign set status = 'CANCELLED', status_reason = 'cancelled by an admin'
       where id = ? and workspace_id = ? and status in ('SCHEDULED', 'QUEUEING', 'SENDING') returning *`,
      [id, workspaceId],
    );
    if (!row) throw new NotFound('A campaign under way with this id');
    await cancelJobs(em, [startJobKey(id)]);
    await em.execute(
      `update mail_message m set status = 'FAILED', status_reason = 'not sent: the campaign was cancelled'
       from mail_campaign_recipient r where r.campaign_id = ? and m.id = r.message_id and m.status = 'QUEUED'`,
      [id],
    );
  });
  await publishCampaignChanges(ctx.services.events, [{ workspaceId, campaignId: id }]);
  return campaignById(ctx.em, workspaceId, id);
}
