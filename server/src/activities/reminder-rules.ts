import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkspaceMetadata } from '../metadata/index.js';

/**
 * A reminder on a DATE/DATETIME field: due `minutesBefore` the field's moment (for a
 * DATE, `timeOfDay` on that day in each recipient's time zone, else UTC), to the users
 * held by the recipient USER fields, unless the done field holds one of the done values.
 */
export interface ReminderRule {
  id: string;
  workspaceId: string;
  objectId: string;
  fieldId: string;
  position: number;
  minutesBefore: number;
  /** 'HH:MM', DATE fields only. */
  timeOfDay: string | null;
  recipientFieldIds: string[];
  doneFieldId: string | null;
  doneValues: string[];
}

export type NewReminderRule = Omit<ReminderRule, 'id' | 'workspaceId' | 'objectId' | 'fieldId' | 'position'>;

interface RuleRow {
  id: string;
  workspace_id: string;
  object_id: string;
  field_id: string;
  position: number;
  minutes_before: number;
  time_of_day: string | null;
  recipient_field_ids: string[];
  done_field_id: string | null;
  done_values: string[];
}

function toRule(row: RuleRow): ReminderRule {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    objectId: row.object_id,
    fieldId: row.field_id,
    position: row.position,
    minutesBefore: row.minutes_before,
    timeOfDay: row.time_of_day,
    recipientFieldIds: row.recipient_field_ids,
    doneFieldId: row.done_field_id,
    doneValues: row.done_values,
  };
}

export async function readRules(
  em: Pick<EntityManager, 'execute'>,
  workspaceId: string,
): Promise<ReminderRule[]> {
  const rows = await em.execute<RuleRow[]>(
    'select * from reminder_rule where workspace_id = ? order by object_id, field_id, position',
    [workspaceId],
  );
  return rows.map(toRule);
}

/** Replaces a field's rules (in the caller's transaction); returns the new ones. */
export async function replaceFieldRules(
  em: Pick<EntityManager, 'execute'>,
  target: { workspaceId: string; objectId: string; fieldId: string },
  rules: NewReminderRule[],
): Promise<ReminderRule[]> {
  await em.execute('delete from reminder_rule where workspace_id = ? and field_id = ?', [
    target.workspaceId,
    target.fieldId,
  ]);
  const saved = rules.map((rule, position) => ({ ...rule, ...target, id: randomUUID(), position }));
  for (const rule of saved) {
    await em.execute(
      `insert into reminder_rule (id, workspace_id, object_id, field_id, position, minutes_before, time_of_day,
         recipient_field_ids, done_field_id, done_values)
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb)`,
      [
        rule.id,
        rule.workspaceId,
        rule.objectId,
        rule.fieldId,
        rule.position,
        rule.minutesBefore,
        rule.timeOfDay,
        JSON.stringify(rule.recipientFieldIds),
        rule.doneFieldId,
        JSON.stringify(rule.doneValues),
      ],
    );
  }
  return saved;
}

/**
 * The rules of a workspace as of a metadata version: setting rules bumps the version,
 * so the write path reads them from the database once per version and process.
 */
export class RuleCache {
  private readonly entries = new Map<string, { version: number; rules: Promise<ReminderRule[]> }>();

  rulesOf(em: Pick<EntityManager, 'execute'>, metadata: WorkspaceMetadata): Promise<ReminderRule[]> {
    const cached = this.entries.get(metadata.workspaceId);
    if (cached && cached.version === metadata.version) return cached.rules;
    const rules = readRules(em, metadata.workspaceId);
    this.entries.set(metadata.workspaceId, { version: metadata.version, rules });
    rules.catch(() => this.entries.delete(metadata.workspaceId));
    return rules;
  }
}
