import type { ActionHandler } from './handler.js';
import { addCommentAction } from './add-comment.js';
import { assignAction } from './assign.js';
import { branchAction } from './branch.js';
import { callWebhookAction } from './call-webhook.js';
import { createRecordAction } from './create-record.js';
import { moveStageAction } from './move-stage.js';
import { notifyAction } from './notify.js';
import { sendEmailAction } from './send-email.js';
import { updateRecordAction } from './update-record.js';
import { waitAction } from './wait.js';

/**
 * Every action type the engine runs: one handler each, in its own file. Add a line here
 * for a new type; the engine knows no action by name.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler takes its own action type
export const actionHandlers: readonly ActionHandler<any>[] = [
  createRecordAction,
  updateRecordAction,
  moveStageAction,
  waitAction,
  branchAction,
  callWebhookAction,
  assignAction,
  notifyAction,
  addCommentAction,
  sendEmailAction,
];

export function handlerFor(type: unknown): ActionHandler | undefined {
  return actionHandlers.find((h) => h.type === type);
}

export {
  RetryableStepError,
  type ActionContext,
  type ActionHandler,
  type CheckContext,
  type ManyStep,
  type StepResult,
} from './handler.js';
