import type { EntityManager } from '@mikro-orm/postgresql';
import { encodeTimeCursor, queryRows } from '../platform/index.js';
import type { TimelineSource } from '../timeline/index.js';
import { listRuns } from './history.js';
import { automationActorPrefix } from './model.js';

export const automationRunKind = 'AUTOMATION_RUN';

/**
 * The runs on a record in its timeline (newest first by the runs' own keyset), with their
 * rule, status and why a run stopped; the record changes a run made show as field changes
 * by "Automation: <rule>".
 */
export const automationTimelineSource: TimelineSource = {
  name: 'automation',
  kinds: [automationRunKind],
  async read(ctx, { target, after, first }) {
    const page = await listRuns(ctx.em, ctx.workspaceId, { recordId: target.recordId }, first, after);
    return page.nodes
      .filter((run) => !run.dry_run)
      .map((run) => ({
        item: {
          id: `automation-run:${run.id}`,
          kind: automationRunKind,
          at: new Date(run.created_at),
          actorId: run.rule_id,
          object: target.object.key,
          recordId: target.recordId,
          data: {
            runId: run.id,
            ruleId: run.rule_id,
            ruleName: run.rule_name,
            trigger: run.trigger,
            status: run.status,
            error: run.error,
            steps: run.steps.map((s) => ({ path: s.path, type: s.type, status: s.status })),
          },
        },
        cursor: encodeTimeCursor(new Date(run.created_at), run.id),
      }));
  },
};

/** "Automation: <name>" for a rule's id (the actor of its writes), or null. */
export async function automationActorName(
  em: EntityManager,
  workspaceId: string,
  actorId: string,
): Promise<string | null> {
  const [row] = await queryRows<{ name: string }>(
    em,
    'select name from automation_rule where workspace_id = ? and id = ?',
    [workspaceId, actorId],
  );
  return row ? `${automationActorPrefix}${row.name}` : null;
}
