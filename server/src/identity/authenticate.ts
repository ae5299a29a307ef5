import type { EntityManager } from '@mikro-orm/postgresql';
import { Unauthenticated } from '../platform/errors.js';
import { isUuid } from '../platform/ids.js';
import { ApiToken, Membership, Session } from './entities/index.js';
import type { Caller } from './context.js';
import { lowerRole } from './roles.js';
import { hashSecret, secretKind } from './secret-token.js';

export interface Credentials {
  sessionSecret?: string;
  bearerToken?: string;
  workspaceId?: string;
}

/**
 * Resolves the caller from a bearer token or a session cookie. A bearer token that
 * is wrong, expired or revoked is refused outright; a stale cookie is just anonymous.
 */
export async function authenticate(em: EntityManager, credentials: Credentials): Promise<Caller | null> {
  if (credentials.bearerToken !== undefined) return authenticateToken(em, credentials);
  if (credentials.sessionSecret) return authenticateSession(em, credentials);
  return null;
}

async function authenticateToken(em: EntityManager, credentials: Credentials): Promise<Caller> {
  const secret = credentials.bearerToken ?? '';
  const token =
    secretKind(secret) === 'api'
      ? await em.findOne(ApiToken, { tokenHash: hashSecret(secret) }, { populate: ['user'] })
      : null;
  const now = new Date();
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) {
    throw new Unauthenticated('The API token is invalid, expired or revoked.');
  }
  // UUIDs compare case-insensitively, as PostgreSQL compares them for sessions.
  if (credentials.workspaceId && credentials.workspaceId.toLowerCase() !== token.workspace.id) {
    throw new Unauthenticated('This API token belongs to another workspace.');
  }
  const membership = await em.findOne(Membership, { workspace: token.workspace.id, user: token.user.id });
  if (!membership) {
    throw new Unauthenticated('The owner of this API token is no longer a member of its workspace.');
  }
  // Written without the identity map so a read-only request stays one cheap UPDATE.
  await em.nativeUpdate(ApiToken, { id: token.id }, { lastUsedAt: now });
  return {
    user: token.user,
    via: 'token',
    tokenId: token.id,
    workspace: { id: token.workspace.id, role: lowerRole(token.role, membership.role) },
  };
}

async function authenticateSession(em: EntityManager, credentials: Credentials): Promise<Caller | null> {
  const session = await em.findOne(
    Session,
    { tokenHash: hashSecret(credentials.sessionSecret!), expiresAt: { $gt: new Date() } },
    { populate: ['user'] },
  );
  if (!session) return null;
  const caller: Caller = { user: session.user, via: 'session', sessionId: session.id, workspace: null };
  const requested = credentials.workspaceId;
  if (requested !== undefined && !isUuid(requested)) {
    caller.workspaceRefusal = `"${requested}" is not a workspace id.`;
    return caller;
  }
  const membership = requested
    ? await em.findOne(Membership, { workspace: requested, user: session.user.id })
    : await em.findOne(Membership, { user: session.user.id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  if (membership) caller.workspace = { id: membership.workspace.id, role: membership.role };
  else if (requested) caller.workspaceRefusal = 'You are not a member of this workspace.';
  return caller;
}
