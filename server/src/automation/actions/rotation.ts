import type { EntityManager } from '@mikro-orm/postgresql';
import { membersAmong } from '../../activities/index.js';

/**
 * The member whose turn it is: the first present one after `last` in `order`, wrapping around
 * (from the start when `last` is not in the list any more); null when nobody is present.
 */
export function nextInRotation(
  order: readonly string[],
  last: string | null,
  present: ReadonlySet<string>,
): string | null {
  const start = last === null ? 0 : order.indexOf(last) + 1;
  for (let i = 0; i < order.length; i++) {
    const candidate = order[(start + i) % order.length]!;
    if (present.has(candidate)) return candidate;
  }
  return null;
}

export interface RotationStep {
  workspaceId: string;
  ruleId: string;
  stepPath: string;
}

/**
 * Takes the next turn of a rule's rotation in the step's transaction: the row is locked until
 * it commits, so two runs at once give two consecutive members. A dry run only reads.
 */
export async function takeTurn(
  em: Pick<EntityManager, 'execute'>,
  step: RotationStep,
  order: readonly string[],
  options: { dryRun: boolean },
): Promise<string | null> {
  const key = [step.ruleId, step.stepPath];
  if (!options.dryRun)
    await em.execute(
      `insert into automation_rotation (workspace_id, rule_id, step_path) values (?, ?, ?) on conflict do nothing`,
      [step.workspaceId, ...key],
    );
  const [row] = await em.execute<{ last_user_id: string | null }[]>(
    `select last_user_id from automation_rotation where rule_id = ? and step_path = ?
     ${options.dryRun ? '' : 'for update'}`,
    key,
  );
  const next = nextInRotation(
    order,
    row?.last_user_id ?? null,
    await membersAmong(em, step.workspaceId, order, { present: true }),
  );
  if (next && !options.dryRun)
    await em.execute(
      `update automation_rotation set last_user_id = ?, turns = turns + 1, updated_at = now()
       where rule_id = ? and step_path = ?`,
      [next, ...key],
    );
  return next;
}
