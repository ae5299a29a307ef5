import type { EntityManager } from '@mikro-orm/postgresql';
import { cancelJobs, cancelJobsByPrefix, scheduleJobs, type ScheduledJob } from '../jobs/index.js';
import type { WorkspaceMetadata } from '../metadata/index.js';
import type { RecordChange, RecordHooks } from '../records/index.js';
import type { ReminderRule, RuleCache } from './reminder-rules.js';
import {
  readReminderStates,
  recordReminderKey,
  reminderKey,
  reminderTask,
  ruleTarget,
  type ReminderState,
} from './reminder-state.js';

export interface ReminderPayload {
  workspaceId: string;
  ruleId: string;
  recordId: string;
  /** The one member this job reminds (jobs from before per-recipient reminders have none: all). */
  recipientId?: string;
  /** When the job was due; the job fires only if the record still says so. */
  runAt: string;
}

/**
 * Reminders follow their records inside the write's transaction (a job scheduled by a
 * write commits with it): a new date reschedules (the same job key replaces the job),
 * a deleted, done or undated record cancels. One job per recipient, so each is reminded
 * at their own time of day (DATE fields, read in their time zone).
 */
export function reminderHooks(cache: RuleCache): RecordHooks {
  return {
    afterWrite: async ({ db: em, metadata, changes }) => {
      const rules = await cache.rulesOf(em, metadata);
      if (!rules.length) return;
      for (const rule of rules) {
        const affected = affectedRecords(metadata, rule, changes);
        if (affected.size) await followRecords(em, metadata, rule, affected);
      }
    },
    actsOnUpdate: async ({ db, metadata, objectId, fieldKeys }) => {
      const rules = await cache.rulesOf(db, metadata);
      return rules.some(
        (rule) =>
          rule.objectId === objectId && fieldKeys.some((key) => ruleFieldKeys(metadata, rule).has(key)),
      );
    },
  };
}

/** The keys of the fields a rule follows on its object: its date, its done field, its recipients. */
function ruleFieldKeys(metadata: WorkspaceMetadata, rule: ReminderRule): Set<string> {
  const object = ruleTarget(metadata, rule)?.object;
  const keyOf = (id: string | null) => object?.fields.find((f) => f.id === id)?.key;
  return new Set(
    [rule.fieldId, rule.doneFieldId, ...rule.recipientFieldIds].map(keyOf).filter((key) => key !== undefined),
  );
}

/**
 * Records whose reminders may have moved (their date, done field, existence or recipients
 * changed), each with the recipients it had before the write: their jobs may have to go.
 */
function affectedRecords(
  metadata: WorkspaceMetadata,
  rule: ReminderRule,
  changes: readonly Omit<RecordChange, 'changeId'>[],
): Map<string, Set<string>> {
  const target = ruleTarget(metadata, rule);
  const affected = new Map<string, Set<string>>();
  if (!target) return affected;
  const keyOf = (id: string | null) => target.object.fields.find((f) => f.id === id)?.key;
  const recipientKeys = rule.recipientFieldIds.map(keyOf).filter((key): key is string => !!key);
  const keys = ruleFieldKeys(metadata, rule);
  for (const change of changes) {
    if (change.objectId !== rule.objectId) continue;
    if (change.kind === 'update' && !Object.keys(change.changes).some((key) => keys.has(key))) continue;
    const formerRecipients = affected.get(change.recordId) ?? new Set<string>();
    for (const key of recipientKeys) {
      const before = change.changes[key]?.[0];
      if (typeof before === 'string') formerRecipients.add(before);
    }
    affected.set(change.recordId, formerRecipients);
  }
  return affected;
}

/**
 * Schedules each recipient's pending reminder of these records and cancels the rest: the
 * jobs of recipients now idle and of `formerRecipients`. A record gone from the table has
 * all its jobs cancelled by key prefix.
 */
export async function followRecords(
  em: Pick<EntityManager, 'execute'>,
  metadata: WorkspaceMetadata,
  rule: ReminderRule,
  formerRecipients: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<void> {
  const target = ruleTarget(metadata, rule)!;
  const states = await readReminderStates(em, metadata, rule, target, [...formerRecipients.keys()]);
  const now = Date.now();
  const due: ScheduledJob[] = [];
  const cancelled = new Set<string>();
  const seen = new Set<string>();
  for (const state of states) {
    seen.add(state.recordId);
    if (isPending(state, now)) due.push(reminderJob(metadata.workspaceId, rule, state));
    else cancelled.add(reminderKey(rule.id, state.recordId, state.recipientId));
  }
  const pending = new Set(due.map((job) => job.key));
  const vanished: string[] = [];
  for (const [recordId, former] of formerRecipients) {
    // The single job a record had before reminders were per recipient.
    cancelled.add(recordReminderKey(rule.id, recordId));
    for (const userId of former) {
      const key = reminderKey(rule.id, recordId, userId);
      if (!pending.has(key)) cancelled.add(key);
    }
    if (!seen.has(recordId)) vanished.push(recordReminderKey(rule.id, recordId));
  }
  await scheduleJobs(em, due);
  await cancelJobs(em, [...cancelled]);
  await cancelJobsByPrefix(em, vanished);
}

/** A reminder still to come: a due time in the future on a live, open record. */
export function isPending(state: ReminderState, now: number): state is ReminderState & { runAt: Date } {
  return !state.idle && !!state.runAt && state.runAt.getTime() > now;
}

/** The job that sends one rule's reminder for one record to one recipient, keyed so a later write replaces it. */
export function reminderJob(
  workspaceId: string,
  rule: ReminderRule,
  state: ReminderState & { runAt: Date },
): ScheduledJob {
  const payload: ReminderPayload = {
    workspaceId,
    ruleId: rule.id,
    recordId: state.recordId,
    recipientId: state.recipientId,
    runAt: state.runAt.toISOString(),
  };
  return {
    task: reminderTask,
    payload: { ...payload },
    runAt: state.runAt,
    key: reminderKey(rule.id, state.recordId, state.recipientId),
  };
}
