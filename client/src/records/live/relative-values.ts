import type { ApolloClient } from '@apollo/client/core';
import { canonicalTimeZone, parseRelativeRange, relativeBounds, type Reader } from '@crm/contracts';
import { ME_QUERY } from '../../auth';
import type { ObjectDef } from '../../metadata';

/**
 * A filter's relative values (`isMe`, `within`) made absolute for the signed-in reader, so a
 * pushed change is decided in the browser as the server decides it: the same bounds
 * (`@crm/contracts`), in the time zone the server reads (the user's, UTC until chosen).
 */

/** The signed-in reader as `me` (already in Apollo's cache) says; null when not known here. */
export function signedInReader(client: ApolloClient<unknown>): Reader | null {
  const me = client.readQuery({ query: ME_QUERY })?.me;
  // A zone this browser does not know leaves relative values to the server.
  const timeZone = canonicalTimeZone(me?.timeZone ?? 'UTC');
  return me && timeZone ? { userId: me.user.id, timeZone, now: new Date() } : null;
}

type Level = Record<string, unknown>;

function isLevel(value: unknown): value is Level {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{assignee: {isMe: true}, dueAt: {within: …}}` → `{and: [{assignee: {eq: id}}, {dueAt: {gte, lt}}]}`. */
export function absoluteFilter(object: ObjectDef, filter: unknown, reader: Reader | null): unknown {
  if (!reader || !isLevel(filter)) return filter;
  const level: Level = {};
  const added: Level[] = [];
  for (const [key, operand] of Object.entries(filter)) {
    if ((key === 'and' || key === 'or') && Array.isArray(operand)) {
      level[key] = operand.map((f) => absoluteFilter(object, f, reader));
    } else if (key === 'not') {
      level[key] = absoluteFilter(object, operand, reader);
    } else if (isLevel(operand) && ('isMe' in operand || 'within' in operand)) {
      const { isMe, within, ...rest } = operand;
      if (Object.keys(rest).length) level[key] = rest;
      if (typeof isMe === 'boolean')
        added.push({ [key]: isMe ? { eq: reader.userId } : { neq: reader.userId } });
      else if (isMe !== undefined) return filter;
      if (within !== undefined) {
        const range = absoluteRange(object, key, within, reader);
        if (!range) return filter;
        added.push({ [key]: range });
      }
    } else {
      level[key] = operand;
    }
  }
  if (!added.length) return level;
  const and = Array.isArray(level.and) ? level.and : [];
  return { ...level, and: [...and, ...added] };
}

/** `within` as `gte`/`lt` bounds of the field's kind; null when it cannot be read here. */
function absoluteRange(object: ObjectDef, key: string, within: unknown, reader: Reader): Level | null {
  const type = object.fields.find((f) => f.key === key)?.type;
  const parsed = parseRelativeRange(within);
  if ('problem' in parsed || (type !== 'DATE' && type !== 'DATETIME')) return null;
  const bounds = relativeBounds(parsed.range, reader);
  const { from, before } =
    type === 'DATE'
      ? bounds.dates
      : {
          from: bounds.instants.from?.toISOString() ?? null,
          before: bounds.instants.before?.toISOString() ?? null,
        };
  return { ...(from !== null && { gte: from }), ...(before !== null && { lt: before }) };
}
