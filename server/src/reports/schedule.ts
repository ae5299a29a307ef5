import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import { cancelJobs, scheduleJobs, type JobTasks } from '../jobs/index.js';
import { queueMail } from '../mail/index.js';
import { loadMetadata } from '../metadata/index.js';
import { ReportRow } from './entity.js';
import { exportFileName, exportReport } from './export.js';
import type { ReportSchedule } from './model.js';
import { runReport } from './run.js';

/**
 * Scheduled reports: one pending job per scheduled report (keyed by it), which runs the report
 * as its owner, queues one mail per recipient through the outbox and schedules the next run.
 *
 * The outbox has no inline attachments yet (its `attachments` are stored-file references, refused
 * until files exist): the CSV travels as the text part, and `reportAttachment` is the seam that
 * hands it over as an attachment once the outbox takes one.
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
export async function reportAttachment(
  result: Parameters<typeof exportReport>[0],
  name: string,
): Promise<{ filename: string; content: Buffer }> {
  return { filename: exportFileName(name, 'CSV'), content: await exportReport(result, name, 'CSV') };
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
      const file = await reportAttachment(result, row.name);
      for (const to of row.schedule.recipients) {
        await queueMail(em, {
          workspaceId: row.workspace.id,
          to,
          subject: `${row.name} (${at.slice(0, 10)})`,
          text: `${row.name}, as of ${at}.\n\n${file.filename}:\n\n${file.content.toString('utf8')}`,
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
