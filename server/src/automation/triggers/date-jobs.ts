import { canonicalTimeZone } from '@crm/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { cancelJobs, scheduleJobs, type ScheduledJob } from '../../jobs/index.js';
import {
  qualified,
  quote,
  type FieldDef,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../../metadata/index.js';
import type { AutomationRule } from '../model.js';
import { dueTimeOf, type DateTriggerTiming } from './date-due.js';

export const dateTask = 'automation-date';

/** A date that came due a little before its record was written still fires (the change reached us late). */
export const lateGraceMs = 60_000;

/** One job per rule and record: scheduling again moves it. */
export function dateJobKey(ruleId: string, recordId: string): string {
  return `${dateJobPrefix(ruleId)}${recordId}`;
}

export function dateJobPrefix(ruleId: string): string {
  return `automation:date:${ruleId}:`;
}

export interface DatePayload {
  workspaceId: string;
  ruleId: string;
  recordId: string;
  /** ISO time the job was scheduled for: part of the run's dedupe key. */
  dueAt: string;
}

/** The rule's object and live DATE/DATETIME field, unless either is gone or changed type. */
export interface DateTarget {
  object: ObjectDef;
  field: FieldDef & { type: 'DATE' | 'DATETIME' };
  timing: DateTriggerTiming;
}

export function dateTarget(metadata: WorkspaceMetadata, rule: AutomationRule): DateTarget | null {
  const object = metadata.objects.find((o) => o.key === rule.object && !o.archivedAt);
  const field = object?.fields.find(
    (f) =>
      f.key === rule.trigger.dateField &&
      !f.archivedAt &&
      f.column &&
      (f.type === 'DATE' || f.type === 'DATETIME'),
  );
  if (!object || !field) return null;
  const type = field.type as 'DATE' | 'DATETIME';
  return {
    object,
    field: field as DateTarget['field'],
    timing: {
      fieldType: type,
      offsetMinutes: rule.trigger.offsetMinutes ?? 0,
      yearly: rule.trigger.yearly === true,
      timeOfDay: rule.trigger.timeOfDay ?? null,
    },
  };
}

/** A record's date as the trigger reads it, in the zone it is read in. */
interface DateState {
  recordId: string;
  value: string | Date | null;
  deleted: boolean;
  timeZone: string;
}

interface StateRow {
  id: string;
  value: string | Date | null;
  deleted: boolean;
  time_zone: string | null;
}

/**
 * The dates of these records (missing ones are left out). A DATE is read in the rule's zone,
 * else its owner's (`app_user.time_zone`), else UTC — as day-based reminders are.
 */
export async function readDateStates(
  em: Pick<EntityManager, 'execute'>,
  metadata: WorkspaceMetadata,
  rule: AutomationRule,
  target: DateTarget,
  recordIds: readonly string[],
): Promise<DateState[]> {
  if (!recordIds.length) return [];
  const column = `t.${quote(target.field.column!)}`;
  const owner = target.object.fields.find((f) => f.key === 'owner')?.column ?? 'owner_id';
  const rows = await em.execute<StateRow[]>(
    `select t.id, ${target.field.type === 'DATE' ? `${column}::text` : column} as value,
       t.deleted_at is not null as deleted, u.time_zone
     from ${qualified(metadata.schema, target.object.table)} t
     left join public.app_user u on u.id = t.${quote(owner)}
     where t.id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
    [JSON.stringify(recordIds)],
  );
  const ruleZone = rule.trigger.timeZone ? canonicalTimeZone(rule.trigger.timeZone) : null;
  return rows.map((row) => ({
    recordId: row.id,
    value: row.value,
    deleted: row.deleted,
    timeZone: ruleZone ?? (row.time_zone && canonicalTimeZone(row.time_zone)) ?? 'UTC',
  }));
}

/** When the rule falls due for a record after `now`; null when it will not (no date, deleted, passed). */
export function nextDue(target: DateTarget, state: DateState, now: Date): Date | null {
  if (state.deleted || state.value === null) return null;
  const due = dueTimeOf(target.timing, state.value, state.timeZone, now);
  return due && due.getTime() >= now.getTime() - lateGraceMs ? due : null;
}

/**
 * Puts each record's job where its date now says (one job per rule and record, moved by
 * scheduling again), and cancels it for records without a date ahead (deleted ones included;
 * records gone without a trace too).
 */
export async function followDateRecords(
  em: Pick<EntityManager, 'execute'>,
  metadata: WorkspaceMetadata,
  rule: AutomationRule,
  target: DateTarget,
  recordIds: readonly string[],
  now: Date,
): Promise<void> {
  const states = await readDateStates(em, metadata, rule, target, recordIds);
  const jobs: ScheduledJob[] = [];
  for (const state of states) {
    const due = nextDue(target, state, now);
    if (!due) continue;
    const payload: DatePayload = {
      workspaceId: rule.workspaceId,
      ruleId: rule.id,
      recordId: state.recordId,
      dueAt: due.toISOString(),
    };
    jobs.push({
      task: dateTask,
      key: dateJobKey(rule.id, state.recordId),
      runAt: due,
      payload: { ...payload },
    });
  }
  const scheduled = new Set(jobs.map((job) => job.key));
  await cancelJobs(
    em,
    recordIds.map((id) => dateJobKey(rule.id, id)).filter((key) => !scheduled.has(key)),
  );
  await scheduleJobs(em, jobs);
}

/**
 * SQL on row `t` for records that may have a date ahead (loose by two days; `nextDue`
 * decides): a yearly rule's every dated record, a one-off rule's recent and future ones.
 */
export function maybeAheadSql(target: DateTarget): { sql: string; params: unknown[] } {
  const column = `t.${quote(target.field.column!)}`;
  if (target.timing.yearly) return { sql: `${column} is not null`, params: [] };
  const since = `(now() - make_interval(mins => ?) - interval '2 days')`;
  return {
    sql: `${column} >= ${target.field.type === 'DATE' ? `${since}::date` : since}`,
    params: [target.timing.offsetMinutes],
  };
}
