import { BadInput } from './errors.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/** Ids are UUIDs; anything else is refused before it reaches SQL. */
export function parseId(argumentPath: string | string[], value: string): string {
  if (!isUuid(value)) throw new BadInput(argumentPath, `"${value.slice(0, 60)}" is not a valid id.`);
  return value.toLowerCase();
}
