import type { EntityManager } from '@mikro-orm/postgresql';

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

/** Of these users, the members of the workspace who are not away. */
export async function presentMembers(
  em: Pick<EntityManager, 'execute'>,
  workspaceId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await em.execute<{ user_id: string }[]>(
    `select user_id from membership where workspace_id = ? and not away
       and user_id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
    [workspaceId, JSON.stringify(userIds)],
  );
  return new Set(rows.map((row) => row.user_id));
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
    await presentMembers(em, step.workspaceId, order),
  );
  if (next && !options.dryRun)
    await em.execute(
      `update automation_rotation set last_user_id = ?, turns = turns + 1, updated_at = now()
       where rule_id = ? and step_path = ?`,
      [next, ...key],
    );
  return next;
}
