import { BadInput } from '../../platform/index.js';
import { activeObject, checkValues } from '../check-values.js';
import type { RuleAction } from '../model.js';
import { allowedKeys } from './keys.js';
import type { ActionHandler } from './handler.js';
import { resolveValues } from './values.js';

type CreateRecord = Extract<RuleAction, { type: 'CREATE_RECORD' }>;

export const createRecordAction: ActionHandler<CreateRecord> = {
  type: 'CREATE_RECORD',
  check(action, at) {
    allowedKeys(action, ['object', 'values'], at.path);
    const target = activeObject(at.metadata, action.object, [...at.path, 'object']);
    checkValues(action.values ?? {}, target, at.object, [...at.path, 'values'], true);
  },
  async run(action, ctx) {
    const target = ctx.metadata.objects.find((o) => o.key === action.object && !o.archivedAt);
    if (!target) throw new BadInput(['object'], `There is no object “${action.object}” any more.`);
    const values = await resolveValues(ctx, target, action.values);
    // The rule writes but owns nothing: the trigger record's owner, else the member who caused the run.
    if (!('owner' in values)) values.owner = ctx.record?.owner ?? ctx.causedBy ?? null;
    if (ctx.dryRun) return { output: { wouldCreate: action.object, values } };
    const row = await ctx.services.records.create(ctx.records, target, values);
    return { output: { object: action.object, recordId: row.id, values } };
  },
};
