import type { EntityManager } from '@mikro-orm/postgresql';
import { BadInput, NotFound } from '../platform/index.js';
import { requireCaller, requirePermission, requireSessionCaller } from './access.js';
import { createOwnedWorkspace } from './accounts.js';
import type { IdentityContext } from './context.js';
import { Membership, User, Workspace } from './entities/index.js';
import { hasPasskey } from './passkeys/index.js';
import { twoFactorEnabled } from './two-factor.js';

export async function currentWorkspace(ctx: IdentityContext): Promise<Workspace> {
  const access = requirePermission(ctx, 'workspace.read');
  const workspace = await ctx.em.findOne(Workspace, { id: access.workspaceId });
  if (!workspace) throw new NotFound('The workspace');
  return workspace;
}

/** The caller's memberships, oldest first; the first is the default workspace. */
export async function myMemberships(ctx: IdentityContext): Promise<Membership[]> {
  const caller = requireCaller(ctx);
  const filter =
    caller.via === 'token' && caller.workspace
      ? { workspace: caller.workspace.id }
      : caller.ssoWorkspaceId
        ? { workspace: caller.ssoWorkspaceId }
        : {};
  return ctx.em.find(
    Membership,
    { user: caller.user.id, ...filter },
    { populate: ['workspace'], orderBy: { createdAt: 'asc', id: 'asc' } },
  );
}

/** Creates a workspace owned by the caller, with `template` and its sample data when named. */
export async function createWorkspace(
  ctx: IdentityContext,
  name: string,
  template?: { key: string; path: string[] },
): Promise<Workspace> {
  const caller = requireSessionCaller(ctx, 'workspace.create');
  // Each workspace is a PostgreSQL schema with dozens of tables: creating them is not free.
  await ctx.services.authLimiter.consumeWorkspace({ userId: caller.user.id });
  return ctx.em.transactional((em) =>
    createOwnedWorkspace(ctx, em, em.getReference(User, caller.user.id), name, template),
  );
}

export async function renameWorkspace(ctx: IdentityContext, name: string): Promise<Workspace> {
  const workspace = await currentWorkspace(ctx);
  requirePermission(ctx, 'workspace.update');
  workspace.name = name.trim();
  await ctx.em.flush();
  return workspace;
}

/**
 * Deletes the workspace, its record schema and, by cascade, everything else in it; the
 * owner types its name to confirm.
 */
export async function deleteWorkspace(ctx: IdentityContext, confirmName: string): Promise<boolean> {
  const workspace = await currentWorkspace(ctx);
  requirePermission(ctx, 'workspace.delete');
  if (confirmName !== workspace.name) {
    throw new BadInput('confirmName', 'Type the workspace’s exact name to confirm deleting it.');
  }
  await ctx.em.transactional(async (em) => {
    // Records live in the workspace's own schema, which no foreign key cascades into.
    if (workspace.schemaName) {
      await em.execute(`drop schema if exists "${workspace.schemaName.replace(/"/g, '""')}" cascade`);
    }
    await em.nativeDelete(Workspace, { id: workspace.id });
  });
  await ctx.services.callers.forget({ workspaceId: workspace.id });
  return true;
}

/**
 * Demands two-factor sign-in of every member (admins). An admin without a second factor (an
 * authenticator app or a passkey) cannot switch it on (they would shut themselves out);
 * members without it are refused the workspace's data with TWO_FACTOR_REQUIRED from their
 * next request. A session begun with a passkey meets the demand.
 */
export async function setRequireTwoFactor(ctx: IdentityContext, required: boolean): Promise<Workspace> {
  const workspace = await currentWorkspace(ctx);
  const { caller } = requirePermission(ctx, 'workspace.update');
  const canMeetIt =
    (await twoFactorEnabled(ctx.em, caller.user.id)) || (await hasPasskey(ctx.em, caller.user.id));
  if (required && !canMeetIt) {
    throw new BadInput(
      ['required'],
      'Set up two-factor sign-in or a passkey for yourself before requiring it of everyone.',
    );
  }
  workspace.requireTwoFactor = required;
  await ctx.em.flush();
  await ctx.services.callers.forget({ workspaceId: workspace.id });
  return workspace;
}

/** A workspace's name (merge fields, rendered documents); '' for one that no longer exists. */
export async function workspaceName(
  db: Pick<EntityManager, 'execute'>,
  workspaceId: string,
): Promise<string> {
  const [row] = await db.execute<{ name: string }[]>('select name from workspace where id = ?', [
    workspaceId,
  ]);
  return row?.name ?? '';
}
