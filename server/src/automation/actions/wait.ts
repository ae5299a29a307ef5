import { BadInput } from '../../platform/index.js';
import type { RuleAction } from '../model.js';
import type { ActionHandler } from './handler.js';
import { allowedKeys } from './keys.js';

type Wait = Extract<RuleAction, { type: 'WAIT' }>;

/** A year: longer waits are more likely a mistake than a plan. */
const maxMinutes = 366 * 24 * 60;

export const waitAction: ActionHandler<Wait> = {
  type: 'WAIT',
  check(action, at) {
    allowedKeys(action, ['minutes'], at.path);
    const { minutes } = action;
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0 || minutes > maxMinutes)
      throw new BadInput([...at.path, 'minutes'], `minutes: a number from 0 to ${maxMinutes}.`);
  },
  async run(action, ctx) {
    const resumeAt = new Date(ctx.now.getTime() + action.minutes * 60_000);
    return { output: { minutes: action.minutes, resumeAt: resumeAt.toISOString() }, resumeAt };
  },
};
