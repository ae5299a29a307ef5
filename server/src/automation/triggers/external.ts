import type { EntityManager } from '@mikro-orm/postgresql';
import type { StartRun } from './contract.js';
import { startRun } from '../runs.js';
import { storedRules, type RuleReader } from './rule-reader.js';

/** Something outside the record store happened to a record: a form was submitted, an e-mail came in. */
export interface ExternalTriggerEvent {
  workspaceId: string;
  trigger: 'FORM_SUBMITTED' | 'EMAIL_RECEIVED';
  objectKey: string;
  recordId: string;
  /** FORM_SUBMITTED: the form; rules naming another form are left out. */
  formId?: string;
  /** What happened, once (a submission's or message's id): a repeat starts nothing. The record's id when absent. */
  eventId?: string;
}

/**
 * The hook point the forms and e-mail modules call, in their own transaction: starts a run of
 * every enabled rule of the object with this trigger (and form). Returns the runs started.
 */
export async function fireExternalTrigger(
  em: EntityManager,
  event: ExternalTriggerEvent,
  deps: { rules: RuleReader; startRun: StartRun } = { rules: storedRules, startRun },
): Promise<string[]> {
  const rules = (await deps.rules.enabled(em, event.workspaceId, [event.trigger])).filter(
    (rule) =>
      rule.object === event.objectKey &&
      (event.trigger !== 'FORM_SUBMITTED' || !rule.trigger.formId || rule.trigger.formId === event.formId),
  );
  const started: string[] = [];
  for (const rule of rules) {
    const runId = await deps.startRun(em, {
      workspaceId: event.workspaceId,
      ruleId: rule.id,
      recordId: event.recordId,
      trigger: event.trigger,
      dedupeKey: `${rule.id}:${event.trigger}:${event.eventId ?? event.recordId}`,
    });
    if (runId) started.push(runId);
  }
  return started;
}
