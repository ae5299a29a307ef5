import { readLabels } from '../../activities/index.js';
import { addRuleComment, maxBodyLength } from '../../comments/index.js';
import { automationActorPrefix, type RuleAction } from '../model.js';
import { expectTemplateText } from './field-checks.js';
import type { ActionHandler } from './handler.js';

type AddComment = Extract<RuleAction, { type: 'ADD_COMMENT' }>;

/**
 * Comments on the trigger record as the rule ("Automation: <rule name>" in the thread and
 * timeline), the body's merge fields filled in; the record's people and followers are told.
 */
export const addCommentAction: ActionHandler<AddComment> = {
  type: 'ADD_COMMENT',
  check(action, at) {
    expectTemplateText(action.body, [...at.path, 'body'], maxBodyLength);
  },
  async run(action, ctx) {
    const record = ctx.record;
    if (!record) throw new Error('ADD_COMMENT needs a record; this run has none.');
    const body = await ctx.render(action.body);
    if (ctx.dryRun) return { output: { body } };
    const label = (await readLabels(ctx.em, ctx.metadata, ctx.object, [record.id])).get(record.id) ?? '';
    const { comment, afterCommit } = await addRuleComment(ctx.em, ctx.services, {
      ref: { workspaceId: ctx.workspaceId, objectId: ctx.object.id, recordId: record.id },
      metadata: ctx.metadata,
      object: ctx.object,
      row: record,
      label,
      authorLabel: `${automationActorPrefix}${ctx.rule.name}`,
      body,
    });
    ctx.records.deferAfterCommit?.(afterCommit);
    return { output: { commentId: comment.id, body: comment.body } };
  },
};
