import { BadInput } from './errors.js';
import { isUuid } from './ids.js';

/** Where a page ordered by (time, id) ended: opaque to clients, read back by `decodeTimeCursor`. */
export function encodeTimeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

/** A page's `endCursor` as (time, id), or BAD_USER_INPUT at `after`. */
export function decodeTimeCursor(after: string): { at: string; id: string } {
  const [at, id] = Buffer.from(after.slice(0, 200), 'base64url').toString().split('|');
  if (!at || !id || !isUuid(id) || Number.isNaN(Date.parse(at)))
    throw new BadInput(['after'], 'after: must be an endCursor from an earlier page.');
  return { at, id };
}
