/**
 * `value` as a jsonb column gives it back: JSON values only, and every object's keys in
 * jsonb's order (shorter first, then by bytes), so a change carried on the bus and the same
 * change read from the log compare and list their fields alike.
 */
export function asJsonb(value: unknown): unknown {
  const json = toJson(value);
  return json === omitted ? undefined : json;
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const omitted = Symbol('omitted');

/** JSON.stringify's reading of `value`, keys in jsonb's order, without writing text and parsing it back. */
function toJson(value: unknown): unknown {
  const plain =
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
      ? (value as { toJSON: () => unknown }).toJSON()
      : value;
  switch (typeof plain) {
    case 'string':
    case 'boolean':
      return plain;
    case 'number':
      return Number.isFinite(plain) ? plain : null;
    case 'bigint':
      // As JSON.stringify does: the log could not hold it either.
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object': {
      if (plain === null) return null;
      if (Array.isArray(plain))
        return plain.map((item) => {
          const json = toJson(item);
          return json === omitted ? null : json;
        });
      const source = plain as Record<string, unknown>;
      const ordered: Record<string, unknown> = {};
      for (const key of Object.keys(source).sort(jsonbKeyOrder)) {
        const json = toJson(source[key]);
        if (json !== omitted) ordered[key] = json;
      }
      return ordered;
    }
    default:
      return omitted;
  }
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
