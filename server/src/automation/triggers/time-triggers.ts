import type { MikroORM } from '@mikro-orm/postgresql';
import type { Task } from 'graphile-worker';
import { cancelJobsByPrefix, scheduleJobs } from '../../jobs/index.js';
import { qualified, type MetadataCache, type WorkspaceMetadata } from '../../metadata/index.js';
import type { Logger } from '../../platform/index.js';
import type { RecordChange, SqlRecordStore } from '../../records/index.js';
import type { AutomationRule } from '../model.js';
import type { StartRun, TimeTriggers } from './contract.js';
import { dueTimeOf } from './date-due.js';
import {
  dateJobPrefix,
  dateTarget,
  dateTask,
  followDateRecords,
  maybeAheadSql,
  readDateStates,
  type DatePayload,
} from './date-jobs.js';
import { startRun } from '../runs.js';
import { isLive, storedRules, type RuleReader } from './rule-reader.js';
import {
  cancelSchedule,
  scheduleNext,
  scheduleZone,
  type SchedulePayload,
  scheduleTask,
} from './schedule-jobs.js';

export interface TimeTriggerDeps {
  orm: MikroORM;
  logger: Logger;
  metadataCache: MetadataCache;
  /** The record store (for a schedule's filter), read when a job runs: the app makes it after the engine. */
  records: () => SqlRecordStore;
  rules?: RuleReader;
  startRun?: StartRun;
}

interface Deps extends TimeTriggerDeps {
  rules: RuleReader;
  startRun: StartRun;
}

const backfillTask = 'automation-date-backfill';
/** Records a new or edited date rule schedules per job: the rest follow in the next job. */
export const backfillBatch = 500;
/** A scheduled rule with a filter starts at most this many runs per occurrence. */
export const maxScheduledRecords = 1_000;
/** A job's time and the time its record says now agree within this much: it is still the one. */
const sameTimeToleranceMs = 1_000;

interface BackfillPayload {
  workspaceId: string;
  ruleId: string;
  version: number;
  afterId: string | null;
}

/**
 * DATE_RELATIVE: one job per rule and record, moved as the record's date changes, cancelled
 * when it is deleted or the rule turned off; a new or edited rule schedules the records
 * already there in batches. SCHEDULE: one job per rule that schedules the next occurrence
 * as it fires. Due jobs start runs keyed by the due time, so each occurrence runs once.
 */
export function createTimeTriggers(given: TimeTriggerDeps): TimeTriggers {
  const deps: Deps = { rules: storedRules, startRun, ...given };
  return {
    async ruleSaved(em, _metadata, ruleId, rule) {
      await cancelJobsByPrefix(em, [dateJobPrefix(ruleId)]);
      await cancelSchedule(em, ruleId);
      if (isLive(rule, 'SCHEDULE')) await scheduleNext(em, rule, new Date());
      if (isLive(rule, 'DATE_RELATIVE')) {
        const payload: BackfillPayload = {
          workspaceId: rule.workspaceId,
          ruleId,
          version: rule.version,
          afterId: null,
        };
        await scheduleJobs(em, [
          {
            task: backfillTask,
            key: `automation:date-backfill:${ruleId}`,
            runAt: new Date(),
            payload: { ...payload },
          },
        ]);
      }
    },

    async changesConsumed(em, metadata, rules, changes) {
      const now = new Date();
      for (const rule of rules) {
        if (!isLive(rule, 'DATE_RELATIVE')) continue;
        const target = dateTarget(metadata, rule);
        if (!target) continue;
        const moved = changes.filter(
          (c) => c.objectId === target.object.id && (c.kind !== 'update' || touchesDate(c, target.field.key)),
        );
        if (moved.length)
          await followDateRecords(
            em,
            metadata,
            rule,
            target,
            [...new Set(moved.map((c) => c.recordId))],
            now,
          );
      }
    },

    tasks: {
      [dateTask]: fireDate(deps),
      [backfillTask]: backfill(deps),
      [scheduleTask]: fireSchedule(deps),
    },
  };
}

/** The date, or the owner whose zone a DATE is read in. */
function touchesDate(change: RecordChange, dateField: string): boolean {
  return dateField in change.changes || 'owner' in change.changes;
}

async function liveRule(
  deps: Deps,
  em: Parameters<RuleReader['get']>[0],
  payload: { workspaceId: string; ruleId: string },
  kind: 'DATE_RELATIVE' | 'SCHEDULE',
): Promise<{ rule: AutomationRule; metadata: WorkspaceMetadata } | null> {
  const rule = await deps.rules.get(em, payload.workspaceId, payload.ruleId);
  if (!isLive(rule, kind)) return null;
  const metadata = await deps.metadataCache.get(em, payload.workspaceId);
  return metadata ? { rule, metadata } : null;
}

/** A record's date came due: starts the run unless the date moved since (then a newer job holds). */
function fireDate(deps: Deps): Task {
  return async (raw) => {
    const payload = raw as DatePayload;
    const dueAt = new Date(payload.dueAt);
    await deps.orm.em.fork().transactional(async (em) => {
      const live = await liveRule(deps, em, payload, 'DATE_RELATIVE');
      const target = live && dateTarget(live.metadata, live.rule);
      if (!live || !target) return;
      const [state] = await readDateStates(em, live.metadata, live.rule, target, [payload.recordId]);
      if (!state || state.deleted || state.value === null) return;
      const due = dueTimeOf(target.timing, state.value, state.timeZone, new Date(dueAt.getTime() - 1));
      if (!due || Math.abs(due.getTime() - dueAt.getTime()) > sameTimeToleranceMs) return;
      await deps.startRun(em, {
        workspaceId: payload.workspaceId,
        ruleId: live.rule.id,
        recordId: payload.recordId,
        trigger: 'DATE_RELATIVE',
        dedupeKey: `${live.rule.id}:${payload.recordId}:${payload.dueAt}`,
      });
      // A yearly date's next occurrence: a new job under the same key (this one is running).
      if (target.timing.yearly)
        await followDateRecords(em, live.metadata, live.rule, target, [payload.recordId], dueAt);
    });
  };
}

/** Schedules a batch of a new or edited rule's records, then the next batch as another job. */
function backfill(deps: Deps): Task {
  return async (raw) => {
    const payload = raw as BackfillPayload;
    await deps.orm.em.fork().transactional(async (em) => {
      const live = await liveRule(deps, em, payload, 'DATE_RELATIVE');
      // Edited again since: that edit's backfill does the work.
      if (!live || live.rule.version !== payload.version) return;
      const target = dateTarget(live.metadata, live.rule);
      if (!target) return;
      const ahead = maybeAheadSql(target);
      const rows = await em.execute<{ id: string }[]>(
        `select t.id from ${qualified(live.metadata.schema, target.object.table)} t
         where t.deleted_at is null and ${ahead.sql} ${payload.afterId ? 'and t.id > ?' : ''}
         order by t.id limit ?`,
        [...ahead.params, ...(payload.afterId ? [payload.afterId] : []), backfillBatch],
      );
      const ids = rows.map((row) => row.id);
      await followDateRecords(em, live.metadata, live.rule, target, ids, new Date());
      if (ids.length === backfillBatch) {
        const next: BackfillPayload = { ...payload, afterId: ids[ids.length - 1]! };
        await scheduleJobs(em, [
          {
            task: backfillTask,
            key: `automation:date-backfill:${payload.ruleId}`,
            runAt: new Date(),
            payload: { ...next },
          },
        ]);
      }
    });
  };
}

/**
 * A schedule's occurrence: one run (record-less), or one per record matching the rule's
 * `scheduleFilter`; then the next occurrence (missed ones, while the server was down, are
 * not made up: one late run stands for them).
 */
function fireSchedule(deps: Deps): Task {
  return async (raw) => {
    const payload = raw as SchedulePayload;
    await deps.orm.em.fork().transactional(async (em) => {
      const live = await liveRule(deps, em, payload, 'SCHEDULE');
      if (!live) return;
      const { rule, metadata } = live;
      if (rule.trigger.cron !== payload.cron || scheduleZone(rule) !== payload.timeZone) return;
      const request = { workspaceId: rule.workspaceId, ruleId: rule.id, trigger: 'SCHEDULE' as const };
      if (!rule.trigger.scheduleFilter)
        await deps.startRun(em, { ...request, recordId: null, dedupeKey: `${rule.id}:${payload.dueAt}` });
      else
        for (const recordId of await matchingRecords(deps, em, metadata, rule))
          await deps.startRun(em, {
            ...request,
            recordId,
            dedupeKey: `${rule.id}:${recordId}:${payload.dueAt}`,
          });
      const dueAt = new Date(payload.dueAt);
      await scheduleNext(em, rule, new Date(Math.max(dueAt.getTime(), Date.now())));
    });
  };
}

async function matchingRecords(
  deps: Deps,
  em: Parameters<RuleReader['get']>[0],
  metadata: WorkspaceMetadata,
  rule: AutomationRule,
): Promise<string[]> {
  const object = metadata.objects.find((o) => o.key === rule.object && !o.archivedAt);
  if (!object) return [];
  const ctx = { em, metadata, actorId: rule.id, timeZone: scheduleZone(rule) };
  const ids: string[] = [];
  let after: string | null = null;
  while (ids.length < maxScheduledRecords) {
    const page = await deps.records().list(ctx, object, {
      filter: rule.trigger.scheduleFilter,
      first: 500,
      after,
    });
    ids.push(...page.nodes.map((node) => node.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  if (ids.length >= maxScheduledRecords)
    deps.logger.warn({ ruleId: rule.id, limit: maxScheduledRecords }, 'scheduled rule capped its records');
  return ids.slice(0, maxScheduledRecords);
}
