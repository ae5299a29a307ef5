import { BadInput } from '../../platform/index.js';
import { activeObject, checkValues } from '../check-values.js';
import type { RuleAction } from '../model.js';
import { allowedKeys } from './keys.js';
import type { ActionContext, ActionHandler } from './handler.js';
import { resolveValues } from './values.js';

type CreateRecord = Extract<RuleAction, { type: 'CREATE_RECORD' }>;

export const createRecordAction: ActionHandler<CreateRecord> = {
  type: 'CREATE_RECORD',
  check(action, at) {
    allowedKeys(action, ['object', 'values'], at.path);
    const target = activeObject(at.metadata, action.object, [...at.path, 'object']);
    checkValues(action.values ?? {}, target, at.object, [...at.path, 'values'], true, at.metadata);
  },
  async run(action, ctx) {
    const { target, values } = await creation(action, ctx);
    if (ctx.dryRun) return { output: { wouldCreate: action.object, values } };
    const row = await ctx.services.records.create(ctx.records, target, values);
    return { output: { object: action.object, recordId: row.id, values } };
  },
  // A chunk's creates: one bulk write per object (one insert, one change-log statement, the
  // hooks once), as a CSV import writes.
  async runMany(steps) {
    const creations: Awaited<ReturnType<typeof creation>>[] = [];
    for (const { action, ctx } of steps) creations.push(await creation(action, ctx));
    const ids = new Array<string>(steps.length);
    for (const target of new Set(creations.map((c) => c.target))) {
      const at = creations.flatMap((c, i) => (c.target === target ? [i] : []));
      const { ctx } = steps[at[0]!]!;
      const { created } = await ctx.services.records.writeMany(ctx.records, target, {
        creates: at.map((i) => creations[i]!.values),
        updates: [],
      });
      at.forEach((i, n) => (ids[i] = created[n]!.id));
    }
    return steps.map(({ action }, i) => ({
      output: { object: action.object, recordId: ids[i], values: creations[i]!.values },
    }));
  },
};

/** The object a step creates a record of, and the record's API values. */
async function creation(action: CreateRecord, ctx: ActionContext) {
  const target = ctx.metadata.objects.find((o) => o.key === action.object && !o.archivedAt);
  if (!target) throw new BadInput(['object'], `There is no object “${action.object}” any more.`);
  const values = await resolveValues(ctx, target, action.values);
  // The rule writes but owns nothing: the trigger record's owner, else the member who caused the run.
  if (!('owner' in values)) values.owner = ctx.record?.owner ?? ctx.causedBy ?? null;
  return { target, values };
}
