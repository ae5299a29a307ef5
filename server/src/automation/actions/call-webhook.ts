import { BadInput } from '../../platform/index.js';
import { postSigned, secretForUrl, targetProblem } from '../../webhooks/index.js';
import type { RuleAction } from '../model.js';
import { RetryableStepError, type ActionHandler } from './handler.js';

type CallWebhook = Extract<RuleAction, { type: 'CALL_WEBHOOK' }>;

/** What the target gets: the run's record and change, like an outgoing webhook's body. */
export interface CallWebhookBody {
  /** The step's idempotency key, also in `X-CRM-Delivery`: the same on every retry. */
  id: string;
  event: 'automation.webhook';
  rule: { id: string; name: string };
  runId: string;
  object: string;
  recordId: string | null;
  changeId: string | null;
  values: Record<string, unknown> | null;
  changes: Record<string, [unknown, unknown]> | null;
}

/**
 * CALL_WEBHOOK: POSTs the run's record and change as JSON. Signed like outgoing webhooks with
 * the secret of the workspace's webhook at the same URL (unsigned when there is none); the
 * SSRF guard applies as for webhooks. A timeout, a network error or a 5xx is retried by the run.
 */
export const callWebhookAction: ActionHandler<CallWebhook> = {
  type: 'CALL_WEBHOOK',
  check(action, at) {
    const path = [...at.path, 'url'];
    let url: URL | null = null;
    try {
      url = typeof action.url === 'string' ? new URL(action.url) : null;
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      throw new BadInput(path, `${path.join('.')}: must be an http(s) URL.`);
  },
  async run(action, ctx) {
    if (ctx.dryRun) return { output: { wouldPost: action.url } };
    const config = ctx.services.webhookConfig;
    const problem = await targetProblem(action.url, config.allowPrivate);
    if (problem) throw new Error(`The URL ${problem}.`);
    const body: CallWebhookBody = {
      id: ctx.idempotencyKey,
      event: 'automation.webhook',
      rule: { id: ctx.rule.id, name: ctx.rule.name },
      runId: ctx.runId,
      object: ctx.object.key,
      recordId: ctx.record?.id ?? ctx.change?.recordId ?? null,
      changeId: ctx.change?.changeId ?? null,
      values: ctx.record,
      changes: ctx.change?.changes ?? null,
    };
    const secret = await secretForUrl(ctx.em, ctx.workspaceId, action.url);
    const outcome = await postSigned({
      url: action.url,
      body: JSON.stringify(body),
      secret,
      deliveryId: ctx.idempotencyKey,
      event: body.event,
      timeoutMs: config.timeoutMs,
      allowPrivate: config.allowPrivate,
    });
    const output = {
      url: action.url,
      status: outcome.status,
      responseBody: outcome.responseBody,
      signed: !!secret,
    };
    if (outcome.delivered) return { output };
    // A timeout, a network error or a 5xx may pass; another answer would be the same again.
    const transient = outcome.retryable && (outcome.status === null || outcome.status >= 500);
    if (transient) throw new RetryableStepError(outcome.error ?? 'The call failed.');
    throw new Error(outcome.error ?? 'The call failed.');
  },
};
