import { i18n } from '../../i18n';
import type { ActionType } from './operations';

/** The action types in the order the "add an action" menu offers them. */
export const actionTypes: readonly ActionType[] = [
  'CREATE_RECORD',
  'UPDATE_RECORD',
  'ASSIGN',
  'MOVE_STAGE',
  'ADD_COMMENT',
  'NOTIFY',
  'SEND_EMAIL',
  'CALL_WEBHOOK',
  'WAIT',
  'BRANCH',
];

/** An action type's name in the current language. */
export const actionTypeLabel = (type: ActionType): string =>
  i18n.global.t(`adminAutomation.actions.types.${type}`);
