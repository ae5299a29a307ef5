import type { EntityManager } from '@mikro-orm/postgresql';
import { cancelJobs, scheduleJobs, type ScheduledJob } from '../jobs/index.js';
import type { WorkspaceMetadata } from '../metadata/index.js';
import type { RecordChange, RecordHooks } from '../records/index.js';
import type { ReminderRule, RuleCache } from './reminder-rules.js';
import {
  readReminderStates,
  reminderKey,
  reminderTask,
  ruleTarget,
  type ReminderState,
} from './reminder-state.js';

export interface ReminderPayload {
  workspaceId: string;
  ruleId: string;
  recordId: string;
  /** When the job was due; the job fires only if the record still says so. */
  runAt: string;
}

/**
 * Reminders follow their records inside the write's transaction (a job scheduled by a
 * write commits with it): a new date reschedules (the same job key replaces the job),
 * a deleted, done or undated record cancels.
 */
export function reminderHooks(cache: RuleCache): RecordHooks {
  return {
    afterWrite: async ({ db: em, metadata, changes }) => {
      const rules = await cache.rulesOf(em, metadata);
      if (!rules.length) return;
      for (const rule of rules) {
        const ids = affectedRecords(metadata, rule, changes);
        if (ids.length) await followRecords(em, metadata, rule, ids);
      }
    },
  };
}

/** Records whose reminder may have moved: their date, done field, existence or (DATE) recipient changed. */
function affectedRecords(
  metadata: WorkspaceMetadata,
  rule: ReminderRule,
  changes: readonly Omit<RecordChange, 'changeId'>[],
): string[] {
  const target = ruleTarget(metadata, rule);
  if (!target) return [];
  // A DATE rule's time of day is read in its recipient's time zone: a new recipient may move it.
  const recipients = target.field.type === 'DATE' ? rule.recipientFieldIds : [];
  const keysOf = new Set(
    [rule.fieldId, rule.doneFieldId, ...recipients]
      .map((id) => target.object.fields.find((f) => f.id === id)?.key)
      .filter((key): key is string => !!key),
  );
  const ids = new Set<string>();
  for (const change of changes) {
    if (change.objectId !== rule.objectId) continue;
    if (change.kind !== 'update' || Object.keys(change.changes).some((key) => keysOf.has(key)))
      ids.add(change.recordId);
  }
  return [...ids];
}

async function followRecords(
  em: Pick<EntityManager, 'execute'>,
  metadata: WorkspaceMetadata,
  rule: ReminderRule,
  recordIds: string[],
): Promise<void> {
  const target = ruleTarget(metadata, rule)!;
  const states = new Map(
    (await readReminderStates(em, metadata, rule, target, recordIds)).map((s) => [s.recordId, s]),
  );
  const now = Date.now();
  const due: ScheduledJob[] = [];
  const cancelled: string[] = [];
  for (const recordId of recordIds) {
    const state = states.get(recordId);
    if (state && isPending(state, now)) due.push(reminderJob(metadata.workspaceId, rule, state));
    else cancelled.push(reminderKey(rule.id, recordId));
  }
  await scheduleJobs(em, due);
  await cancelJobs(em, cancelled);
}

/** A reminder still to come: a due time in the future on a live, open record. */
export function isPending(state: ReminderState, now: number): state is ReminderState & { runAt: Date } {
  return !state.idle && !!state.runAt && state.runAt.getTime() > now;
}

/** The job that sends one rule's reminder for one record, keyed so a later write replaces it. */
export function reminderJob(
  workspaceId: string,
  rule: ReminderRule,
  state: ReminderState & { runAt: Date },
): ScheduledJob {
  const payload: ReminderPayload = {
    workspaceId,
    ruleId: rule.id,
    recordId: state.recordId,
    runAt: state.runAt.toISOString(),
  };
  return {
    task: reminderTask,
    payload: { ...payload },
    runAt: state.runAt,
    key: reminderKey(rule.id, state.recordId),
  };
}
