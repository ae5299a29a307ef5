import { BadInput } from '../platform/index.js';

/**
 * The feed's cursor: each source's own position (its last entry shown), and the sources
 * with nothing older. Opaque to clients (base64url JSON).
 */
export interface FeedPosition {
  /** Source name → its cursor; a source not named starts from its newest. */
  after: Record<string, string>;
  /** Sources read to their end. */
  ended: string[];
}

const maxCursorLength = 4_000;

export function encodeFeedCursor(position: FeedPosition): string {
  return Buffer.from(JSON.stringify({ a: position.after, e: position.ended })).toString('base64url');
}

const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((v) => typeof v === 'string');

export function decodeFeedCursor(cursor: string | null | undefined): FeedPosition {
  if (cursor === null || cursor === undefined) return { after: {}, ended: [] };
  const refuse = () => new BadInput(['after'], 'after: must be the endCursor of an earlier timeline page.');
  if (typeof cursor !== 'string' || cursor.length > maxCursorLength) throw refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const { a, e } = (parsed ?? {}) as { a?: unknown; e?: unknown };
  if (!isStringRecord(a) || !Array.isArray(e) || !e.every((name) => typeof name === 'string')) throw refuse();
  return { after: a, ended: e };
}

/** A numeric source cursor (a row id), for sources paging by id; a forged one is refused. */
export function parseSourceCursor(cursor: string | null): bigint | null {
  if (cursor === null) return null;
  if (!/^\d{1,19}$/.test(cursor))
    throw new BadInput(['after'], 'after: must be the endCursor of an earlier timeline page.');
  return BigInt(cursor);
}
