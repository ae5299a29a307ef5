import { isUuid, NotFound, queryRows } from '../platform/index.js';
import { requireSessionCaller } from './access.js';
import type { IdentityContext } from './context.js';
import { describeDevice } from './user-agent.js';

export interface SessionSummary {
  id: string;
  device: string;
  userAgent: string | null;
  clientAddress: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  current: boolean;
}

/** The caller's live sessions, the most recently used first. */
export async function mySessions(ctx: IdentityContext): Promise<SessionSummary[]> {
  const caller = requireSessionCaller(ctx, 'account.security');
  const rows = await queryRows<{
    id: string;
    user_agent: string | null;
    client_address: string | null;
    created_at: string;
    last_used_at: string | null;
  }>(
    ctx.em,
    `select id, user_agent, client_address, created_at, last_used_at from session
     where user_id = ? and expires_at > now()
     order by coalesce(last_used_at, created_at) desc, id`,
    [caller.user.id],
  );
  return rows.map((row) => ({
    id: row.id,
    device: describeDevice(row.user_agent),
    userAgent: row.user_agent,
    clientAddress: row.client_address,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
    current: row.id === caller.sessionId,
  }));
}

/**
 * Ends one of the caller's sessions. Its next request is anonymous and its open sockets
 * (graphql-ws, /collab) close on every process, through the revocation `forget` announces.
 */
export async function signOutSession(ctx: IdentityContext, sessionId: string): Promise<boolean> {
  const caller = requireSessionCaller(ctx, 'account.security');
  if (!isUuid(sessionId)) throw new NotFound('This session');
  const ended = await endSessions(ctx, 'id = ?', [sessionId, caller.user.id]);
  if (ended.length === 0) throw new NotFound('This session');
  return true;
}

/** Ends every session of the caller but this one; answers how many ended. */
export async function signOutOtherSessions(ctx: IdentityContext): Promise<number> {
  const caller = requireSessionCaller(ctx, 'account.security');
  const ended = await endSessions(ctx, 'id <> ?', [caller.sessionId!, caller.user.id]);
  return ended.length;
}

async function endSessions(ctx: IdentityContext, which: string, params: [string, string]): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    ctx.em,
    `delete from session where ${which} and user_id = ? returning id`,
    params,
  );
  for (const { id } of rows) await ctx.services.callers.forget({ sessionId: id });
  return rows.map((row) => row.id);
}
