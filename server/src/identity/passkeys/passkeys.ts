import type { EntityManager } from '@mikro-orm/postgresql';
import { BadInput, isUuid, NotFound, queryRows } from '../../platform/index.js';
import { requireSessionCaller } from '../access.js';
import type { IdentityContext } from '../context.js';

export interface PasskeySummary {
  id: string;
  name: string;
  /** `multiDevice` (synced, e.g. through a phone's keychain) or `singleDevice` (a security key). */
  deviceType: string;
  backedUp: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

interface PasskeyRow {
  id: string;
  name: string;
  device_type: string;
  backed_up: boolean;
  created_at: string;
  last_used_at: string | null;
}

const columns = 'id, name, device_type, backed_up, created_at, last_used_at';
const nameLimit = 100;

function toSummary(row: PasskeyRow): PasskeySummary {
  return {
    id: row.id,
    name: row.name,
    deviceType: row.device_type,
    backedUp: row.backed_up,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
  };
}

/** A passkey's name as the user typed it, trimmed; empty or too long is BAD_USER_INPUT at `path`. */
export function passkeyName(input: string, path: string[]): string {
  const name = input.trim();
  if (!name) throw new BadInput(path, 'Give the passkey a name (such as “Work laptop”).');
  if (Array.from(name).length > nameLimit)
    throw new BadInput(path, `A passkey's name has at most ${nameLimit} characters.`);
  return name;
}

export async function readPasskey(
  em: EntityManager,
  userId: string,
  id: string,
): Promise<PasskeySummary | null> {
  const [row] = await queryRows<PasskeyRow>(
    em,
    `select ${columns} from passkey where id = ? and user_id = ?`,
    [id, userId],
  );
  return row ? toSummary(row) : null;
}

/** The caller's passkeys, the newest first. */
export async function myPasskeys(ctx: IdentityContext): Promise<PasskeySummary[]> {
  const { user } = requireSessionCaller(ctx, 'account.security');
  const rows = await queryRows<PasskeyRow>(
    ctx.em,
    `select ${columns} from passkey where user_id = ? order by created_at desc, id`,
    [user.id],
  );
  return rows.map(toSummary);
}

export async function renamePasskey(
  ctx: IdentityContext,
  id: string,
  nameInput: string,
): Promise<PasskeySummary> {
  const { user } = requireSessionCaller(ctx, 'account.security');
  const name = passkeyName(nameInput, ['name']);
  if (!isUuid(id)) throw new NotFound('This passkey');
  const [row] = await queryRows<PasskeyRow>(
    ctx.em,
    `update passkey set name = ? where id = ? and user_id = ? returning ${columns}`,
    [name, id, user.id],
  );
  if (!row) throw new NotFound('This passkey');
  return toSummary(row);
}

/**
 * Removes one of the caller's passkeys: it signs in no more. Sessions it began stay (sign them
 * out from the session list); the device may still offer it, and the server refuses it.
 */
export async function removePasskey(ctx: IdentityContext, id: string): Promise<boolean> {
  const { user } = requireSessionCaller(ctx, 'account.security');
  if (!isUuid(id)) throw new NotFound('This passkey');
  const removed = await queryRows(ctx.em, 'delete from passkey where id = ? and user_id = ? returning id', [
    id,
    user.id,
  ]);
  if (removed.length === 0) throw new NotFound('This passkey');
  // Cached API-token callers count a passkey towards a workspace's two-factor demand.
  await ctx.services.callers.forget({ userId: user.id });
  return true;
}

/** Whose passkey a credential id is, for the audit log of a failed sign-in; null if none. */
export async function passkeyOwner(em: EntityManager, credentialId: string): Promise<string | null> {
  const [row] = await queryRows<{ user_id: string }>(
    em,
    'select user_id from passkey where credential_id = ?',
    [credentialId],
  );
  return row?.user_id ?? null;
}

/** Whether the user has a passkey: with one they can always sign in with two factors. */
export async function hasPasskey(em: EntityManager, userId: string): Promise<boolean> {
  const rows = await queryRows(em, 'select 1 from passkey where user_id = ? limit 1', [userId]);
  return rows.length > 0;
}
