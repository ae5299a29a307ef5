import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt (memory-hard, in node:crypto) with 64 MiB per hash by default: N=2^16, r=8, p=1.
 * Parameters are stored with each hash so they can be raised later without a reset.
 * `cost` is log2(N) (PASSWORD_HASH_COST): tests lower it, as the hash is the slowest step
 * of their many sign-ups; production refuses less than 15 (docs/configuration.md).
 */
export const defaultPasswordHashCost = 16;
const blockSize = { r: 8, p: 1 } as const;
const keyLength = 32;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFKC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

function maxmem(N: number, r: number): number {
  return 128 * N * r * 2;
}

export async function hashPassword(password: string, cost = defaultPasswordHashCost): Promise<string> {
  const salt = randomBytes(16);
  const N = 2 ** cost;
  const { r, p } = blockSize;
  const key = await scrypt(password, salt, { N, r, p, maxmem: maxmem(N, r) });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const N = Number(n);
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: maxmem(N, Number(r)),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const dummies = new Map<number, Promise<string>>();

/**
 * A hash of a random password at `cost`, for comparing against when the user does not exist:
 * at the cost real hashes have, so the answer takes as long either way.
 */
export function dummyPasswordHash(cost = defaultPasswordHashCost): Promise<string> {
  let dummy = dummies.get(cost);
  if (!dummy) dummies.set(cost, (dummy = hashPassword(randomBytes(16).toString('hex'), cost)));
  return dummy;
}

/** What an account created by single sign-on holds instead of a hash: no password matches it. */
export const noPassword = 'none';
