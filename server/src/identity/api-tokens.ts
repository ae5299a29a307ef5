import { BadInput, NotFound } from '../platform/index.js';
import { requirePermission, requireRankOver, requireSessionCaller } from './access.js';
import type { IdentityContext } from './context.js';
import { ApiToken, User } from './entities/index.js';
import { can, roleAtLeast, type Role } from './roles.js';
import { hashSecret, newSecret } from './secret-token.js';

export interface CreateTokenRequest {
  name: string;
  role?: Role;
  expiresInDays?: number;
}

export async function listApiTokens(ctx: IdentityContext): Promise<ApiToken[]> {
  const access = requirePermission(ctx, 'tokens.own');
  return ctx.em.find(
    ApiToken,
    { workspace: access.workspaceId, user: access.caller.user.id },
    { orderBy: { createdAt: 'desc', id: 'desc' } },
  );
}

/** The secret is returned once; a token never grants more than its creator's role. */
export async function createApiToken(
  ctx: IdentityContext,
  request: CreateTokenRequest,
): Promise<{ token: string; apiToken: ApiToken }> {
  requireSessionCaller(ctx, 'token.create');
  const access = requirePermission(ctx, 'tokens.own');
  const role = request.role ?? access.role;
  if (!roleAtLeast(access.role, role)) {
    throw new BadInput(['input', 'role'], `A token cannot have more rights than your role (${access.role}).`);
  }
  const token = newSecret('api');
  const apiToken = await ctx.em.transactional(async (em) => {
    const created = em.create(ApiToken, {
      tokenHash: hashSecret(token),
      workspace: access.workspaceId,
      user: em.getReference(User, access.caller.user.id),
      name: request.name.trim(),
      role,
      createdAt: new Date(),
      expiresAt: request.expiresInDays ? new Date(Date.now() + request.expiresInDays * 86_400_000) : null,
    });
    await em.flush();
    await ctx.services.audit.record(em, ctx, {
      workspaceId: access.workspaceId,
      action: 'api_token.created',
      ...aboutToken(created),
      details: { role, expiresAt: created.expiresAt },
    });
    return created;
  });
  return { token, apiToken };
}

/**
 * Your own tokens, or anyone's in the workspace for admins, but never a token ranked above
 * the caller: a VIEWER-capped token may revoke itself, not its owner's OWNER token.
 * Revoking twice is harmless.
 */
export async function revokeApiToken(ctx: IdentityContext, id: string): Promise<ApiToken> {
  const access = requirePermission(ctx, 'tokens.own');
  const token = await ctx.em.findOne(ApiToken, { id, workspace: access.workspaceId });
  if (!token || (token.user.id !== access.caller.user.id && !can(access.role, 'members.manage'))) {
    throw new NotFound('That API token');
  }
  requireRankOver(access, token.role, 'revoke a token ranked above it');
  if (!token.revokedAt) {
    token.revokedAt = new Date();
    await ctx.em.transactional(async (em) => {
      await em.nativeUpdate(ApiToken, { id: token.id }, { revokedAt: token.revokedAt });
      await ctx.services.audit.record(em, ctx, {
        workspaceId: access.workspaceId,
        action: 'api_token.revoked',
        ...aboutToken(token),
      });
    });
  }
  await ctx.services.callers.forget({ tokenId: token.id });
  return token;
}

function aboutToken(token: ApiToken) {
  return { objectKey: 'api_token', targetIds: [token.id], targetNames: [token.name] };
}
