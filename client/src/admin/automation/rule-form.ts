import type { FieldDef, ObjectDef } from '../../metadata';
import {
  buildFilter,
  conditionsFromFilter,
  matchOfFilter,
  type ApiFilter,
  type Condition,
  type Match,
} from '../../records/filters';
import { uiOf } from '../../records/fields/registry';
import type {
  ActionType,
  AssignMode,
  AutomationRule,
  AutomationRuleInput,
  RelativeDate,
  RuleAction,
  RuleTrigger,
  TriggerKind,
  ValueSource,
} from './operations';

/**
 * The rule editor's form state and its translation to and from the rule the API keeps:
 * amounts with units where the rule has minutes, the view filter builder's rows where it
 * has a filter, and one flat draft per action so each type's form binds plainly.
 */

export type Unit = 'minutes' | 'hours' | 'days';
const unitMinutes: Record<Unit, number> = { minutes: 1, hours: 60, days: 1440 };

export interface TriggerDraft {
  kind: TriggerKind;
  fields: string[];
  /** The "changes to" value as typed or picked; '' for any change. */
  toValue: string;
  stageField: string;
  stage: string;
  dateField: string;
  offsetAmount: number;
  offsetUnit: Unit;
  offsetDirection: 'before' | 'after';
  yearly: boolean;
  timeOfDay: string;
  cron: string;
  timeZone: string;
}

export type ValueMode = 'value' | 'fromField' | 'relativeDate' | 'template';

export interface ValueDraft {
  field: string;
  mode: ValueMode;
  /** The literal as the records API takes it. */
  value: unknown;
  fromField: string;
  amount: number;
  unit: Unit;
  template: string;
}

export interface ActionDraft {
  /** Only the form's: keeps a row's inputs with it when the list is reordered. */
  uid: number;
  type: ActionType;
  object: string;
  via: string;
  values: ValueDraft[];
  field: string;
  mode: AssignMode;
  userIds: string[];
  stageField: string;
  stage: string;
  body: string;
  recipientFields: string[];
  message: string;
  toField: string;
  toAddress: string;
  subject: string;
  url: string;
  waitAmount: number;
  waitUnit: Unit;
  conditions: Condition[];
  match: Match;
  then: ActionDraft[];
  else: ActionDraft[];
}

export interface RuleDraft {
  name: string;
  description: string;
  objectKey: string;
  enabled: boolean;
  trigger: TriggerDraft;
  conditions: Condition[];
  match: Match;
  actions: ActionDraft[];
}

let nextUid = 1;

export function emptyTrigger(kind: TriggerKind = 'RECORD_CREATED'): TriggerDraft {
  return {
    kind,
    fields: [],
    toValue: '',
    stageField: '',
    stage: '',
    dateField: '',
    offsetAmount: 0,
    offsetUnit: 'days',
    offsetDirection: 'before',
    yearly: false,
    timeOfDay: '09:00',
    cron: '0 9 * * 1',
    timeZone: '',
  };
}

export function emptyAction(type: ActionType, objectKey = ''): ActionDraft {
  return {
    uid: nextUid++,
    type,
    object: type === 'CREATE_RECORD' ? objectKey : '',
    via: '',
    values: [],
    field: '',
    mode: 'FIXED',
    userIds: [],
    stageField: '',
    stage: '',
    body: '',
    recipientFields: [],
    message: '',
    toField: '',
    toAddress: '',
    subject: '',
    url: '',
    waitAmount: 1,
    waitUnit: 'days',
    conditions: [],
    match: 'all',
    then: [],
    else: [],
  };
}

export function emptyValue(field: string, mode: ValueMode = 'value'): ValueDraft {
  return { field, mode, value: null, fromField: '', amount: 1, unit: 'days', template: '' };
}

export function emptyRuleDraft(objectKey: string): RuleDraft {
  return {
    name: '',
    description: '',
    objectKey,
    enabled: true,
    trigger: emptyTrigger(),
    conditions: [],
    match: 'all',
    actions: [],
  };
}

/** Minutes as the largest unit that divides them (90 → 90 minutes, 2880 → 2 days). */
export function amountOf(minutes: number): { amount: number; unit: Unit } {
  const size = Math.abs(minutes);
  if (size > 0 && size % 1440 === 0) return { amount: minutes / 1440, unit: 'days' };
  if (size > 0 && size % 60 === 0) return { amount: minutes / 60, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

export const minutesOf = (amount: number, unit: Unit) => Math.round(Number(amount) * unitMinutes[unit]);

// ---- rule → form

function triggerDraftOf(trigger: RuleTrigger, object: ObjectDef | null): TriggerDraft {
  const offset = amountOf(Math.abs(trigger.offsetMinutes ?? 0));
  return {
    ...emptyTrigger(trigger.kind),
    fields: trigger.fields ?? [],
    toValue: trigger.toValue === undefined || trigger.toValue === null ? '' : toValueText(trigger.toValue),
    stageField: trigger.stageField ?? stageFieldsOf(object)[0]?.key ?? '',
    stage: trigger.stage ?? '',
    dateField: trigger.dateField ?? '',
    offsetAmount: offset.amount,
    offsetUnit: offset.unit,
    offsetDirection: (trigger.offsetMinutes ?? 0) > 0 ? 'after' : 'before',
    yearly: trigger.yearly ?? false,
    timeOfDay: trigger.timeOfDay ?? '09:00',
    cron: trigger.cron ?? '0 9 * * 1',
    timeZone: trigger.timeZone ?? '',
  };
}

function toValueText(value: unknown): string {
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function valueDraftOf(field: string, source: ValueSource): ValueDraft {
  if ('fromField' in source) return { ...emptyValue(field, 'fromField'), fromField: source.fromField };
  if ('template' in source) return { ...emptyValue(field, 'template'), template: source.template };
  if ('relativeDate' in source) {
    const { amount, unit } = amountOf(relativeMinutes(source.relativeDate));
    return { ...emptyValue(field, 'relativeDate'), amount, unit };
  }
  return { ...emptyValue(field, 'value'), value: source.value };
}

function relativeMinutes(date: RelativeDate): number {
  return (date.minutes ?? 0) + (date.hours ?? 0) * 60 + (date.days ?? 0) * 1440;
}

export function actionDraftOf(action: RuleAction): ActionDraft {
  const draft = emptyAction(action.type);
  switch (action.type) {
    case 'CREATE_RECORD':
      return { ...draft, object: action.object, values: valueDraftsOf(action.values) };
    case 'UPDATE_RECORD':
      return { ...draft, via: action.via ?? '', values: valueDraftsOf(action.values) };
    case 'ASSIGN':
      return { ...draft, field: action.field, mode: action.mode, userIds: action.userIds ?? [] };
    case 'MOVE_STAGE':
      return { ...draft, stageField: action.stageField ?? '', stage: action.stage };
    case 'ADD_COMMENT':
      return { ...draft, body: action.body };
    case 'NOTIFY':
      return {
        ...draft,
        userIds: action.recipients.userIds ?? [],
        recipientFields: action.recipients.fields ?? [],
        message: action.message,
      };
    case 'SEND_EMAIL':
      return {
        ...draft,
        toField: action.to.field ?? '',
        toAddress: action.to.address ?? '',
        subject: action.subject,
        body: action.body,
      };
    case 'CALL_WEBHOOK':
      return { ...draft, url: action.url };
    case 'WAIT': {
      const { amount, unit } = amountOf(action.minutes);
      return { ...draft, waitAmount: amount, waitUnit: unit };
    }
    case 'BRANCH':
      return {
        ...draft,
        conditions: conditionsFromFilter(action.condition),
        match: matchOfFilter(action.condition),
        then: action.then.map(actionDraftOf),
        else: (action.else ?? []).map(actionDraftOf),
      };
  }
}

function valueDraftsOf(values: Record<string, ValueSource>): ValueDraft[] {
  return Object.entries(values ?? {}).map(([field, source]) => valueDraftOf(field, source));
}

export function ruleDraftOf(rule: AutomationRule, objects: readonly ObjectDef[]): RuleDraft {
  const object = objects.find((o) => o.key === rule.objectKey) ?? null;
  return {
    name: rule.name,
    description: rule.description,
    objectKey: rule.objectKey,
    enabled: rule.enabled,
    trigger: triggerDraftOf(rule.trigger, object),
    conditions: conditionsFromFilter(rule.condition),
    match: matchOfFilter(rule.condition),
    actions: rule.actions.map(actionDraftOf),
  };
}

// ---- form → rule

export function stageFieldsOf(object: ObjectDef | null): FieldDef[] {
  return object?.fields.filter((f) => f.type === 'STAGE') ?? [];
}

/** "changes to" text → the API value, read as the view filter reads its operand. */
function toValueOf(object: ObjectDef | null, trigger: TriggerDraft): unknown {
  const field = object?.fields.find((f) => f.key === trigger.fields[0]);
  const parse = field && uiOf(field.type).filter(field)?.operand;
  return parse ? parse(trigger.toValue) : trigger.toValue;
}

export function triggerOf(draft: TriggerDraft, object: ObjectDef | null): RuleTrigger {
  switch (draft.kind) {
    case 'RECORD_UPDATED': {
      const trigger: RuleTrigger = { kind: draft.kind };
      if (draft.fields.length) trigger.fields = [...draft.fields];
      if (draft.fields.length === 1 && draft.toValue !== '') trigger.toValue = toValueOf(object, draft);
      return trigger;
    }
    case 'STAGE_ENTERED':
    case 'STAGE_LEFT': {
      const trigger: RuleTrigger = { kind: draft.kind };
      if (draft.stageField) trigger.stageField = draft.stageField;
      if (draft.stage) trigger.stage = draft.stage;
      return trigger;
    }
    case 'DATE_RELATIVE': {
      const minutes = minutesOf(draft.offsetAmount, draft.offsetUnit);
      const trigger: RuleTrigger = {
        kind: draft.kind,
        dateField: draft.dateField,
        offsetMinutes: draft.offsetDirection === 'before' && minutes !== 0 ? -minutes : minutes,
      };
      if (draft.yearly) trigger.yearly = true;
      const field = object?.fields.find((f) => f.key === draft.dateField);
      if (draft.timeOfDay && field?.type !== 'DATETIME') trigger.timeOfDay = draft.timeOfDay;
      return trigger;
    }
    case 'SCHEDULE': {
      const trigger: RuleTrigger = { kind: draft.kind, cron: draft.cron.trim() };
      if (draft.timeZone.trim()) trigger.timeZone = draft.timeZone.trim();
      return trigger;
    }
    default:
      return { kind: draft.kind };
  }
}

export function valueSourceOf(value: ValueDraft): ValueSource {
  switch (value.mode) {
    case 'fromField':
      return { fromField: value.fromField };
    case 'template':
      return { template: value.template };
    case 'relativeDate':
      return { relativeDate: { [value.unit]: Number(value.amount) } };
    default:
      return { value: value.value };
  }
}

function valuesOf(values: readonly ValueDraft[]): Record<string, ValueSource> {
  return Object.fromEntries(values.map((v) => [v.field, valueSourceOf(v)]));
}

/** A condition's filter on an object; `{}` ("always") when no row is complete. */
function filterOf(
  object: ObjectDef | null,
  conditions: Condition[],
  match: Match,
  objects: readonly ObjectDef[],
): ApiFilter | null {
  return object ? buildFilter(object, conditions, objects, match) : null;
}

export function actionOf(
  draft: ActionDraft,
  object: ObjectDef | null,
  objects: readonly ObjectDef[],
): RuleAction {
  switch (draft.type) {
    case 'CREATE_RECORD':
      return { type: draft.type, object: draft.object, values: valuesOf(draft.values) };
    case 'UPDATE_RECORD':
      return draft.via
        ? { type: draft.type, via: draft.via, values: valuesOf(draft.values) }
        : { type: draft.type, values: valuesOf(draft.values) };
    case 'ASSIGN':
      return draft.mode === 'OWNER'
        ? { type: draft.type, field: draft.field, mode: draft.mode }
        : {
            type: draft.type,
            field: draft.field,
            mode: draft.mode,
            // The single member picker shows the first of a round-robin's list when switched to FIXED.
            userIds: draft.mode === 'FIXED' ? draft.userIds.slice(0, 1) : [...draft.userIds],
          };
    case 'MOVE_STAGE':
      return draft.stageField
        ? { type: draft.type, stageField: draft.stageField, stage: draft.stage }
        : { type: draft.type, stage: draft.stage };
    case 'ADD_COMMENT':
      return { type: draft.type, body: draft.body };
    case 'NOTIFY': {
      const recipients: { userIds?: string[]; fields?: string[] } = {};
      if (draft.userIds.length) recipients.userIds = [...draft.userIds];
      if (draft.recipientFields.length) recipients.fields = [...draft.recipientFields];
      return { type: draft.type, recipients, message: draft.message };
    }
    case 'SEND_EMAIL': {
      const to = draft.toField ? { field: draft.toField } : { address: draft.toAddress.trim() };
      return { type: draft.type, to, subject: draft.subject, body: draft.body };
    }
    case 'CALL_WEBHOOK':
      return { type: draft.type, url: draft.url.trim() };
    case 'WAIT':
      return { type: draft.type, minutes: minutesOf(draft.waitAmount, draft.waitUnit) };
    case 'BRANCH': {
      const branch: Extract<RuleAction, { type: 'BRANCH' }> = {
        type: draft.type,
        condition: filterOf(object, draft.conditions, draft.match, objects) ?? {},
        then: draft.then.map((a) => actionOf(a, object, objects)),
      };
      if (draft.else.length) branch.else = draft.else.map((a) => actionOf(a, object, objects));
      return branch;
    }
  }
}

export function ruleInputOf(draft: RuleDraft, objects: readonly ObjectDef[]): AutomationRuleInput {
  const object = objects.find((o) => o.key === draft.objectKey) ?? null;
  return {
    name: draft.name.trim(),
    description: draft.description.trim(),
    objectKey: draft.objectKey,
    enabled: draft.enabled,
    trigger: triggerOf(draft.trigger, object),
    condition: filterOf(object, draft.conditions, draft.match, objects),
    actions: draft.actions.map((a) => actionOf(a, object, objects)),
  };
}

/** Moves an item of a list one place up (-1) or down (1); the same list when it cannot move. */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}
