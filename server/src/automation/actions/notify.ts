import { addNotifications, announce, labelAsSeen, membersAmong, readLabels } from '../../activities/index.js';
import type { RuleAction } from '../model.js';
import { expectTemplateText } from './field-checks.js';
import type { ActionContext, ActionHandler, RecordViewer } from './handler.js';
import { checkRecipients, recipientIds } from './recipients.js';
import { membersWithRoles } from './roles.js';

type Notify = Extract<RuleAction, { type: 'NOTIFY' }>;

/** The longest message a rule may write (after merge fields, it is cut to this too). */
export const maxMessageLength = 1_000;

/**
 * Notifies members in their inbox (kind AUTOMATION, each member's settings decide the
 * channels): the fixed members, whoever the record's USER fields hold and the members of the
 * named roles, members only, and of those only members whose permission profile reads the record
 * (the others are listed in the step's output as `cannotRead`); each reads the message as their
 * profile shows the record.
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
    const byRole = await membersWithRoles(ctx.em, ctx.workspaceId, action.recipients.roles ?? []);
    const named = [...new Set([...recipientIds(action.recipients, record), ...byRole])];
    const members = await membersAmong(ctx.em, ctx.workspaceId, named);
    // A member whose profile cannot read the record is not told about it; the others read the
    // message as their profile shows the record (hidden fields render empty).
    const views = await ctx.services.recordAccess.readersOf(
      ctx.em,
      { workspaceId: ctx.workspaceId, metadata: ctx.metadata, object: ctx.object, recordId: record.id },
      named.filter((id) => members.has(id)),
    );
    const readers = [...views].map(([userId, viewer]) =>
      viewer ? { userId, readable: true as const, viewer } : { userId, readable: false as const },
    );
    const recipients = readers.filter((r) => r.readable).map((r) => r.userId);
    const message = await messageOf(ctx, action.message);
    const output = {
      recipients,
      message,
      notMembers: named.filter((id) => !members.has(id)),
      cannotRead: readers.filter((r) => !r.readable).map((r) => r.userId),
    };
    if (ctx.dryRun || !recipients.length) return { output };
    const label = (await readLabels(ctx.em, ctx.metadata, ctx.object, [record.id])).get(record.id) ?? '';
    const entries = [];
    for (const reader of readers) {
      if (!reader.readable) continue;
      // Without a scope, a reader's profile hides nothing: the message as rendered once.
      const viewer = reader.viewer.scope ? reader.viewer : undefined;
      entries.push({
        workspaceId: ctx.workspaceId,
        userId: reader.userId,
        kind: 'AUTOMATION' as const,
        objectId: ctx.object.id,
        recordId: record.id,
        label: viewer ? labelAsSeen(label, ctx.object, viewer) : label,
        dueAt: null,
        late: false,
        excerpt: viewer ? await messageOf(ctx, action.message, viewer) : message,
        dedupeKey: `automation:${ctx.idempotencyKey}`,
      });
    }
    const added = await addNotifications(ctx.em, entries);
    // The bell hears once the step commits (a rolled-back step told nobody).
    ctx.records.deferAfterCommit?.(() => announce(ctx.services.events, added));
    return { output };
  },
};

async function messageOf(ctx: ActionContext, template: string, viewer?: RecordViewer): Promise<string> {
  return [...(await ctx.render(template, viewer))].slice(0, maxMessageLength).join('').trim();
}
