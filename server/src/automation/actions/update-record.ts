import type { ObjectDef } from '../../metadata/index.js';
import { BadInput } from '../../platform/index.js';
import { activeField, checkValues } from '../check-values.js';
import type { RuleAction } from '../model.js';
import type { ActionContext, ActionHandler } from './handler.js';
import { allowedKeys } from './keys.js';
import { resolveValues } from './values.js';

type UpdateRecord = Extract<RuleAction, { type: 'UPDATE_RECORD' }>;

/** The object a `via` relation of the rule's object points at (the rule's object without one). */
function targetOf(
  metadata: ActionContext['metadata'],
  object: ObjectDef,
  via: unknown,
  path: string[],
): ObjectDef {
  if (via === undefined || via === null) return object;
  const field = activeField(object, via, path);
  const target =
    field.type === 'RELATION' && field.options.relationKind === 'MANY_TO_ONE'
      ? metadata.objects.find((o) => o.id === field.options.targetObjectId && !o.archivedAt)
      : undefined;
  if (!target) throw new BadInput(path, `via: “${field.key}” is not a to-one relation.`);
  return target;
}

export const updateRecordAction: ActionHandler<UpdateRecord> = {
  type: 'UPDATE_RECORD',
  check(action, at) {
    allowedKeys(action, ['via', 'values'], at.path);
    const target = targetOf(at.metadata, at.object, action.via, [...at.path, 'via']);
    checkValues(action.values, target, at.object, [...at.path, 'values'], false, at.metadata);
  },
  async run(action, ctx) {
    const update = await updating(action, ctx);
    if ('skipped' in update) return { output: update };
    const { target, id, patch } = update;
    if (ctx.dryRun) return { output: { wouldUpdate: target.key, recordId: id, values: patch } };
    await ctx.services.records.update(ctx.records, target, { id, patch });
    return { output: { object: target.key, recordId: id, values: patch } };
  },
  // A chunk's updates: one bulk write per object (an UPDATE per set of changed fields, one
  // change-log statement, the hooks once).
  async runMany(steps) {
    const updates: Awaited<ReturnType<typeof updating>>[] = [];
    for (const { action, ctx } of steps) updates.push(await updating(action, ctx));
    for (const target of new Set(updates.flatMap((u) => ('target' in u ? [u.target] : [])))) {
      const of = updates.flatMap((u, i) => ('target' in u && u.target === target ? [{ u, i }] : []));
      const { ctx } = steps[of[0]!.i]!;
      await ctx.services.records.writeMany(ctx.records, target, {
        creates: [],
        updates: of.map(({ u }) => ({ id: u.id, patch: u.patch })),
      });
    }
    return updates.map((u) =>
      'skipped' in u ? { output: u } : { output: { object: u.target.key, recordId: u.id, values: u.patch } },
    );
  },
};

/** The record a step updates and its patch, or why it updates nothing. */
async function updating(
  action: UpdateRecord,
  ctx: ActionContext,
): Promise<{ skipped: string } | { target: ObjectDef; id: string; patch: Record<string, unknown> }> {
  const target = targetOf(ctx.metadata, ctx.object, action.via, ['via']);
  const id = action.via ? (ctx.record?.[action.via] as string | null | undefined) : ctx.record?.id;
  if (!id) return { skipped: action.via ? `${action.via} is empty` : 'no record' };
  return { target, id, patch: await resolveValues(ctx, target, action.values) };
}
