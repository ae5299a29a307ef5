import { z } from 'zod';

/** The keys and labels every part of the template format names things with. */

export const apiKey = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]{0,62}$/, 'must be a lowerCamelCase key (letters and digits, at most 63)');
export const label = z.string().trim().min(1).max(100);
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM');

/** A lowerCamelCase key made from a name, unique among `taken` (which it joins). */
export function keyFromName(name: string, taken: Set<string>, prefix: string): string {
  const words = name.toLowerCase().match(/[a-z0-9]+/g) ?? [prefix];
  let key = words.map((w, i) => (i ? w[0]!.toUpperCase() + w.slice(1) : w)).join('');
  if (!/^[a-z]/.test(key)) key = `${prefix}${key}`;
  key = key.slice(0, 50);
  let candidate = key;
  for (let n = 2; taken.has(candidate); n++) candidate = `${key}${n}`;
  taken.add(candidate);
  return candidate;
}
