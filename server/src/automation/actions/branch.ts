import { BadInput } from '../../platform/index.js';
import { checkCondition } from '../check-values.js';
import { matchingRecords, readerFor } from '../condition.js';
import type { RuleAction } from '../model.js';
import type { ActionHandler } from './handler.js';
import { allowedKeys } from './keys.js';

type Branch = Extract<RuleAction, { type: 'BRANCH' }>;

/** Reads the record again in the step's transaction and takes `then` or `else`. */
export const branchAction: ActionHandler<Branch> = {
  type: 'BRANCH',
  check(action, at) {
    allowedKeys(action, ['condition', 'then', 'else'], at.path);
    if (action.condition === null || action.condition === undefined)
      throw new BadInput([...at.path, 'condition'], 'condition: a filter is required.');
    checkCondition(at.metadata, at.object, action.condition, [...at.path, 'condition']);
    at.checkActions(action.then, [...at.path, 'then']);
    if (action.else !== undefined) at.checkActions(action.else, [...at.path, 'else']);
  },
  async run(action, ctx) {
    const matched = ctx.record
      ? (
          await matchingRecords(
            ctx.em,
            ctx.metadata,
            ctx.object,
            [ctx.record.id],
            action.condition,
            readerFor(ctx.causedBy, ctx.now),
          )
        ).has(ctx.record.id)
      : false;
    const branch = matched ? 'then' : 'else';
    return {
      output: { matched, branch },
      next: { branch, actions: (matched ? action.then : action.else) ?? [] },
    };
  },
};
