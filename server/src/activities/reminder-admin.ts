import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission } from '../identity/index.js';
import type { ActivitiesContext } from './services.js';
import {
  changeMetadata,
  loadMetadata,
  qualified,
  type MetadataTx,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { parseReminderRules, reminderTarget, type ReminderRuleInput } from './reminder-input.js';
import { readRules, replaceFieldRules, type ReminderRule } from './reminder-rules.js';
import { scheduleJobs } from '../jobs/index.js';
import { isPending, reminderJob } from './reminder-schedule.js';
import { maybeAheadSql, readReminderStates, ruleTarget } from './reminder-state.js';

/** The workspace's reminder rules, of one object or all, with the metadata to name them. */
export async function listReminderRules(
  ctx: ActivitiesContext,
  objectKey: string | null,
): Promise<{ rules: ReminderRule[]; metadata: WorkspaceMetadata }> {
  const access = requirePermission(ctx, 'records.read');
  const metadata = await loadMetadata(ctx.em, access.workspaceId);
  const object = objectKey ? metadata.objects.find((o) => o.key === objectKey && !o.archivedAt) : undefined;
  const rules = (await readRules(ctx.em, access.workspaceId)).filter(
    (rule) => ruleTarget(metadata, rule) && (!objectKey || rule.objectId === object?.id),
  );
  return { rules, metadata };
}

/**
 * Replaces a field's reminder rules (an admin's metadata change, so the write path's rule
 * cache moves to the new version) and schedules them for the records already dated ahead.
 */
export async function setReminderRules(
  ctx: ActivitiesContext,
  objectKey: string,
  fieldKey: string,
  inputs: ReminderRuleInput[],
): Promise<{ rules: ReminderRule[]; metadata: WorkspaceMetadata }> {
  const access = requirePermission(ctx, 'metadata.write');
  const rules = await changeMetadata(ctx, (tx) => replaceReminderRules(tx, objectKey, fieldKey, inputs));
  return { rules, metadata: await loadMetadata(ctx.em.fork(), access.workspaceId) };
}

/**
 * Inside a metadata transaction (an admin's change or a template install): checks and
 * replaces a field's rules, and schedules them for the records already dated ahead.
 */
export async function replaceReminderRules(
  tx: MetadataTx,
  objectKey: string,
  fieldKey: string,
  inputs: ReminderRuleInput[],
): Promise<ReminderRule[]> {
  const { object, field } = reminderTarget(tx.metadata, objectKey, fieldKey);
  const parsed = parseReminderRules(object, field, inputs);
  const saved = await replaceFieldRules(
    tx.em,
    { workspaceId: tx.workspaceId, objectId: object.id, fieldId: field.id },
    parsed,
  );
  for (const rule of saved) await scheduleExisting(tx.em, tx.metadata, rule);
  return saved;
}

/** The rules of one field as they would be written: field keys, defaults filled in. */
export interface FieldReminders {
  object: string;
  field: string;
  rules: {
    minutesBefore: number;
    timeOfDay: string | null;
    recipients: string[];
    doneField: string | null;
    doneValues: string[];
  }[];
}

/**
 * The workspace's rules per field of an active object, in input form, for templates to
 * compare with theirs and to export.
 */
export async function fieldReminders(
  em: Pick<EntityManager, 'execute'>,
  metadata: WorkspaceMetadata,
): Promise<FieldReminders[]> {
  const byField = new Map<string, FieldReminders>();
  for (const rule of await readRules(em, metadata.workspaceId)) {
    const object = metadata.objects.find((o) => o.id === rule.objectId && !o.archivedAt);
    const field = object?.fields.find((f) => f.id === rule.fieldId);
    if (!object || !field) continue;
    const keyOf = (id: string | null) => object.fields.find((f) => f.id === id)?.key ?? null;
    const entry = byField.get(field.id) ?? { object: object.key, field: field.key, rules: [] };
    byField.set(field.id, entry);
    entry.rules.push({
      minutesBefore: rule.minutesBefore,
      timeOfDay: rule.timeOfDay,
      recipients: rule.recipientFieldIds.map((id) => keyOf(id) ?? id),
      doneField: keyOf(rule.doneFieldId),
      doneValues: rule.doneValues,
    });
  }
  return [...byField.values()];
}

const batchSize = 500;

/** Jobs for the records whose reminder is still ahead; past ones are not sent after the fact. */
async function scheduleExisting(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  rule: ReminderRule,
): Promise<void> {
  const target = ruleTarget(metadata, rule)!;
  const rows = await em.execute<{ id: string }[]>(
    `select t.id from ${qualified(metadata.schema, target.object.table)} t
     where t.deleted_at is null and ${maybeAheadSql(target)}`,
  );
  const now = Date.now();
  for (let start = 0; start < rows.length; start += batchSize) {
    const ids = rows.slice(start, start + batchSize).map((row) => row.id);
    const states = await readReminderStates(em, metadata, rule, target, ids);
    await scheduleJobs(
      em,
      states
        .filter((state) => isPending(state, now))
        .map((state) => reminderJob(metadata.workspaceId, rule, state)),
    );
  }
}
