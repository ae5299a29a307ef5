import { addNotifications, announce, membersAmong, readLabels } from '../../activities/index.js';
import type { RuleAction } from '../model.js';
import { expectTemplateText } from './field-checks.js';
import type { ActionHandler } from './handler.js';
import { checkRecipients, recipientIds } from './recipients.js';

type Notify = Extract<RuleAction, { type: 'NOTIFY' }>;

/** The longest message a rule may write (after merge fields, it is cut to this too). */
export const maxMessageLength = 1_000;

/**
 * Notifies members in their inbox (kind AUTOMATION, each member's settings decide the
 * channels): the fixed members and whoever the record's USER fields hold, members only.
 * Keyed by the step, so a step run again adds nothing; the inboxes hear after commit.
 */
export const notifyAction: ActionHandler<Notify> = {
  type: 'NOTIFY',
  check(action, at) {
    checkRecipients(action.recipients, at.object, [...at.path, 'recipients'], at.members);
    expectTemplateText(action.message, [...at.path, 'message'], maxMessageLength);
  },
  async run(action, ctx) {
    const record = ctx.record;
    if (!record) throw new Error('NOTIFY needs a record; this run has none.');
    const named = recipientIds(action.recipients, record);
    const members = await membersAmong(ctx.em, ctx.workspaceId, named);
    const recipients = named.filter((id) => members.has(id));
    const message = [...(await ctx.render(action.message))].slice(0, maxMessageLength).join('').trim();
    const output = { recipients, message, notMembers: named.filter((id) => !members.has(id)) };
    if (ctx.dryRun || !recipients.length) return { output };
    const label = (await readLabels(ctx.em, ctx.metadata, ctx.object, [record.id])).get(record.id) ?? '';
    const added = await addNotifications(
      ctx.em,
      recipients.map((userId) => ({
        workspaceId: ctx.workspaceId,
        userId,
        kind: 'AUTOMATION' as const,
        objectId: ctx.object.id,
        recordId: record.id,
        label,
        dueAt: null,
        late: false,
        excerpt: message,
        dedupeKey: `automation:${ctx.idempotencyKey}`,
      })),
    );
    // The bell hears once the step commits (a rolled-back step told nobody).
    ctx.records.deferAfterCommit?.(() => announce(ctx.services.events, added));
    return { output };
  },
};
