import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Conflict, NotFound } from '../platform/index.js';
import { requirePermission, requireRankOver } from './access.js';
import type { IdentityContext } from './context.js';
import { ApiToken, Membership } from './entities/index.js';
import { Role } from './roles.js';

export async function listMembers(ctx: IdentityContext): Promise<Membership[]> {
  const access = requirePermission(ctx, 'members.read');
  return ctx.em.find(
    Membership,
    { workspace: access.workspaceId },
    { populate: ['user'], orderBy: { createdAt: 'asc', id: 'asc' } },
  );
}

export async function findMember(
  ctx: IdentityContext,
  workspaceId: string,
  userId: string,
): Promise<Membership | null> {
  return ctx.em.findOne(Membership, { workspace: workspaceId, user: userId }, { populate: ['user'] });
}

/** Nobody changes a role above their own or grants one; a workspace always keeps an owner. */
export async function updateMemberRole(
  ctx: IdentityContext,
  userId: string,
  role: Role,
): Promise<Membership> {
  const access = requirePermission(ctx, 'members.manage');
  const member = await ctx.em.transactional(async (em) => {
    const target = await lockedMember(em, access.workspaceId, userId);
    requireRankOver(access, target.role, 'change the role of a member ranked above it');
    requireRankOver(access, role, 'grant a role above its own');
    if (target.role === role) return target;
    if (target.role === Role.OWNER) await assertAnotherOwner(em, access.workspaceId);
    await ctx.services.audit.record(em, ctx, {
      workspaceId: access.workspaceId,
      action: 'member.role_changed',
      ...aboutMember(target),
      details: { from: target.role, to: role },
    });
    target.role = role;
    return target;
  });
  await ctx.services.callers.forget({ workspaceId: access.workspaceId, userId });
  await ctx.services.events.publish('workspace.members', access.workspaceId, { kind: 'UPDATED', userId });
  return member;
}

/** Marks a member away or back: themselves, or anyone for admins. */
export async function setMemberAway(
  ctx: IdentityContext,
  userId: string,
  away: boolean,
): Promise<Membership> {
  const self = userId === ctx.caller?.user.id;
  const access = requirePermission(ctx, self ? 'workspace.read' : 'members.manage');
  const member = await findMember(ctx, access.workspaceId, userId);
  if (!member) throw new NotFound('That member');
  if (member.away !== away) {
    await ctx.em.nativeUpdate(Membership, { id: member.id }, { away });
    member.away = away;
    await ctx.services.events.publish('workspace.members', access.workspaceId, { kind: 'UPDATED', userId });
  }
  return member;
}

/**
 * Removes a member, or the caller themself (leaving). Either way the caller must rank at
 * least as high as the membership ended: a token capped below its user's role cannot
 * make them leave.
 */
export async function removeMember(ctx: IdentityContext, userId: string): Promise<boolean> {
  const leaving = userId === ctx.caller?.user.id;
  const access = requirePermission(ctx, leaving ? 'workspace.read' : 'members.manage');
  let revokedTokenIds: string[] = [];
  await ctx.em.transactional(async (em) => {
    const target = await lockedMember(em, access.workspaceId, userId);
    requireRankOver(
      access,
      target.role,
      leaving ? 'leave for a member ranked above it' : 'remove this member',
    );
    if (target.role === Role.OWNER) await assertAnotherOwner(em, access.workspaceId);
    em.remove(target);
    await ctx.services.audit.record(em, ctx, {
      workspaceId: access.workspaceId,
      action: leaving ? 'member.left' : 'member.removed',
      ...aboutMember(target),
      details: { role: target.role },
    });
    // Their tokens die with the membership rather than waiting for the next request's check.
    const live = await em.find(
      ApiToken,
      { workspace: access.workspaceId, user: userId, revokedAt: null },
      { fields: ['id'] },
    );
    revokedTokenIds = live.map((token) => token.id);
    if (revokedTokenIds.length) {
      await em.nativeUpdate(ApiToken, { id: { $in: revokedTokenIds } }, { revokedAt: new Date() });
    }
  });
  // The member's cached callers (their tokens' too) go first, on every process.
  await ctx.services.callers.forget({ workspaceId: access.workspaceId, userId });
  await ctx.services.events.publish('workspace.members', access.workspaceId, { kind: 'REMOVED', userId });
  // Sockets opened with those tokens close, on every process.
  for (const tokenId of revokedTokenIds) await ctx.services.callers.forget({ tokenId });
  return true;
}

function aboutMember(member: Membership) {
  return { objectKey: 'member', targetIds: [member.user.id], targetNames: [member.user.name] };
}

async function lockedMember(em: EntityManager, workspaceId: string, userId: string): Promise<Membership> {
  // Lock every membership row of the workspace so two concurrent demotions cannot leave it ownerless.
  const rows = await em.find(
    Membership,
    { workspace: workspaceId },
    { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['user'] },
  );
  const target = rows.find((row) => row.user.id === userId);
  if (!target) throw new NotFound('That member');
  return target;
}

async function assertAnotherOwner(em: EntityManager, workspaceId: string): Promise<void> {
  if ((await em.count(Membership, { workspace: workspaceId, role: Role.OWNER })) < 2) {
    throw new Conflict('A workspace needs at least one owner; make someone else owner first.');
  }
}
