import { checkStage, stageFieldOf } from '../triggers/index.js';
import type { RuleAction } from '../model.js';
import type { ActionHandler } from './handler.js';
import { allowedKeys } from './keys.js';

type MoveStage = Extract<RuleAction, { type: 'MOVE_STAGE' }>;

export const moveStageAction: ActionHandler<MoveStage> = {
  type: 'MOVE_STAGE',
  check(action, at) {
    allowedKeys(action, ['stageField', 'stage'], at.path);
    const field = stageFieldOf(at.object, action.stageField, [...at.path, 'stageField']);
    checkStage(field, action.stage, [...at.path, 'stage']);
  },
  async run(action, ctx) {
    const field = stageFieldOf(ctx.object, action.stageField, ['stageField']);
    if (!ctx.record) return { output: { skipped: 'no record' } };
    const from = ctx.record[field.key] ?? null;
    if (from === action.stage) return { output: { unchanged: action.stage } };
    if (ctx.dryRun) return { output: { wouldMove: { from, to: action.stage } } };
    await ctx.services.records.update(ctx.records, ctx.object, {
      id: ctx.record.id,
      patch: { [field.key]: action.stage },
    });
    return { output: { from, to: action.stage } };
  },
};
