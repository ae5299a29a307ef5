import type { DescribedError } from '../../forms';

/** Where a refused definition's error belongs: a criterion's part, the name or threshold, or the form. */
export type ErrorPlace =
  { at: 'criterion'; index: number; part: string | null } | { at: 'name' | 'minScore' } | { at: 'form' };

/**
 * The server names the refused part by its argument path (`input.criteria.2.seeker`,
 * `input.minScore`); the editor shows the message there.
 */
export function errorPlace(error: Pick<DescribedError, 'argumentPath'>): ErrorPlace {
  const path = error.argumentPath ?? [];
  if (path[0] !== 'input') return { at: 'form' };
  if (path[1] === 'criteria' && path[2] !== undefined && /^\d+$/.test(String(path[2])))
    return { at: 'criterion', index: Number(path[2]), part: path[3] === undefined ? null : String(path[3]) };
  if (path[1] === 'name' || path[1] === 'minScore') return { at: path[1] };
  return { at: 'form' };
}

/** A new criterion's key from its label ("Sea view" → "seaView"), unique among `taken`. */
export function criterionKey(label: string, taken: readonly string[]): string {
  const words = label
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const camel = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
  const base = /^[a-z]/.test(camel) ? camel.slice(0, 50) : `criterion${camel}`.slice(0, 50);
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}${n}`;
  return key;
}
