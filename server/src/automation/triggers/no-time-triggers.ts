import type { TimeTriggers } from './contract.js';

/** Until the time triggers are wired: DATE_RELATIVE and SCHEDULE rules save but never fire. */
export const noTimeTriggers: TimeTriggers = {
  ruleSaved: async () => undefined,
  changesConsumed: async () => undefined,
  tasks: {},
};
