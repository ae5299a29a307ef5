import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../../platform/index.js';

/**
 * Unsubscribe links carry `<campaign>.<record>.<signature>`: the signature (HMAC-SHA256 with
 * the deployment's key, kept in the database so every process shares it) stops anyone who
 * guesses ids from unsubscribing someone else. Links do not expire: an old mail still works.
 */

export interface UnsubscribeTarget {
  campaignId: string;
  recordId: string;
}

let cachedKey: Promise<Buffer> | undefined;

/** The deployment's signing key, made once by whichever process needs it first. */
export function signingKey(em: Pick<EntityManager, 'execute'>): Promise<Buffer> {
  cachedKey ??= (async () => {
    await em.execute('insert into mail_signing_key (id, key) values (1, ?) on conflict (id) do nothing', [
      randomBytes(32),
    ]);
    const [row] = await em.execute<{ key: Buffer }[]>('select key from mail_signing_key where id = 1');
    return row!.key;
  })();
  cachedKey.catch(() => (cachedKey = undefined));
  return cachedKey;
}

const signature = (key: Buffer, payload: string): Buffer =>
  createHmac('sha256', key).update(`unsubscribe:${payload}`).digest().subarray(0, 16);

export function signUnsubscribe(key: Buffer, target: UnsubscribeTarget): string {
  const payload = `${target.campaignId}.${target.recordId}`;
  return `${payload}.${signature(key, payload).toString('base64url')}`;
}

/** The target a token names, or null when it is malformed or its signature does not match. */
export function verifyUnsubscribe(key: Buffer, token: string): UnsubscribeTarget | null {
  const [campaignId, recordId, sig, ...rest] = token.slice(0, 200).split('.');
  if (rest.length || !campaignId || !recordId || !sig || !isUuid(campaignId) || !isUuid(recordId))
    return null;
  const given = Buffer.from(sig, 'base64url');
  const expected = signature(key, `${campaignId}.${recordId}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { campaignId, recordId };
}
