import type { ObjectDef } from '../../metadata/index.js';
import type { ValueSource } from '../model.js';
import type { ActionContext } from './handler.js';

/** The API values an action writes: each ValueSource resolved for its field of `target`. */
export async function resolveValues(
  ctx: ActionContext,
  target: ObjectDef,
  values: Record<string, ValueSource>,
): Promise<Record<string, unknown>> {
  const input: Record<string, unknown> = {};
  for (const [key, source] of Object.entries(values)) {
    const field = target.fields.find((f) => f.key === key && !f.archivedAt);
    if (field) input[key] = await ctx.resolve(source, field);
  }
  return input;
}
