import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import { cancelJobs, scheduleJobs, type JobTasks } from '../jobs/index.js';
import { inlineAttachment, maxInlineAttachmentBytes, queueMail } from '../mail/index.js';
import type { Role } from '../identity/index.js';
import { loadMetadata, type WorkspaceMetadata } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import type { RecordAccessViews, RecordScope } from '../records/index.js';
import { ReportRow } from './entity.js';
import { exportFileName, exportReport } from './export.js';
import type { ReportSchedule } from './model.js';
import { runReport } from './run.js';

/**
 * Scheduled reports: one pending job per scheduled report (keyed by it), which runs the report
 * for each recipient as their permission profile lets them read it (a member: their own profile;
 * another address: the owner's), queues one mail per recipient through the outbox with the report
 * attached as CSV or XLSX (the schedule's format), and schedules the next run.
 */

export const scheduledReportTask = 'reports.scheduled';
const jobKey = (reportId: string) => `report-schedule:${reportId}`;
type Executor = Pick<EntityManager, 'execute'>;

const units = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month' } as const;

/** The next run: this day's/week's/month's `hour`:00 in `zone` if over a minute away, else the next one's. */
export async function nextRun(em: Executor, schedule: ReportSchedule, zone: string): Promise<Date> {
  const unit = units[schedule.frequency];
  const [row] = await em.execute<{ at: Date | string }[]>(
    `with c as (select date_trunc('${unit}', now() at time zone ?) as start)
     select case when ((c.start::date + make_time(?, 0, 0)) at time zone ?) > now() + interval '1 minute'
       then (c.start::date + make_time(?, 0, 0)) at time zone ?
       else ((c.start + interval '1 ${unit}')::date + make_time(?, 0, 0)) at time zone ? end as at from c`,
    [zone, schedule.hour, zone, schedule.hour, zone, schedule.hour, zone],
  );
  return new Date(row!.at);
}

/** Schedules (or with null, cancels) a report's mailing, in the caller's transaction. */
export async function planSchedule(em: Executor, row: ReportRow): Promise<void> {
  if (!row.schedule) return cancelJobs(em, [jobKey(row.id)]);
  const at = await nextRun(em, row.schedule, row.definition.timeZone ?? 'UTC');
  await scheduleJobs(em, [
    {
      task: scheduledReportTask,
      payload: { reportId: row.id, at: at.toISOString() },
      runAt: at,
      key: jobKey(row.id),
    },
  ]);
}

/** What a scheduled mail carries: the file, and the text part that holds it until attachments exist. */
const contentTypes = {
  CSV: 'text/csv; charset=utf-8',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The report as the file a recipient opens. */
export async function reportAttachment(
  result: Parameters<typeof exportReport>[0],
  name: string,
  format: ReportSchedule['format'],
): Promise<{ filename: string; contentType: string; content: Buffer }> {
  return {
    filename: exportFileName(name, format),
    contentType: contentTypes[format],
    content: await exportReport(result, name, format),
  };
}

/** One recipient's copy: the file as their permission profile lets them read it, or why there is none. */
type Copy = { file: Awaited<ReturnType<typeof reportAttachment>> } | { refused: string };

function sendScheduled(orm: MikroORM, recordAccess: RecordAccessViews): Task {
  return async (payload) => {
    const { reportId, at } = payload as { reportId: string; at: string };
    await orm.em.fork().transactional(async (em) => {
      const row = await em.findOne(ReportRow, { id: reportId }, { populate: ['owner'] });
      if (!row?.schedule) return;
      const schedule = row.schedule;
      const workspaceId = row.workspace.id;
      const full = await loadMetadata(em, workspaceId);
      const members = await membersByEmail(em, workspaceId, schedule.recipients);
      const ownerRole = await roleOf(em, workspaceId, row.owner.id);
      // Runs once per distinct reader: every unrestricted recipient shares one run.
      const copies = new Map<string, Promise<Copy>>();
      const copyFor = async (reader: { userId: string; role: Role }): Promise<Copy> => {
        const view = await recordAccess.forCaller(workspaceId, reader.userId, reader.role, full);
        const key = view.scope ? reader.userId : 'all';
        if (!copies.has(key)) copies.set(key, copyOf(em, row, view, schedule.format));
        return copies.get(key)!;
      };
      for (const to of schedule.recipients) {
        // A member reads it through their own profile; any other address gets what the owner may
        // export themselves. An owner who left the workspace sends nothing outside it.
        const member = members.get(to.toLowerCase());
        const reader = member ?? (ownerRole ? { userId: row.owner.id, role: ownerRole } : null);
        const copy: Copy = reader
          ? await copyFor(reader)
          : { refused: 'its owner is no longer a member of the workspace' };
        const fits = 'file' in copy && copy.file.content.length <= maxInlineAttachmentBytes;
        const text =
          'refused' in copy
            ? `${row.name}, as of ${at}: not sent, ${copy.refused}.`
            : fits
              ? `${row.name}, as of ${at}: attached as ${copy.file.filename}.`
              : `${row.name}, as of ${at}: too large to attach (${copy.file.content.length} bytes); open it in the app.`;
        await queueMail(em, {
          workspaceId,
          to,
          subject: `${row.name} (${at.slice(0, 10)})`,
          text,
          attachments:
            'file' in copy && fits
              ? [inlineAttachment(copy.file.filename, copy.file.contentType, copy.file.content)]
              : [],
          idempotencyKey: `report:${row.id}:${at}:${to}`,
        });
      }
      await planSchedule(em, row);
    });
  };
}

/** The report run with one reader's metadata (their hidden fields archived) and record scope. */
async function copyOf(
  em: EntityManager,
  row: ReportRow,
  view: { metadata: WorkspaceMetadata; scope?: RecordScope },
  format: ReportSchedule['format'],
): Promise<Copy> {
  try {
    // "Me" in the report's filters stays its owner: the recipient's profile only narrows what they get.
    const reader = {
      em,
      metadata: view.metadata,
      userId: row.owner.id,
      ...(view.scope ? { scope: view.scope } : {}),
    };
    const result = await runReport(reader, row.definition, null, ['definition']);
    return { file: await reportAttachment(result, row.name, format) };
  } catch (error) {
    if (error instanceof BadInput)
      return { refused: 'it uses fields or records your permission profile does not show you' };
    throw error;
  }
}

/** The workspace's members among these addresses, by lower-cased address. */
async function membersByEmail(
  em: EntityManager,
  workspaceId: string,
  addresses: readonly string[],
): Promise<Map<string, { userId: string; role: Role }>> {
  if (!addresses.length) return new Map();
  const rows = await em.execute<{ id: string; email: string; role: Role }[]>(
    `select u.id, lower(u.email) as email, m.role from app_user u join membership m on m.user_id = u.id
     where m.workspace_id = ? and lower(u.email) in (select lower(jsonb_array_elements_text(?::jsonb)))`,
    [workspaceId, JSON.stringify(addresses)],
  );
  return new Map(rows.map((r) => [r.email, { userId: r.id, role: r.role }]));
}

async function roleOf(em: EntityManager, workspaceId: string, userId: string): Promise<Role | null> {
  const [row] = await em.execute<{ role: Role }[]>(
    'select role from membership where workspace_id = ? and user_id = ?',
    [workspaceId, userId],
  );
  return row?.role ?? null;
}

export function reportTasks(orm: MikroORM, recordAccess: RecordAccessViews): JobTasks {
  return { [scheduledReportTask]: sendScheduled(orm, recordAccess) };
}
