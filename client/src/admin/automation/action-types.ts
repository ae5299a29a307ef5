import type { ActionType } from './operations';

/** The action types in the order the "add an action" menu offers them. */
export const actionTypeLabels: Record<ActionType, string> = {
  CREATE_RECORD: 'Create a record',
  UPDATE_RECORD: 'Update fields',
  ASSIGN: 'Assign a member',
  MOVE_STAGE: 'Move stage',
  ADD_COMMENT: 'Add a comment',
  NOTIFY: 'Notify members',
  SEND_EMAIL: 'Send an e-mail',
  CALL_WEBHOOK: 'Call a webhook',
  WAIT: 'Wait',
  BRANCH: 'If / otherwise',
};
