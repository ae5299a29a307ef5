import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, Unauthenticated } from '../platform/index.js';
import { ApiToken, Membership, User } from './entities/index.js';
import type { Caller } from './context.js';
import { lowerRole, type Role } from './roles.js';
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

interface SessionRow {
  session_id: string;
  id: string;
  email: string;
  name: string;
  time_zone: string | null;
  created_at: Date;
  workspace_id: string | null;
  role: Role | null;
  metadata_version: number | null;
}

/**
 * One round trip for the session, its user, the membership (the requested workspace, or
 * else the first joined) and the workspace's metadata version: it runs before every
 * request, so it is kept cheap.
 */
async function authenticateSession(em: EntityManager, credentials: Credentials): Promise<Caller | null> {
  const requested = credentials.workspaceId;
  const validRequest = requested !== undefined && isUuid(requested);
  const [row] = await em.execute<SessionRow[]>(
    `select s.id as session_id, u.id, u.email, u.name, u.time_zone, u.created_at, m.workspace_id, m.role, m.metadata_version
     from session s join app_user u on u.id = s.user_id
     left join lateral (
       select ms.workspace_id, ms.role, w.metadata_version
       from membership ms join workspace w on w.id = ms.workspace_id
       where ms.user_id = s.user_id and (?::uuid is null or ms.workspace_id = ?::uuid)
       order by ms.created_at, ms.id limit 1
     ) m on ?::boolean
     where s.token_hash = ? and s.expires_at > now()`,
    [
      validRequest ? requested : null,
      validRequest ? requested : null,
      requested === undefined || validRequest,
      hashSecret(credentials.sessionSecret!),
    ],
  );
  if (!row) return null;
  const user = em.map(User, {
    id: row.id,
    email: row.email,
    name: row.name,
    time_zone: row.time_zone,
    created_at: row.created_at,
  });
  const caller: Caller = { user, via: 'session', sessionId: row.session_id, workspace: null };
  if (requested !== undefined && !validRequest) {
    caller.workspaceRefusal = `"${requested}" is not a workspace id.`;
  } else if (row.workspace_id && row.role) {
    caller.workspace = {
      id: row.workspace_id,
      role: row.role,
      metadataVersion: row.metadata_version ?? undefined,
    };
  } else if (requested) {
    caller.workspaceRefusal = 'You are not a member of this workspace.';
  }
  return caller;
}
