import type { FieldDef, ObjectDef } from '../../metadata/index.js';
import { BadInput } from '../../platform/index.js';
import type { CheckContext } from '../actions/handler.js';
import { activeField, checkFieldValue, expectText } from '../check-values.js';
import type { RuleTrigger, TriggerKind } from '../model.js';

/**
 * How each trigger kind is checked when a rule is written. Pluggable like the actions:
 * a kind's owner lists its check in `triggerChecks` (triggers/index.ts).
 */
export interface TriggerCheck {
  kind: TriggerKind;
  /** Refuses a bad trigger with BadInput naming `at.path` and the part. */
  check(trigger: RuleTrigger, at: CheckContext): void;
}

export const allowed = (trigger: RuleTrigger, keys: readonly string[], path: string[]) => {
  const extra = Object.keys(trigger).find((k) => k !== 'kind' && !keys.includes(k));
  if (extra) throw new BadInput([...path, extra], `${trigger.kind} takes no “${extra.slice(0, 40)}”.`);
};

/** The STAGE field a stage trigger or action names, or the object's only one. */
export function stageFieldOf(object: ObjectDef, key: unknown, path: string[]): FieldDef {
  if (key !== undefined && key !== null) {
    const field = activeField(object, key, path);
    if (field.type !== 'STAGE') throw new BadInput(path, `“${field.key}” is not a stage field.`);
    return field;
  }
  const stages = object.fields.filter((f) => f.type === 'STAGE' && !f.archivedAt);
  if (stages.length !== 1)
    throw new BadInput(
      path,
      stages.length
        ? 'Name the stage field: this object has several.'
        : `${object.labelSingular} has no stage field.`,
    );
  return stages[0]!;
}

export function checkStage(field: FieldDef, stage: unknown, path: string[]): void {
  if (typeof stage !== 'string' || !(field.options.choices ?? []).some((c) => c.key === stage))
    throw new BadInput(path, `${field.key} has no stage “${String(stage).slice(0, 40)}”.`);
}

const plain = (kind: TriggerKind): TriggerCheck => ({
  kind,
  check: (trigger, at) => allowed(trigger, [], at.path),
});

const recordUpdated: TriggerCheck = {
  kind: 'RECORD_UPDATED',
  check: (trigger, { object, path }) => {
    allowed(trigger, ['fields', 'toValue'], path);
    const fields = trigger.fields ?? [];
    if (!Array.isArray(fields))
      throw new BadInput([...path, 'fields'], 'fields: must be a list of field keys.');
    const defs = fields.map((key, i) => activeField(object, key, [...path, 'fields', String(i)]));
    if (trigger.toValue === undefined) return;
    if (defs.length !== 1)
      throw new BadInput([...path, 'toValue'], 'toValue: name exactly one field in fields.');
    checkFieldValue(defs[0]!, trigger.toValue, [...path, 'toValue']);
  },
};

const stageTrigger = (kind: 'STAGE_ENTERED' | 'STAGE_LEFT'): TriggerCheck => ({
  kind,
  check: (trigger, { object, path }) => {
    allowed(trigger, ['stageField', 'stage'], path);
    const field = stageFieldOf(object, trigger.stageField, [...path, 'stageField']);
    if (trigger.stage !== undefined && trigger.stage !== null)
      checkStage(field, trigger.stage, [...path, 'stage']);
  },
});

/** The shape only; the time triggers' owner refines it (offsets, cron syntax, time zones). */
const dateRelative: TriggerCheck = {
  kind: 'DATE_RELATIVE',
  check: (trigger, { object, path }) => {
    allowed(trigger, ['dateField', 'offsetMinutes', 'yearly', 'timeOfDay'], path);
    const field = activeField(object, trigger.dateField, [...path, 'dateField']);
    if (field.type !== 'DATE' && field.type !== 'DATETIME')
      throw new BadInput([...path, 'dateField'], `“${field.key}” is not a date field.`);
  },
};

const schedule: TriggerCheck = {
  kind: 'SCHEDULE',
  check: (trigger, { path }) => {
    allowed(trigger, ['cron', 'timeZone', 'scheduleFilter'], path);
    expectText(trigger.cron, [...path, 'cron'], 'cron', 200);
  },
};

const formSubmitted: TriggerCheck = {
  kind: 'FORM_SUBMITTED',
  check: (trigger, { path }) => allowed(trigger, ['formId'], path),
};

export const engineTriggerChecks: readonly TriggerCheck[] = [
  plain('RECORD_CREATED'),
  recordUpdated,
  plain('RECORD_DELETED'),
  stageTrigger('STAGE_ENTERED'),
  stageTrigger('STAGE_LEFT'),
  plain('MANUAL'),
  dateRelative,
  schedule,
  formSubmitted,
  plain('EMAIL_RECEIVED'),
];
