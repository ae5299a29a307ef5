import type { FieldDef, FieldType, ObjectDef } from '../../metadata/index.js';
import { BadInput } from '../../platform/index.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The object's live field `key` of one of `types`, or BadInput at `path` saying what is wrong. */
export function expectFieldOfType(
  object: ObjectDef,
  key: unknown,
  types: readonly FieldType[],
  path: readonly string[],
): FieldDef {
  const field = object.fields.find((f) => f.key === key);
  const kinds = types.join(' or ');
  if (typeof key !== 'string' || !field)
    throw new BadInput(path, `${object.key} has no field “${String(key).slice(0, 64)}” (a ${kinds} field).`);
  if (field.archivedAt) throw new BadInput(path, `${field.key} is archived.`);
  if (!types.includes(field.type))
    throw new BadInput(path, `${field.key} is a ${field.type} field; this needs a ${kinds} field.`);
  return field;
}

/**
 * A list of members' user ids, or BadInput at `path` (and the item). Membership is checked when
 * `members` is given (an API write), and again when the step runs: a rule outlives memberships.
 */
export function expectUserIds(
  value: unknown,
  path: readonly string[],
  min: number,
  members?: ReadonlySet<string>,
): string[] {
  if (!Array.isArray(value)) throw new BadInput(path, 'a list of member ids.');
  if (value.length < min) throw new BadInput(path, `at least ${min} member${min === 1 ? '' : 's'}.`);
  value.forEach((id, i) => {
    if (typeof id !== 'string' || !uuidPattern.test(id))
      throw new BadInput([...path, String(i)], 'a member’s user id.');
    if (members && !members.has(id.toLowerCase()))
      throw new BadInput([...path, String(i)], `${id} is not a member of this workspace.`);
  });
  return (value as string[]).map((id) => id.toLowerCase());
}

/** Text with merge fields, not blank and at most `max` characters, or BadInput at `path`. */
export function expectTemplateText(value: unknown, path: readonly string[], max: number): string {
  if (typeof value !== 'string' || !value.trim()) throw new BadInput(path, 'write something.');
  if (value.length > max) throw new BadInput(path, `at most ${max} characters.`);
  return value;
}
