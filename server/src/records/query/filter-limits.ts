import type { Path } from '../../metadata/index.js';
import { BadInput } from '../../platform/index.js';

/**
 * How deep and how large one filter may be. Checked on the raw value with an explicit
 * stack, before anything recurses into it or copies it, so a hostile filter costs one
 * linear walk and never reaches the compiler, the schema's id parsing or PostgreSQL.
 */
export interface FilterLimits {
  /** Filter objects nested in one another (through and/or/not and relation filters), the outer one included. */
  maxDepth: number;
  /** Conditions: each operator on a field (`price: {gte, lte}` is two); nested filter objects, too, may number at most this. */
  maxConditions: number;
}

export const defaultFilterLimits: FilterLimits = { maxDepth: 10, maxConditions: 200 };

const combinators = new Set(['and', 'or', 'not']);
const relationOperators = new Set(['is', 'some', 'none']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

interface Pending {
  filter: Record<string, unknown>;
  depth: number;
  path: Path;
}

/**
 * Refuses a filter over the limits with BAD_USER_INPUT at the path where it crosses them.
 * Only the shape is checked here; what the keys mean is the compiler's business.
 */
export function checkFilterLimits(
  filter: unknown,
  path: Path,
  limits: FilterLimits = defaultFilterLimits,
): void {
  if (!isObject(filter)) return;
  const stack: Pending[] = [{ filter, depth: 1, path }];
  // Filter objects are counted apart from conditions, so a list of empty ones is bounded too.
  let conditions = 0;
  let filters = 1;
  const tooMany = (at: Path): never => {
    throw new BadInput(at, `${path.join('.')}: a filter holds at most ${limits.maxConditions} conditions.`);
  };
  const nest = (value: unknown, depth: number, at: Path) => {
    if (!isObject(value)) return;
    if (depth > limits.maxDepth)
      throw new BadInput(at, `${path.join('.')}: filters nest at most ${limits.maxDepth} levels deep.`);
    if (++filters > limits.maxConditions + 1) tooMany(at);
    stack.push({ filter: value, depth, path: at });
  };
  while (stack.length) {
    const { filter: node, depth, path: nodePath } = stack.pop()!;
    for (const [key, value] of Object.entries(node)) {
      if (value === null || value === undefined) continue;
      if (combinators.has(key)) {
        const items = Array.isArray(value) ? value : [value];
        if (filters + items.length > limits.maxConditions + 1) tooMany([...nodePath, key]);
        items.forEach((item, i) =>
          nest(item, depth + 1, Array.isArray(value) ? [...nodePath, key, String(i)] : [...nodePath, key]),
        );
        continue;
      }
      if (!isObject(value)) continue;
      for (const [op, operand] of Object.entries(value)) {
        if (operand === undefined) continue;
        if (relationOperators.has(op)) nest(operand, depth + 1, [...nodePath, key, op]);
        else if (++conditions > limits.maxConditions) tooMany([...nodePath, key, op]);
      }
    }
  }
}
