import { BadInput } from '../../platform/index.js';
import type { RuleAction } from '../model.js';
import { expectFieldOfType, expectUserIds } from './field-checks.js';
import type { ActionContext, ActionHandler, StepResult } from './handler.js';
import { takeTurn } from './rotation.js';

type Assign = Extract<RuleAction, { type: 'ASSIGN' }>;

const modes = ['FIXED', 'OWNER', 'ROUND_ROBIN'] as const;

/** At most this many members in a rotation. */
export const maxRotation = 100;

/**
 * Sets a USER field of the trigger record: a fixed member, the record's owner, or the next
 * member of a round-robin (away members and those who left are passed over; the rotation's
 * place is a row per rule and step, locked in the step's transaction).
 */
export const assignAction: ActionHandler<Assign> = {
  type: 'ASSIGN',
  check(action, at) {
    expectFieldOfType(at.object, action.field, ['USER'], [...at.path, 'field']);
    const field = at.object.fields.find((f) => f.key === action.field)!;
    if (field.readOnly) throw new BadInput([...at.path, 'field'], `${field.key} is read-only.`);
    if (!modes.includes(action.mode))
      throw new BadInput([...at.path, 'mode'], `mode: one of ${modes.join(', ')}.`);
    const path = [...at.path, 'userIds'];
    if (action.mode === 'FIXED' && expectUserIds(action.userIds, path, 1, at.members).length !== 1)
      throw new BadInput(path, 'FIXED: exactly one member.');
    if (action.mode === 'ROUND_ROBIN') {
      const ids = expectUserIds(action.userIds, path, 1, at.members);
      if (ids.length > maxRotation) throw new BadInput(path, `at most ${maxRotation} members.`);
      if (new Set(ids).size !== ids.length) throw new BadInput(path, 'each member once.');
    }
  },
  async run(action, ctx) {
    const record = ctx.record;
    if (!record) throw new Error('ASSIGN needs a record; this run has none.');
    const userId = await assignee(action, ctx);
    const output = { field: action.field, mode: action.mode, assigned: userId };
    if (!userId) return { output: { ...output, reason: 'the record has no owner' } };
    if (record[action.field] === userId) return { output: { ...output, unchanged: true } };
    if (ctx.dryRun) return { output };
    await ctx.services.records.update(ctx.records, ctx.object, {
      id: record.id,
      patch: { [action.field]: userId },
    });
    return { output } satisfies StepResult;
  },
};

/** Who gets the record; null only for OWNER on a record without one. */
async function assignee(action: Assign, ctx: ActionContext): Promise<string | null> {
  const ids = (action.userIds ?? []).map((id) => id.toLowerCase());
  switch (action.mode) {
    case 'OWNER':
      return typeof ctx.record?.owner === 'string' ? ctx.record.owner : null;
    case 'FIXED': {
      // Away or not, a fixed assignee is whom the rule names; one who left is refused.
      const [member] = await ctx.em.execute<{ user_id: string }[]>(
        'select user_id from membership where workspace_id = ? and user_id = ?',
        [ctx.workspaceId, ids[0]],
      );
      if (!member) throw new Error(`${ids[0]} is not a member of this workspace any more.`);
      return member.user_id;
    }
    case 'ROUND_ROBIN': {
      const step = { workspaceId: ctx.workspaceId, ruleId: ctx.rule.id, stepPath: ctx.stepPath };
      const next = await takeTurn(ctx.em, step, ids, { dryRun: ctx.dryRun });
      if (!next) throw new Error('Every member of the rotation is away or no longer a member.');
      return next;
    }
  }
}
