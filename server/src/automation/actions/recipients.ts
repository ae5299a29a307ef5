import type { ObjectDef } from '../../metadata/index.js';
import { BadInput } from '../../platform/index.js';
import type { RecordRow } from '../../records/index.js';
import type { RecipientSpec } from '../model.js';
import { expectFieldOfType, expectUserIds } from './field-checks.js';

/** At most this many fixed recipients and recipient fields per action. */
export const maxRecipients = 50;

/** Refuses recipients that name no one, a non-USER field or a malformed id. */
export function checkRecipients(
  spec: unknown,
  object: ObjectDef,
  path: readonly string[],
  members?: ReadonlySet<string>,
): void {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec))
    throw new BadInput(path, 'recipients: { userIds?: [...], fields?: [...] }.');
  const { userIds = [], fields = [] } = spec as RecipientSpec;
  expectUserIds(userIds, [...path, 'userIds'], 0, members);
  if (!Array.isArray(fields)) throw new BadInput([...path, 'fields'], 'a list of USER field keys.');
  fields.forEach((key, i) => expectFieldOfType(object, key, ['USER'], [...path, 'fields', String(i)]));
  if (userIds.length + fields.length === 0)
    throw new BadInput(path, 'name at least one member or USER field.');
  if (userIds.length > maxRecipients || fields.length > maxRecipients)
    throw new BadInput(path, `at most ${maxRecipients} members and ${maxRecipients} fields.`);
}

/**
 * The user ids a spec names for this record: the fixed members, then whoever its USER fields
 * hold now (the owner is the field `owner`), each once. Membership is the caller's to check.
 */
export function recipientIds(spec: RecipientSpec, record: RecordRow | null): string[] {
  const fromFields = (spec.fields ?? []).map((key) => record?.[key]);
  const ids = [...(spec.userIds ?? []), ...fromFields].filter(
    (id): id is string => typeof id === 'string' && id.length > 0,
  );
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}
