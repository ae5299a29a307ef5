import type { MikroORM } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import type { MetadataCache } from '../metadata/index.js';
import type { EventBus, Logger } from '../platform/index.js';
import type { RecordAccessViews } from '../records/index.js';
import { addNotifications, announce } from './inbox.js';
import { labelAsSeen } from './record-labels.js';
import type { RuleCache } from './reminder-rules.js';
import type { ReminderPayload } from './reminder-schedule.js';
import { readReminderStates, ruleTarget } from './reminder-state.js';

/** A job whose record now says another time was replaced by a newer job: it does nothing. */
const sameTimeToleranceMs = 1_000;

export interface ReminderJobDeps {
  orm: MikroORM;
  events: EventBus;
  logger: Logger;
  /** A burst of reminders of one workspace reads its metadata once, not once per job. */
  metadataCache: MetadataCache;
  /** Each recipient's permission profile: one who cannot read the record is not reminded of it. */
  recordAccess: RecordAccessViews;
  /** Fired this long after its due time (the server was down, or the queue behind): marked late. */
  lateAfterMs: number;
}

/**
 * Runs one reminder: re-reads the rule and the record and notifies its recipient only if the
 * reminder still holds for them and their permission profile reads the record (still a recipient, same due time, record live and not done). Idempotent: the notification's
 * dedupe key (rule, record, due time, member) makes a second run add nothing.
 */
export function sendDueReminder(deps: ReminderJobDeps, rules: RuleCache): Task {
  return async (raw) => {
    const payload = raw as ReminderPayload;
    const em = deps.orm.em.fork();
    // Rules are metadata: those of the current version include this one unless it was removed.
    const metadata = await deps.metadataCache.get(em, payload.workspaceId);
    if (!metadata) return;
    const rule = (await rules.rulesOf(em, metadata)).find((r) => r.id === payload.ruleId);
    if (!rule) return;
    const target = ruleTarget(metadata, rule);
    if (!target) return;
    const dueAt = new Date(payload.runAt);
    // Still due at this time for this recipient (all recipients, for a job from before
    // per-recipient reminders); otherwise a newer job replaced this one.
    const recipients = (await readReminderStates(em, metadata, rule, target, [payload.recordId]))
      .filter((state) => !payload.recipientId || state.recipientId === payload.recipientId)
      .filter((state) => !state.idle && state.runAt)
      .filter((state) => Math.abs(state.runAt!.getTime() - dueAt.getTime()) <= sameTimeToleranceMs);
    const state = recipients[0];
    if (!state) return;
    const members = await em.execute<{ user_id: string }[]>(
      'select user_id from membership where workspace_id = ? and user_id in (select jsonb_array_elements_text(?::jsonb)::uuid)',
      [rule.workspaceId, JSON.stringify(recipients.map((r) => r.recipientId))],
    );
    const views = await deps.recordAccess.readersOf(
      em,
      { workspaceId: rule.workspaceId, metadata, object: target.object, recordId: payload.recordId },
      members.map((m) => m.user_id),
    );
    const readers = [...views].flatMap(([userId, view]) => (view ? [{ userId, view }] : []));
    const late = Date.now() - dueAt.getTime() > deps.lateAfterMs;
    const added = await addNotifications(
      em,
      readers.map(({ userId, view }) => ({
        workspaceId: rule.workspaceId,
        userId,
        kind: 'REMINDER' as const,
        objectId: rule.objectId,
        recordId: payload.recordId,
        label: labelAsSeen(state.label, target.object, view),
        dueAt,
        late,
        dedupeKey: `reminder:${rule.id}:${payload.recordId}:${dueAt.toISOString()}`,
      })),
    );
    await announce(deps.events, added);
    if (added.length)
      deps.logger.debug({ ruleId: rule.id, recordId: payload.recordId, late }, 'reminder fired');
  };
}
