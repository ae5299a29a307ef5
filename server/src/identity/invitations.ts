import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadInput, Conflict, Forbidden, NotFound } from '../platform/index.js';
import { requirePermission, requireRankOver } from './access.js';
import type { IdentityContext } from './context.js';
import { invitationMail } from './account-mail.js';
import { Invitation, Membership, User, Workspace } from './entities/index.js';
import { Role } from './roles.js';
import { hashSecret, newSecret } from './secret-token.js';

export interface InviteRequest {
  email: string;
  role: Role;
  expiresInDays?: number;
}

export async function inviteMember(
  ctx: IdentityContext,
  request: InviteRequest,
): Promise<{ token: string; invitation: Invitation }> {
  const access = requirePermission(ctx, 'members.manage');
  requireRankOver(access, request.role, 'invite with a role above its own');
  const email = request.email.trim().toLowerCase();
  const existing = await ctx.em.findOne(User, { email });
  if (existing && (await ctx.em.count(Membership, { workspace: access.workspaceId, user: existing }))) {
    throw new Conflict(`${email} is already a member of this workspace.`, { field: 'email' });
  }
  const token = newSecret('invite');
  const expiresInDays = request.expiresInDays ?? 7;
  // The invitation and its mail commit together.
  const invitation = await ctx.em.transactional(async (em) => {
    const created = em.create(Invitation, {
      tokenHash: hashSecret(token),
      workspace: access.workspaceId,
      email,
      role: request.role,
      invitedBy: em.getReference(User, access.caller.user.id),
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + expiresInDays * 86_400_000),
    });
    await em.flush();
    const workspace = await em.findOneOrFail(Workspace, { id: access.workspaceId });
    await ctx.services.audit.record(em, ctx, {
      workspaceId: access.workspaceId,
      action: 'member.invited',
      objectKey: 'invitation',
      targetIds: [created.id],
      targetNames: [email],
      details: { role: request.role, expiresInDays },
    });
    const url = ctx.services.accountMail.link('/sign-up', { invitation: token, email });
    await ctx.services.accountMail.queue(em, {
      workspaceId: access.workspaceId,
      to: email,
      ...invitationMail({ inviter: access.caller.user.name, workspace: workspace.name, url, expiresInDays }),
      secret: true,
    });
    return created;
  });
  return { token, invitation };
}

export async function pendingInvitations(ctx: IdentityContext): Promise<Invitation[]> {
  const access = requirePermission(ctx, 'members.manage');
  return ctx.em.find(
    Invitation,
    { workspace: access.workspaceId, acceptedAt: null, expiresAt: { $gt: new Date() } },
    { orderBy: { createdAt: 'desc' } },
  );
}

export async function revokeInvitation(ctx: IdentityContext, id: string): Promise<boolean> {
  const access = requirePermission(ctx, 'members.manage');
  await ctx.em.transactional(async (em) => {
    const [deleted] = await em.execute<{ email: string }[]>(
      'delete from invitation where id = ? and workspace_id = ? and accepted_at is null returning email',
      [id, access.workspaceId],
    );
    if (!deleted) throw new NotFound('The invitation');
    await ctx.services.audit.record(em, ctx, {
      workspaceId: access.workspaceId,
      action: 'member.invitation_revoked',
      objectKey: 'invitation',
      targetIds: [id],
      targetNames: [deleted.email],
    });
  });
  return true;
}

/**
 * Turns an invitation into a membership inside the caller's transaction. Only the
 * invited e-mail may accept, once, before it expires.
 */
export async function acceptInvitationIn(
  em: EntityManager,
  user: User,
  token: string,
  argumentPath: string[],
  /** The e-mail the invitation must be for; a decoy sign-up's row has a stand-in. */
  email = user.email,
): Promise<Workspace> {
  // Locked, so concurrent accepts of one invitation queue here and all but one see it used.
  const invitation = await em.findOne(
    Invitation,
    { tokenHash: hashSecret(token) },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (invitation) await em.populate(invitation, ['workspace']);
  if (!invitation || invitation.acceptedAt || invitation.expiresAt <= new Date()) {
    throw new BadInput(argumentPath, 'This invitation is unknown, already used or expired.');
  }
  if (invitation.email !== email) {
    throw new Forbidden(`This invitation is for ${invitation.email}; sign in with that e-mail to accept it.`);
  }
  if (await em.count(Membership, { workspace: invitation.workspace, user })) {
    throw new Conflict('You are already a member of this workspace.');
  }
  invitation.acceptedAt = new Date();
  em.create(Membership, {
    workspace: invitation.workspace,
    user,
    role: invitation.role,
    createdAt: new Date(),
  });
  return invitation.workspace;
}
