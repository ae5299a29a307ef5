import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import { cancelJobs, scheduleJobs, type JobTasks } from '../jobs/index.js';
import { inlineAttachment, maxInlineAttachmentBytes, queueMail } from '../mail/index.js';
import { loadMetadata } from '../metadata/index.js';
import { ReportRow } from './entity.js';
import { exportFileName, exportReport } from './export.js';
import type { ReportSchedule } from './model.js';
import { runReport } from './run.js';

/**
 * Scheduled reports: one pending job per scheduled report (keyed by it), which runs the report
 * as its owner, queues one mail per recipient through the outbox with the report attached as
 * CSV or XLSX (the schedule's format), and schedules the next run.
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

function sendScheduled(orm: MikroORM): Task {
  return async (payload) => {
    const { reportId, at } = payload as { reportId: string; at: string };
    await orm.em.fork().transactional(async (em) => {
      const row = await em.findOne(ReportRow, { id: reportId }, { populate: ['owner'] });
      if (!row?.schedule) return;
      const metadata = await loadMetadata(em, row.workspace.id);
      const result = await runReport({ em, metadata, userId: row.owner.id }, row.definition, null, [
        'definition',
      ]);
      const file = await reportAttachment(result, row.name, row.schedule.format);
      // A report is its groups, not its records: files this large are rare, and stay in the app.
      const fits = file.content.length <= maxInlineAttachmentBytes;
      const text = fits
        ? `${row.name}, as of ${at}: attached as ${file.filename}.`
        : `${row.name}, as of ${at}: too large to attach (${file.content.length} bytes); open it in the app.`;
      for (const to of row.schedule.recipients) {
        await queueMail(em, {
          workspaceId: row.workspace.id,
          to,
          subject: `${row.name} (${at.slice(0, 10)})`,
          text,
          attachments: fits ? [inlineAttachment(file.filename, file.contentType, file.content)] : [],
          idempotencyKey: `report:${row.id}:${at}:${to}`,
        });
      }
      await planSchedule(em, row);
    });
  };
}

export function reportTasks(orm: MikroORM): JobTasks {
  return { [scheduledReportTask]: sendScheduled(orm) };
}
