import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChangeConsumer } from '../consumers/index.js';
import { queryRows } from '../platform/index.js';
import type { ChangeLogRow } from '../records/index.js';
import type { ActiveRules } from './active-rules.js';
import { toRecordChange } from './changes.js';
import { matchingEach, readerFor } from './condition.js';
import type { AutomationRule } from './model.js';
import { startRuns, type RunStart } from './runs.js';
import type { TimeTriggers } from './triggers/contract.js';
import { changeFires, recordTriggerKinds } from './triggers/record-triggers.js';

export const dispatcherName = 'automation';

interface Cause {
  depth: number;
  actorId: string | null;
}

/**
 * The dispatcher: a change consumer that matches each committed change against the
 * workspace's record-triggered rules (trigger, then condition on the record now, in SQL)
 * and starts their runs in its own transaction, so each change × rule starts one run.
 * A change written by a run carries its chain depth on (the loop guard).
 */
export function automationDispatcher(rules: ActiveRules, timeTriggers: TimeTriggers): ChangeConsumer {
  return {
    name: dispatcherName,
    wants: async (metadata) => (await rules.of(metadata)).length > 0,
    // Only the objects rules are on: a run's own writes elsewhere (its task) wake nothing.
    wakesFor: async (metadata, objectId) => {
      const key = metadata.objects.find((o) => o.id === objectId)?.key;
      return (await rules.of(metadata)).some((r) => r.object === key);
    },
    consume: async (em, { workspaceId, metadata, changes }) => {
      const active = await rules.of(metadata, em);
      await timeTriggers.changesConsumed(em, metadata, active, changes.map(toRecordChange));
      const fired = active.filter((r) => recordTriggerKinds.has(r.trigger.kind));
      if (!fired.length) return;
      const causes = await causesOf(em, changes);
      const starts: RunStart[] = [];
      for (const object of metadata.objects) {
        const rules = fired.filter((r) => r.object === object.key && !object.archivedAt);
        if (!rules.length) continue;
        const ofObject = changes.filter((c) => c.object_id === object.id);
        for (const [actorId, group] of byActor(ofObject, causes)) {
          const firing = rules.map((rule) =>
            group.filter((c) => isAfterStart(rule, c) && changeFires(rule, object, c)),
          );
          const ids = [...new Set(firing.flat().map((c) => c.record_id))];
          if (!ids.length) continue;
          // Every rule of the object over every firing record, in one statement.
          const matched = await matchingEach(
            em,
            metadata,
            object,
            ids,
            rules.map((r) => r.condition),
            readerFor(actorId),
          );
          for (const [i, rule] of rules.entries())
            for (const change of firing[i]!.filter((c) => matched[i]!.has(c.record_id)))
              starts.push({
                rule,
                request: runRequest(workspaceId, rule, change, causes.get(change.xid), actorId),
              });
        }
      }
      // One insert and one job for the batch's runs, which then execute together.
      await startRuns(em, starts);
      if (Math.random() < 0.01) await forgetOldWrites(em);
    },
  };
}

/** Changes written before the rule turned active are not its to act on. */
function isAfterStart(rule: AutomationRule, change: ChangeLogRow): boolean {
  return rule.firesAfterChange === null || BigInt(change.id) > rule.firesAfterChange;
}

function runRequest(
  workspaceId: string,
  rule: AutomationRule,
  change: ChangeLogRow,
  cause: Cause | undefined,
  actorId: string | null,
) {
  return {
    workspaceId,
    ruleId: rule.id,
    recordId: change.record_id,
    trigger: rule.trigger.kind,
    changeId: String(change.id),
    dedupeKey: `${rule.id}:${change.id}`,
    depth: (cause?.depth ?? 0) + 1,
    actorId,
  };
}

/** Changes grouped by the user who caused them (through runs: the run's cause). */
function byActor(
  changes: readonly ChangeLogRow[],
  causes: Map<string, Cause>,
): Map<string | null, ChangeLogRow[]> {
  const groups = new Map<string | null, ChangeLogRow[]>();
  for (const change of changes) {
    const cause = causes.get(change.xid);
    const actor = cause ? cause.actorId : change.actor_id;
    groups.set(actor, [...(groups.get(actor) ?? []), change]);
  }
  return groups;
}

/** The runs whose steps wrote these changes, by transaction id. */
async function causesOf(em: EntityManager, changes: readonly ChangeLogRow[]): Promise<Map<string, Cause>> {
  const xids = [...new Set(changes.map((c) => c.xid))];
  const rows = await queryRows<{ xid: string; depth: number; actor_id: string | null }>(
    em,
    'select xid::text, depth, actor_id from automation_write where xid = any(?::xid8[])',
    [`{${xids.join(',')}}`],
  );
  return new Map(rows.map((r) => [r.xid, { depth: r.depth, actorId: r.actor_id }]));
}

/** Runs' write marks outlive the dispatcher's need for them by far after a day. */
async function forgetOldWrites(em: EntityManager): Promise<void> {
  await queryRows(em, `delete from automation_write where created_at < now() - interval '1 day'`);
}
