import { isDeepStrictEqual } from 'node:util';
import type { ObjectDef } from '../../metadata/index.js';
import type { ChangeLogRow } from '../../records/index.js';
import type { AutomationRule } from '../model.js';

/** The record triggers the change log fires: which rules a change starts, before their condition. */
export const recordTriggerKinds = new Set([
  'RECORD_CREATED',
  'RECORD_UPDATED',
  'RECORD_DELETED',
  'STAGE_ENTERED',
  'STAGE_LEFT',
]);

function stageKey(object: ObjectDef, key: string | undefined): string | undefined {
  return key ?? object.fields.find((f) => f.type === 'STAGE' && !f.archivedAt)?.key;
}

export function changeFires(rule: AutomationRule, object: ObjectDef, change: ChangeLogRow): boolean {
  const { trigger } = rule;
  const values = change.changes ?? {};
  switch (trigger.kind) {
    case 'RECORD_CREATED':
      return change.kind === 'create';
    case 'RECORD_DELETED':
      return change.kind === 'delete';
    case 'RECORD_UPDATED': {
      if (change.kind !== 'update') return false;
      const fields = trigger.fields?.length ? trigger.fields : Object.keys(values);
      const changed = fields.filter((key) => key in values);
      if (!changed.length) return false;
      if (trigger.toValue === undefined) return true;
      return isDeepStrictEqual(values[changed[0]!]![1], trigger.toValue);
    }
    case 'STAGE_ENTERED':
    case 'STAGE_LEFT': {
      if (change.kind !== 'update' && change.kind !== 'create') return false;
      const key = stageKey(object, trigger.stageField);
      const moved = key ? values[key] : undefined;
      if (!moved) return false;
      const [from, to] = moved;
      const stage = trigger.kind === 'STAGE_ENTERED' ? to : from;
      if (stage === null || stage === undefined) return false;
      return trigger.stage === undefined || trigger.stage === null || stage === trigger.stage;
    }
    default:
      return false;
  }
}
