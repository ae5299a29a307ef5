import { isDeepStrictEqual } from 'node:util';

/**
 * The three-way rule of upgrades: a property the new version changes is updated only
 * where the workspace still holds what the installed version set; an admin's own value
 * wins. Returns the properties to write.
 */
export function threeWay<T extends object>(
  base: T,
  next: T,
  current: Partial<T>,
  keys: readonly (keyof T)[],
): Partial<T> {
  const patch: Partial<T> = {};
  for (const key of keys) {
    if (isDeepStrictEqual(base[key], next[key])) continue;
    if (base[key] !== undefined && !isDeepStrictEqual(current[key], base[key])) continue;
    patch[key] = next[key];
  }
  return patch;
}

export const same = isDeepStrictEqual;
