import type { EntityManager } from '@mikro-orm/postgresql';
import {
  qualified,
  quote,
  type FieldDef,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import type { ReminderRule } from './reminder-rules.js';

/** The job key of one rule's reminder for one record and recipient: scheduling again replaces it. */
export function reminderKey(ruleId: string, recordId: string, recipientId: string): string {
  return `${recordReminderKey(ruleId, recordId)}:${recipientId}`;
}

/** The key of a record's reminder before they were per recipient, and the prefix of all of them. */
export function recordReminderKey(ruleId: string, recordId: string): string {
  return `reminder:${ruleId}:${recordId}`;
}

export const reminderTask = 'reminder';

/** Where a rule stands for one record and one of its recipients, read from its row. */
export interface ReminderState {
  recordId: string;
  recipientId: string;
  /** When the reminder is due for this recipient; null without a date. */
  runAt: Date | null;
  /** Deleted, done, or without a date: no reminder. */
  idle: boolean;
  label: string;
}

interface StateRow {
  id: string;
  recipient_id: string;
  /** Raw queries hand timestamps over as text. */
  run_at: Date | string | null;
  idle: boolean;
  label: string | null;
}

export interface RuleTarget {
  object: ObjectDef;
  field: FieldDef;
}

/**
 * The rule's object and date field, unless either is gone, archived, or the field's type
 * changed since (its rules then rest until it is a date again).
 */
export function ruleTarget(metadata: WorkspaceMetadata, rule: ReminderRule): RuleTarget | undefined {
  const object = metadata.objects.find((o) => o.id === rule.objectId && !o.archivedAt);
  const field = object?.fields.find(
    (f) => f.id === rule.fieldId && !f.archivedAt && f.column && (f.type === 'DATE' || f.type === 'DATETIME'),
  );
  return object && field ? { object, field } : undefined;
}

/** The rule's recipient fields still of type USER on the object, as columns of row `t`. */
function recipientColumns(rule: ReminderRule, object: ObjectDef): string[] {
  return rule.recipientFieldIds
    .map((id) => object.fields.find((f) => f.id === id && !f.archivedAt && f.type === 'USER')?.column)
    .filter((c): c is string => !!c)
    .map((c) => `t.${quote(c)}`);
}

/** The recipient fields' USER columns (see `recipientColumns`) as the ids of row `t`'s recipients. */
export function recipientIdsSql(rule: ReminderRule, object: ObjectDef): string | undefined {
  const columns = recipientColumns(rule, object);
  return columns.length ? `array[${columns.map((c) => `${c}::uuid`).join(', ')}]` : undefined;
}

/**
 * SQL for the moment a rule is due on row `t` for the recipient whose id is `recipientSql`,
 * with its parameters. A DATE rule's time of day is read in that recipient's time zone
 * (`app_user.time_zone`, UTC without one), so each recipient is reminded at their own 9:00.
 */
export function dueAtSql(
  rule: ReminderRule,
  target: RuleTarget,
  recipientSql: string,
): { sql: string; params: unknown[] } {
  const { field } = target;
  const column = `t.${quote(field.column!)}`;
  const zone = `coalesce((select z.time_zone from public.app_user z where z.id = ${recipientSql}), 'UTC')`;
  if (field.type === 'DATETIME' && rule.timeOfDay === null)
    return { sql: `(${column}::timestamptz - make_interval(mins => ?))`, params: [rule.minutesBefore] };
  // The day as the recipient sees it: a DATE as it is, a DATETIME's day in their zone.
  const day = field.type === 'DATE' ? column : `(${column} at time zone ${zone})::date`;
  return {
    sql: `(((${day} + ?::time) at time zone ${zone}) - make_interval(mins => ?))`,
    params: [rule.timeOfDay ?? '09:00', rule.minutesBefore],
  };
}

/**
 * A condition on row `t` that holds for every record whose reminder may still be ahead, for any
 * recipient: cheap, loose by up to a few days (zones span 26 hours); `isPending` decides.
 */
export function maybeAheadSql(target: RuleTarget): string {
  const column = `t.${quote(target.field.column!)}`;
  return target.field.type === 'DATE'
    ? `${column} >= current_date - 3`
    : `${column} >= now() - interval '3 days'`;
}

/**
 * Where the rule stands for each recipient of each of these records (missing records, and
 * records without a recipient, are left out).
 */
export async function readReminderStates(
  em: Pick<EntityManager, 'execute'>,
  metadata: WorkspaceMetadata,
  rule: ReminderRule,
  target: RuleTarget,
  recordIds: readonly string[],
): Promise<ReminderState[]> {
  const { object } = target;
  const recipients = recipientIdsSql(rule, object);
  if (!recipients || !recordIds.length) return [];
  const due = dueAtSql(rule, target, 'r.id');
  // Fields of the type the rule was checked against; one changed since is left out.
  const columnOf = (id: string | null, types: readonly string[]) =>
    object.fields.find((f) => f.id === id && !f.archivedAt && types.includes(f.type))?.column;
  const doneColumn = columnOf(rule.doneFieldId, ['SELECT', 'STAGE']);
  const done = doneColumn
    ? `coalesce(t.${quote(doneColumn)}::text in (select jsonb_array_elements_text(?::jsonb)), false)`
    : 'false';
  const labelColumn = object.fields.find((f) => f.id === object.labelFieldId && f.column)?.column;
  const label = labelColumn ? `t.${quote(labelColumn)}::text` : 'null';
  const rows = await em.execute<StateRow[]>(
    `select t.id, r.id as recipient_id, ${due.sql} as run_at,
       (t.deleted_at is not null or ${due.sql} is null or ${done}) as idle, ${label} as label
     from ${qualified(metadata.schema, object.table)} t
     cross join lateral (select distinct u.id from unnest(${recipients}) u(id) where u.id is not null) r
     where t.id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
    [
      ...due.params,
      ...due.params,
      ...(doneColumn ? [JSON.stringify(rule.doneValues)] : []),
      JSON.stringify(recordIds),
    ],
  );
  return rows.map((row) => ({
    recordId: row.id,
    recipientId: row.recipient_id,
    runAt: row.run_at === null ? null : new Date(row.run_at),
    idle: row.idle,
    label: row.label ?? '',
  }));
}
