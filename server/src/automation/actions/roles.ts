import type { EntityManager } from '@mikro-orm/postgresql';
import { BadInput } from '../../platform/index.js';
import type { MemberRole } from '../model.js';

/**
 * Members named by role: how a rule that cannot know user ids (a template's) names "the
 * agents" for a round-robin or "the managers" to notify.
 */

export const memberRoles: readonly MemberRole[] = ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'];

/** A role, or BadInput at `path`. */
export function expectRole(value: unknown, path: readonly string[]): MemberRole {
  if (!memberRoles.includes(value as MemberRole))
    throw new BadInput(path, `one of ${memberRoles.join(', ')}.`);
  return value as MemberRole;
}

/** A list of roles, or BadInput at `path` naming the bad one. */
export function expectRoles(value: unknown, path: readonly string[]): MemberRole[] {
  if (!Array.isArray(value)) throw new BadInput(path, `a list of roles (${memberRoles.join(', ')}).`);
  return value.map((role, i) => expectRole(role, [...path, String(i)]));
}

/** The members holding one of `roles`, in the order they joined (a rotation's order). */
export async function membersWithRoles(
  em: Pick<EntityManager, 'execute'>,
  workspaceId: string,
  roles: readonly MemberRole[],
): Promise<string[]> {
  if (!roles.length) return [];
  const rows = await em.execute<{ user_id: string }[]>(
    `select user_id from membership where workspace_id = ?
       and role::text in (select jsonb_array_elements_text(?::jsonb))
     order by created_at, user_id`,
    [workspaceId, JSON.stringify(roles.map((r) => r.toLowerCase()))],
  );
  return rows.map((row) => row.user_id);
}
