import { queueMail, renderMailTemplate } from '../../mail/index.js';
import { expectEmail } from '../../metadata/index.js';
import { BadInput, parseId } from '../../platform/index.js';
import type { RuleAction } from '../model.js';
import { expectFieldOfType, expectTemplateText } from './field-checks.js';
import type { ActionContext, ActionHandler, CheckContext } from './handler.js';

type SendEmail = Extract<RuleAction, { type: 'SEND_EMAIL' }>;

/**
 * `to.field`: an EMAIL field of the record (`email`), or of the record a many-to-one relation of it
 * points at (`contact.email`: a viewing's buyer).
 */
function expectRecipientField(at: CheckContext, key: unknown, path: string[]): void {
  const [relationKey, emailKey, ...rest] = typeof key === 'string' ? key.split('.') : [];
  if (emailKey === undefined || rest.length) {
    expectFieldOfType(at.object, key, ['EMAIL'], path);
    return;
  }
  const relation = expectFieldOfType(at.object, relationKey, ['RELATION'], path);
  const target = at.metadata.objects.find((o) => o.id === relation.options.targetObjectId && !o.archivedAt);
  if (relation.options.relationKind !== 'MANY_TO_ONE' || !target)
    throw new BadInput(path, `${relation.key} is not a relation to one record.`);
  expectFieldOfType(target, emailKey, ['EMAIL'], path);
}

/** The address `to.field` names on the run's record (through its relation for `contact.email`). */
async function recipientOf(ctx: ActionContext, key: string): Promise<unknown> {
  if (!key.includes('.')) return ctx.record?.[key];
  return (await ctx.render(`{{ record.${key} }}`)).trim();
}

export const maxSubjectLength = 200;
export const maxEmailBodyLength = 50_000;

/**
 * Queues an e-mail in the mail outbox, in the step's transaction (keyed by the step, so it is
 * queued once): to the address an EMAIL field of the record holds, or a fixed one. The mail
 * module sends it (docs/email.md).
 */
export const sendEmailAction: ActionHandler<SendEmail> = {
  type: 'SEND_EMAIL',
  check(action, at) {
    const path = [...at.path, 'to'];
    const to: unknown = action.to;
    if (!to || typeof to !== 'object' || Array.isArray(to))
      throw new BadInput(path, 'to: { field: <an EMAIL field> } or { address: <an e-mail address> }.');
    const { field, address } = to as SendEmail['to'];
    if ((field === undefined) === (address === undefined))
      throw new BadInput(path, 'to: either an EMAIL field or a fixed address.');
    if (field !== undefined) expectRecipientField(at, field, [...path, 'field']);
    else expectEmail(address, [...path, 'address']);
    if (action.templateId !== undefined) {
      // Its object and merge fields are checked when it is saved, and its existence when the step runs.
      parseId([...at.path, 'templateId'], String(action.templateId));
      return;
    }
    expectTemplateText(action.subject, [...at.path, 'subject'], maxSubjectLength);
    expectTemplateText(action.body, [...at.path, 'body'], maxEmailBodyLength);
  },
  async run(action, ctx) {
    const to = action.to.address ?? (await recipientOf(ctx, action.to.field ?? ''));
    if (typeof to !== 'string' || !to)
      return { output: { queued: false, reason: `the record has no ${action.to.field ?? 'address'}` } };
    if (action.templateId && !ctx.record)
      return { output: { queued: false, reason: 'a template needs the run’s record' } };
    const { subject, text, html } = action.templateId
      ? await renderMailTemplate(ctx.em, {
          workspaceId: ctx.workspaceId,
          templateId: action.templateId,
          recordId: ctx.record!.id,
          metadata: ctx.metadata,
        })
      : {
          subject: (await ctx.render(action.subject)).replace(/[\r\n]+/g, ' ').trim(),
          text: await ctx.render(action.body),
          html: null,
        };
    if (ctx.dryRun) return { output: { queued: false, to, subject, text } };
    const message = await queueMail(ctx.em, {
      workspaceId: ctx.workspaceId,
      to,
      subject,
      text,
      html,
      source: { ruleId: ctx.rule.id, runId: ctx.runId },
      idempotencyKey: `automation:${ctx.idempotencyKey}`,
    });
    return {
      output: {
        queued: true,
        messageId: message.id,
        to,
        subject,
        status: message.status,
        // Why it waits, if it does (no mail server configured); null when a send is due.
        reason: message.statusReason,
      },
    };
  },
};
