import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../identity/index.js';
import type { AuditAction } from './actions.js';

type Sql = Pick<EntityManager, 'execute'>;

/** Who acted and from where: a member (and the API token they used), the client's address and agent. */
export interface AuditActor {
  userId: string | null;
  tokenId?: string | null;
  address?: string | null;
  userAgent?: string | null;
}

export interface AuditEntryInput {
  workspaceId: string;
  action: AuditAction;
  by: AuditActor;
  /** What kind of thing the ids are: an object's key for records, else member, api_token, template… */
  objectKey?: string | null;
  targetIds?: readonly string[];
  /** The targets' names as they are now, so the entry still reads after a rename or a purge. */
  targetNames?: readonly string[];
  details?: Record<string, unknown>;
}

/** The actor of a request: its member, token, address and user agent. */
export function actorOf(ctx: Pick<RequestContext, 'caller' | 'clientAddress' | 'userAgent'>): AuditActor {
  return {
    userId: ctx.caller?.user.id ?? null,
    tokenId: ctx.caller?.tokenId ?? null,
    address: ctx.clientAddress,
    userAgent: ctx.userAgent ?? null,
  };
}

const insertColumns = `insert into audit_entry (workspace_id, action, actor_user_id, actor_name, actor_token_id,
  actor_token_name, address, user_agent, object_key, target_ids, target_names, details)`;

/**
 * Appends one entry with the statement executor of the action's transaction, so the entry
 * commits or rolls back with it. The actor's and token's names are read in the same
 * statement, as they are at this moment.
 */
export async function recordAudit(db: Sql, entry: AuditEntryInput): Promise<void> {
  const { by } = entry;
  await db.execute(
    `${insertColumns}
     select ?::uuid, ?, ?::uuid, (select name from app_user where id = ?::uuid), ?::uuid,
       (select name from api_token where id = ?::uuid), ?, ?, ?, ?::text[], ?::text[], ?::jsonb`,
    [
      entry.workspaceId,
      entry.action,
      by.userId,
      by.userId,
      by.tokenId ?? null,
      by.tokenId ?? null,
      clip(by.address, 100),
      clip(by.userAgent, 300),
      entry.objectKey ?? null,
      textArray(entry.targetIds ?? []),
      textArray(entry.targetNames ?? []),
      JSON.stringify(entry.details ?? {}),
    ],
  );
}

/**
 * One entry per workspace the account belongs to (sign-ins are account-wide; each
 * workspace's admins see their members' sign-ins, and only while they are members).
 */
export async function recordForAccount(
  db: Sql,
  userId: string,
  entry: Omit<AuditEntryInput, 'workspaceId'>,
): Promise<void> {
  const { by } = entry;
  await db.execute(
    `${insertColumns}
     select m.workspace_id, ?, ?::uuid, u.name, null, null, ?, ?, 'member', array[u.id::text], array[u.name], ?::jsonb
     from membership m join app_user u on u.id = m.user_id where m.user_id = ?::uuid`,
    [
      entry.action,
      by.userId,
      clip(by.address, 100),
      clip(by.userAgent, 300),
      JSON.stringify(entry.details ?? {}),
      userId,
    ],
  );
}

function clip(value: string | null | undefined, length: number): string | null {
  return value ? value.slice(0, length) : null;
}

/** A PostgreSQL text[] literal: parameters are inlined on the record store's own connection. */
function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * Erasure (a privacy request): earlier entries about the record keep their ids but no longer
 * its name. The erasure's own entry names no erased value.
 */
export async function eraseAuditNames(db: Sql, workspaceId: string, recordId: string): Promise<void> {
  await db.execute(
    `update audit_entry set target_names = array(
       select case when t.id = ? then '[erased]' else t.name end
       from unnest(target_ids, target_names) with ordinality as t (id, name, n) where t.name is not null order by t.n)
     where workspace_id = ? and ? = any(target_ids) and cardinality(target_names) > 0`,
    [recordId, workspaceId, recordId],
  );
}
