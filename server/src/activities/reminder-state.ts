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

/** SQL for the moment a rule is due on row `t`, with its parameters. */
export function dueAtSql(rule: ReminderRule, field: FieldDef): { sql: string; params: unknown[] } {
  const column = `t.${quote(field.column!)}`;
  const moment =
    field.type === 'DATE' ? `((${column} + ?::time) at time zone 'UTC')` : `${column}::timestamptz`;
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
  const { object, field } = target;
  const due = dueAtSql(rule, field);
  // Fields of the type the rule was checked against; one changed since is left out.
  const columnOf = (id: string | null, types: readonly string[]) =>
    object.fields.find((f) => f.id === id && !f.archivedAt && types.includes(f.type))?.column;
  const doneColumn = columnOf(rule.doneFieldId, ['SELECT', 'STAGE']);
  const done = doneColumn
    ? `coalesce(t.${quote(doneColumn)}::text in (select jsonb_array_elements_text(?::jsonb)), false)`
    : 'false';
  const recipientColumns = rule.recipientFieldIds
    .map((id) => columnOf(id, ['USER']))
    .filter((c): c is string => !!c);
  const recipients = recipientColumns.length
    ? `to_jsonb(array[${recipientColumns.map((c) => `t.${quote(c)}::text`).join(', ')}])`
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
