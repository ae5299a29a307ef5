import type { RequestContext } from '../identity/index.js';
import { queryRows, setBounded, type StatementSource } from '../platform/index.js';

/** A token's use is recorded at most once in this window, not per request. */
export const tokenUseWindowMinutes = 5;
const windowMs = tokenUseWindowMinutes * 60_000;
const lastRecorded = new Map<string, number>();

/**
 * Records that an API token was used (with the address it came from), at most once per
 * token per window: this process skips the database within the window, and the insert is
 * guarded so processes sharing the database do not repeat it either.
 */
export async function recordTokenUse(
  em: StatementSource,
  ctx: Pick<RequestContext, 'caller' | 'clientAddress' | 'userAgent'>,
): Promise<void> {
  const caller = ctx.caller;
  const tokenId = caller?.tokenId;
  if (!caller || !tokenId || !caller.workspace) return;
  const now = Date.now();
  if ((lastRecorded.get(tokenId) ?? 0) + windowMs > now) return;
  setBounded(lastRecorded, tokenId, now, 10_000);
  await queryRows(
    em,
    `insert into audit_entry (workspace_id, action, actor_user_id, actor_name, actor_token_id, actor_token_name,
       address, user_agent, object_key, target_ids, target_names)
     select t.workspace_id, 'api_token.used', u.id, u.name, t.id, t.name, ?, ?, 'api_token',
       array[t.id::text], array[t.name]
     from api_token t join app_user u on u.id = t.user_id
     where t.id = ?::uuid and not exists (
       select 1 from audit_entry e where e.actor_token_id = t.id and e.action = 'api_token.used'
         and e.at > now() - make_interval(mins => ?))`,
    [ctx.clientAddress.slice(0, 100), ctx.userAgent?.slice(0, 300) ?? null, tokenId, tokenUseWindowMinutes],
  );
}
