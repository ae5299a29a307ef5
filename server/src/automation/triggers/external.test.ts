import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import type { AutomationRule, TriggerKind } from '../model.js';
import type { RunRequest } from './contract.js';
import { fireExternalTrigger } from './external.js';

const rule = (id: string, kind: TriggerKind, over: Partial<AutomationRule> = {}): AutomationRule =>
  ({
    id,
    workspaceId: 'w',
    object: 'lead',
    enabled: true,
    trigger: { kind },
    actions: [],
    ...over,
  }) as AutomationRule;

function fakes(rules: AutomationRule[]) {
  const requests: RunRequest[] = [];
  const seen = new Set<string>();
  return {
    requests,
    deps: {
      rules: {
        get: async () => null,
        enabled: async (_em: EntityManager, _w: string, kinds: readonly TriggerKind[]) =>
          rules.filter((r) => kinds.includes(r.trigger.kind)),
      },
      startRun: async (_em: EntityManager, request: RunRequest) => {
        requests.push(request);
        if (seen.has(request.dedupeKey)) return null;
        seen.add(request.dedupeKey);
        return `run-${requests.length}`;
      },
    },
  };
}

const em = {} as EntityManager;

describe('fireExternalTrigger', () => {
  it('starts the object’s rules of that trigger and form, once per event', async () => {
    const { deps, requests } = fakes([
      rule('any-form', 'FORM_SUBMITTED'),
      rule('this-form', 'FORM_SUBMITTED', { trigger: { kind: 'FORM_SUBMITTED', formId: 'f1' } }),
      rule('other-form', 'FORM_SUBMITTED', { trigger: { kind: 'FORM_SUBMITTED', formId: 'f2' } }),
      rule('other-object', 'FORM_SUBMITTED', { object: 'deal' }),
      rule('mail', 'EMAIL_RECEIVED'),
    ]);
    const event = {
      workspaceId: 'w',
      trigger: 'FORM_SUBMITTED' as const,
      objectKey: 'lead',
      recordId: 'r1',
      formId: 'f1',
      eventId: 's1',
    };
    expect(await fireExternalTrigger(em, event, deps)).toEqual(['run-1', 'run-2']);
    expect(requests.map((r) => [r.ruleId, r.recordId, r.trigger, r.dedupeKey])).toEqual([
      ['any-form', 'r1', 'FORM_SUBMITTED', 'any-form:FORM_SUBMITTED:s1'],
      ['this-form', 'r1', 'FORM_SUBMITTED', 'this-form:FORM_SUBMITTED:s1'],
    ]);
    // The same submission again (a retried request) starts nothing new.
    expect(await fireExternalTrigger(em, event, deps)).toEqual([]);
  });

  it('fires e-mail rules keyed by the record when no event id is given', async () => {
    const { deps, requests } = fakes([rule('mail', 'EMAIL_RECEIVED')]);
    await fireExternalTrigger(
      em,
      {
        workspaceId: 'w',
        trigger: 'EMAIL_RECEIVED',
        objectKey: 'lead',
        recordId: 'r9',
      },
      deps,
    );
    expect(requests).toEqual([
      expect.objectContaining({ ruleId: 'mail', recordId: 'r9', dedupeKey: 'mail:EMAIL_RECEIVED:r9' }),
    ]);
  });
});
