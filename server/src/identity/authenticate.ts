import { isUuid, queryRows, setBounded, Unauthenticated, type StatementSource } from '../platform/index.js';
import type { CachedCaller, CallerCache } from './caller-cache.js';
import type { Caller } from './context.js';
import { User } from './entities/index.js';
import { lowerRole, type Role } from './roles.js';
import { hashSecret, secretKind } from './secret-token.js';

export interface Credentials {
  sessionSecret?: string;
  bearerToken?: string;
  workspaceId?: string;
  /** Where the request came from, kept as a session's last address (empty on sockets). */
  clientAddress?: string;
}

/** A token's last use is written at most this often, not on every request. */
const lastUsedIntervalMs = 60_000;
const tokenLastWritten = new Map<string, number>();
const sessionLastWritten = new Map<string, number>();

/** True when `id`'s last use should be written now (at most once a minute per id). */
function dueForLastUse(written: Map<string, number>, id: string, now: number): boolean {
  if ((written.get(id) ?? 0) + lastUsedIntervalMs > now) return false;
  setBounded(written, id, now, 10_000);
  return true;
}

/**
 * Resolves the caller from a bearer token or a session cookie. A bearer token that
 * is wrong, expired or revoked is refused outright; a stale cookie is just anonymous.
 * With `callers`, a caller authenticated moments ago is taken from that cache.
 */
export async function authenticate(
  em: StatementSource,
  credentials: Credentials,
  callers?: CallerCache,
): Promise<Caller | null> {
  if (credentials.bearerToken !== undefined) return authenticateToken(em, credentials, callers);
  if (credentials.sessionSecret) return authenticateSession(em, credentials, callers);
  return null;
}

async function authenticateToken(
  em: StatementSource,
  credentials: Credentials,
  callers: CallerCache | undefined,
): Promise<Caller> {
  const secret = credentials.bearerToken ?? '';
  const tokenHash = secretKind(secret) === 'api' ? hashSecret(secret) : undefined;
  const load = () => readToken(em, tokenHash!);
  const token = tokenHash ? await (callers ? callers.read(`t:${tokenHash}`, load) : load()) : null;
  const now = Date.now();
  if (!token || (token.expiresAt !== null && token.expiresAt <= now)) {
    throw new Unauthenticated('The API token is invalid, expired or revoked.');
  }
  // UUIDs compare case-insensitively, as PostgreSQL compares them for sessions.
  if (credentials.workspaceId && credentials.workspaceId.toLowerCase() !== token.workspace.id) {
    throw new Unauthenticated('This API token belongs to another workspace.');
  }
  const tokenId = token.tokenId!;
  if (dueForLastUse(tokenLastWritten, tokenId, now)) {
    // Without the identity map, so a read-only request stays one cheap UPDATE.
    await queryRows(em, 'update api_token set last_used_at = ? where id = ?', [new Date(now), tokenId]);
  }
  return toCaller(token);
}

interface TokenRow extends UserColumns {
  token_id: string;
  workspace_id: string;
  token_role: Role;
  expires_at: string | null;
  revoked_at: string | null;
  member_role: Role | null;
  metadata_version: number;
  two_factor_missing: boolean;
}

interface UserColumns {
  id: string;
  email: string;
  name: string;
  time_zone: string | null;
  language: string | null;
  created_at: string;
}

/** The token, its owner, and the owner's membership of the token's workspace, in one round trip. */
async function readToken(em: StatementSource, tokenHash: string): Promise<CachedCaller | null> {
  const [row] = await queryRows<TokenRow>(
    em,
    `select t.id as token_id, t.workspace_id, t.role as token_role, t.expires_at, t.revoked_at,
       m.role as member_role, w.metadata_version, u.id, u.email, u.name, u.time_zone, u.language, u.created_at,
       (w.require_two_factor and u.totp_enabled_at is null
         and not exists (select 1 from passkey p where p.user_id = u.id)) as two_factor_missing
     from api_token t join app_user u on u.id = t.user_id join workspace w on w.id = t.workspace_id
     left join membership m on m.workspace_id = t.workspace_id and m.user_id = t.user_id
     where t.token_hash = ?`,
    [tokenHash],
  );
  if (!row || row.revoked_at) return null;
  if (!row.member_role) {
    throw new Unauthenticated('The owner of this API token is no longer a member of its workspace.');
  }
  return {
    user: userOf(row),
    via: 'token',
    tokenId: row.token_id,
    workspace: {
      id: row.workspace_id,
      role: lowerRole(row.token_role, row.member_role),
      metadataVersion: row.metadata_version,
      twoFactorMissing: row.two_factor_missing,
    },
    expiresAt: row.expires_at === null ? null : Date.parse(row.expires_at),
  };
}

interface SessionRow extends UserColumns {
  session_id: string;
  expires_at: string;
  workspace_id: string | null;
  role: Role | null;
  metadata_version: number | null;
  two_factor_missing: boolean | null;
  sso_workspace_id: string | null;
}

/**
 * A single sign-on session reaches only the workspace whose provider vouched for the user,
 * and that provider is responsible for the second factor (docs/security.md "Single sign-on").
 *
 * One round trip for the session, its user, the membership (the requested workspace, or
 * else the first joined) and the workspace's metadata version: it runs before every
 * request that the cache cannot answer, so it is kept cheap.
 */
async function authenticateSession(
  em: StatementSource,
  credentials: Credentials,
  callers: CallerCache | undefined,
): Promise<Caller | null> {
  const requested = credentials.workspaceId;
  const tokenHash = hashSecret(credentials.sessionSecret!);
  if (requested !== undefined && !isUuid(requested)) {
    const row = await readSession(em, tokenHash, undefined, false);
    if (!row) return null;
    const workspaceRefusal = `"${requested}" is not a workspace id.`;
    return {
      user: callerUser(userOf(row)),
      via: 'session',
      sessionId: row.session_id,
      ...(row.sso_workspace_id ? { ssoWorkspaceId: row.sso_workspace_id } : {}),
      workspace: null,
      workspaceRefusal,
    };
  }
  let refused: Caller | null = null;
  const load = async (): Promise<CachedCaller | null> => {
    const row = await readSession(em, tokenHash, requested, true);
    if (!row) return null;
    if (row.workspace_id && row.role) {
      return {
        user: userOf(row),
        via: 'session',
        sessionId: row.session_id,
        ...(row.sso_workspace_id ? { ssoWorkspaceId: row.sso_workspace_id } : {}),
        workspace: {
          id: row.workspace_id,
          role: row.role,
          metadataVersion: row.metadata_version ?? 1,
          twoFactorMissing: row.two_factor_missing === true,
        },
        expiresAt: Date.parse(row.expires_at),
      };
    }
    // Not cached: a membership may be added at any moment.
    refused = {
      user: callerUser(userOf(row)),
      via: 'session',
      sessionId: row.session_id,
      ...(row.sso_workspace_id ? { ssoWorkspaceId: row.sso_workspace_id } : {}),
      workspace: null,
    };
    if (requested) refused.workspaceRefusal = 'You are not a member of this workspace.';
    return null;
  };
  const key = `s:${tokenHash}:${requested?.toLowerCase() ?? ''}`;
  const session = await (callers ? callers.read(key, load) : load());
  if (!session || session.expiresAt! <= Date.now()) return refused;
  await noteSessionUse(em, session.sessionId!, credentials.clientAddress);
  return toCaller(session);
}

async function readSession(
  em: StatementSource,
  tokenHash: string,
  requested: string | undefined,
  withMembership: boolean,
): Promise<SessionRow | undefined> {
  const [row] = await queryRows<SessionRow>(
    em,
    `select s.id as session_id, s.expires_at, s.sso_workspace_id, u.id, u.email, u.name, u.time_zone, u.language,
       u.created_at, m.workspace_id, m.role, m.metadata_version,
       (m.require_two_factor and u.totp_enabled_at is null and not s.multi_factor
         and s.sso_workspace_id is null) as two_factor_missing
     from session s join app_user u on u.id = s.user_id
     left join lateral (
       select ms.workspace_id, ms.role, w.metadata_version, w.require_two_factor
       from membership ms join workspace w on w.id = ms.workspace_id
       where ms.user_id = s.user_id and (?::uuid is null or ms.workspace_id = ?::uuid)
         and (s.sso_workspace_id is null or ms.workspace_id = s.sso_workspace_id)
       order by ms.created_at, ms.id limit 1
     ) m on ?::boolean
     where s.token_hash = ? and s.expires_at > now()`,
    [requested ?? null, requested ?? null, withMembership, tokenHash],
  );
  return row;
}

/** Keeps a session's last use and address for its owner's session list, at most once a minute. */
async function noteSessionUse(em: StatementSource, sessionId: string, clientAddress: string | undefined) {
  if (!dueForLastUse(sessionLastWritten, sessionId, Date.now())) return;
  await queryRows(
    em,
    `update session set last_used_at = now(), client_address = coalesce(nullif(?, ''), client_address)
     where id = ?`,
    [clientAddress ?? '', sessionId],
  );
}

function userOf(row: UserColumns): CachedCaller['user'] {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    timeZone: row.time_zone,
    language: row.language,
    createdAt: new Date(row.created_at),
  };
}

/** The request's own caller: a copy of the cached one, which requests never share. */
function toCaller(cached: CachedCaller): Caller {
  const { user, via, sessionId, tokenId, ssoWorkspaceId, workspace } = cached;
  return {
    user: callerUser(user),
    via,
    sessionId,
    tokenId,
    ...(ssoWorkspaceId ? { ssoWorkspaceId } : {}),
    workspace: { ...workspace },
  };
}

/**
 * The caller's user, outside any entity manager: mapping it into the request's on every
 * request cost more than the cached authentication it follows, and only a few writes
 * point at it (they take `em.getReference(User, id)`).
 */
function callerUser(user: CachedCaller['user']): User {
  // Own data properties, not assignments: MikroORM's setters on the prototype would build
  // its per-entity wrapper for an object no entity manager tracks (about 10 µs a request).
  const value = (value: unknown) => ({ value, writable: true, enumerable: true, configurable: true });
  return Object.create(User.prototype, {
    id: value(user.id),
    email: value(user.email),
    name: value(user.name),
    timeZone: value(user.timeZone),
    language: value(user.language),
    createdAt: value(user.createdAt),
  }) as User;
}
