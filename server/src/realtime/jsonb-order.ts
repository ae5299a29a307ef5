/**
 * `value` as a jsonb column gives it back: JSON values only, and every object's keys in
 * jsonb's order (shorter first, then by bytes), so a change carried on the bus and the same
 * change read from the log compare and list their fields alike.
 */
export function asJsonb(value: unknown): unknown {
  const json = JSON.stringify(value);
  return json === undefined ? undefined : inJsonbOrder(JSON.parse(json));
}

function inJsonbOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(inJsonbOrder);
  if (!value || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort(jsonbKeyOrder)) ordered[key] = inJsonbOrder(source[key]);
  return ordered;
}

// eslint-disable-next-line no-control-regex -- the ASCII range, where a character is a byte
const ascii = /^[\x00-\x7f]*$/;

/** jsonb's key order; field keys are ASCII, where UTF-16 units and UTF-8 bytes agree. */
export function jsonbKeyOrder(a: string, b: string): number {
  if (ascii.test(a) && ascii.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length - y.length || Buffer.compare(x, y);
}
