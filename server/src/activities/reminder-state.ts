import type { EntityManager } from '@mikro-orm/postgresql';
import {
  qualified,
  quote,
  type FieldDef,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import type { ReminderRule } from './reminder-rules.js';

/** The job key of one rule's reminder for one record: scheduling again replaces it. */
export function reminderKey(ruleId: string, recordId: string): string {
  return `reminder:${ruleId}:${recordId}`;
}

export const reminderTask = 'reminder';

/** Where a rule stands for one record, read from its row. */
export interface ReminderState {
  recordId: string;
  /** When the reminder is due; null without a date. */
  runAt: Date | null;
  /** Deleted, done, or without a date: no reminder. */
  idle: boolean;
  label: string;
  recipientIds: string[];
}

interface StateRow {
  id: string;
  /** Raw queries hand timestamps over as text. */
  run_at: Date | string | null;
  idle: boolean;
  label: string | null;
  recipients: (string | null)[];
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

/**
 * Where a DATE rule's time of day is read: the time zone of the record's first recipient
 * (`app_user.time_zone`), UTC when they have none. One job serves all of a record's recipients.
 */
function recipientZoneSql(rule: ReminderRule, object: ObjectDef): string {
  const columns = recipientColumns(rule, object);
  if (!columns.length) return `'UTC'`;
  const first = columns.length === 1 ? columns[0] : `coalesce(${columns.join(', ')})`;
  return `coalesce((select u.time_zone from public.app_user u where u.id = ${first}), 'UTC')`;
}

/** SQL for the moment a rule is due on row `t`, with its parameters. */
export function dueAtSql(rule: ReminderRule, target: RuleTarget): { sql: string; params: unknown[] } {
  const { object, field } = target;
  const column = `t.${quote(field.column!)}`;
  const moment =
    field.type === 'DATE'
      ? `((${column} + ?::time) at time zone ${recipientZoneSql(rule, object)})`
      : `${column}::timestamptz`;
  return {
    sql: `(${moment} - make_interval(mins => ?))`,
    params: field.type === 'DATE' ? [rule.timeOfDay ?? '09:00', rule.minutesBefore] : [rule.minutesBefore],
  };
}

/** Where the rule stands for each of these records (missing records are left out). */
export async function readReminderStates(
  em: Pick<EntityManager, 'execute'>,
  metadata: WorkspaceMetadata,
  rule: ReminderRule,
  target: RuleTarget,
  recordIds: readonly string[],
): Promise<ReminderState[]> {
  const { object } = target;
  const due = dueAtSql(rule, target);
  // Fields of the type the rule was checked against; one changed since is left out.
  const columnOf = (id: string | null, types: readonly string[]) =>
    object.fields.find((f) => f.id === id && !f.archivedAt && types.includes(f.type))?.column;
  const doneColumn = columnOf(rule.doneFieldId, ['SELECT', 'STAGE']);
  const done = doneColumn
    ? `coalesce(t.${quote(doneColumn)}::text in (select jsonb_array_elements_text(?::jsonb)), false)`
    : 'false';
  const recipientList = recipientColumns(rule, object);
  const recipients = recipientList.length
    ? `to_jsonb(array[${recipientList.map((c) => `${c}::text`).join(', ')}])`
    : `'[]'::jsonb`;
  const labelColumn = object.fields.find((f) => f.id === object.labelFieldId && f.column)?.column;
  const label = labelColumn ? `t.${quote(labelColumn)}::text` : 'null';
  const rows = await em.execute<StateRow[]>(
    `select t.id, ${due.sql} as run_at,
       (t.deleted_at is not null or ${due.sql} is null or ${done}) as idle,
       ${label} as label, ${recipients} as recipients
     from ${qualified(metadata.schema, object.table)} t where t.id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
    [
      ...due.params,
      ...due.params,
      ...(doneColumn ? [JSON.stringify(rule.doneValues)] : []),
      JSON.stringify(recordIds),
    ],
  );
  return rows.map((row) => ({
    recordId: row.id,
    runAt: row.run_at === null ? null : new Date(row.run_at),
    idle: row.idle,
    label: row.label ?? '',
    recipientIds: [...new Set(row.recipients.filter((id): id is string => !!id))],
  }));
}
