import type { ObjectDef } from '../../metadata';
import { choicesOf } from '../../records/field-values';
import { amountOf } from './rule-form';
import type { RuleAction, RuleTrigger } from './operations';

// Rules in words, for the rule list and the editor's headings.

const labelOf = (object: ObjectDef | null, key: string | undefined) =>
  (key && object?.fields.find((f) => f.key === key)?.label) || key || '';

function choiceLabel(object: ObjectDef | null, fieldKey: string | undefined, key: unknown): string {
  const field = object?.fields.find((f) => f.key === fieldKey);
  const choice = field ? choicesOf(field).find((c) => c.key === key) : undefined;
  return choice?.label ?? String(key);
}

function stageFieldOf(object: ObjectDef | null, key: string | undefined) {
  return key ?? object?.fields.find((f) => f.type === 'STAGE')?.key;
}

export function durationWords(minutes: number): string {
  const { amount, unit } = amountOf(Math.abs(minutes));
  return `${amount} ${amount === 1 ? unit.slice(0, -1) : unit}`;
}

const article = (noun: string) => (/^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`);

export function triggerSummary(trigger: RuleTrigger, object: ObjectDef | null): string {
  const noun = object ? article(object.labelSingular.toLowerCase()) : 'a record';
  switch (trigger.kind) {
    case 'RECORD_CREATED':
      return `When ${noun} is created`;
    case 'RECORD_DELETED':
      return `When ${noun} is deleted`;
    case 'RECORD_UPDATED': {
      const fields = trigger.fields ?? [];
      if (fields.length === 0) return `When ${noun} is updated`;
      const names = fields.map((f) => labelOf(object, f)).join(' or ');
      if (fields.length === 1 && trigger.toValue !== undefined && trigger.toValue !== null)
        return `When ${names} changes to ${choiceLabel(object, fields[0], trigger.toValue)}`;
      return `When ${names} changes`;
    }
    case 'STAGE_ENTERED':
    case 'STAGE_LEFT': {
      const verb = trigger.kind === 'STAGE_ENTERED' ? 'enters' : 'leaves';
      const stageField = stageFieldOf(object, trigger.stageField);
      const stage = trigger.stage ? choiceLabel(object, stageField, trigger.stage) : 'any stage';
      return `When ${noun} ${verb} ${stage}`;
    }
    case 'DATE_RELATIVE': {
      const field = labelOf(object, trigger.dateField);
      const at = trigger.timeOfDay ? ` at ${trigger.timeOfDay}` : '';
      if (trigger.yearly) {
        const offset = trigger.offsetMinutes
          ? `${durationWords(trigger.offsetMinutes)} ${trigger.offsetMinutes < 0 ? 'before' : 'after'} `
          : 'on ';
        return `Every year ${offset}${field}${at}`;
      }
      if (!trigger.offsetMinutes) return `On ${field}${at}`;
      const side = trigger.offsetMinutes < 0 ? 'before' : 'after';
      return `${durationWords(trigger.offsetMinutes)} ${side} ${field}${at}`;
    }
    case 'SCHEDULE':
      return `On a schedule: ${cronHint(trigger.cron ?? '')}`;
    case 'MANUAL':
      return 'Manually, from the record page';
    case 'FORM_SUBMITTED':
      return 'When a form is submitted';
    case 'EMAIL_RECEIVED':
      return 'When an e-mail is received';
  }
}

const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const pad = (n: string) => n.padStart(2, '0');
const whole = (part: string) => /^\d+$/.test(part);

function daysOfWeek(part: string): string | null {
  if (part === '1-5') return 'on weekdays';
  if (part === '0,6' || part === '6,0') return 'at weekends';
  const days = part.split(',');
  if (!days.every((d) => whole(d) && Number(d) <= 7)) return null;
  return `every ${days.map((d) => dayNames[Number(d) % 7]).join(', ')}`;
}

/**
 * A five-field cron expression in words for the common shapes ("every day at 09:00",
 * "every Monday at 08:30", "every 15 minutes"); the expression itself for the rest.
 * The server is the one that parses it: this is only a hint.
 */
export function cronHint(expression: string): string {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5 || parts[0] === '') return 'five fields: minute hour day month weekday';
  const [minute, hour, day, month, weekday] = parts as [string, string, string, string, string];
  const step = /^\*\/(\d+)$/.exec(minute);
  if (step && hour === '*' && day === '*' && month === '*' && weekday === '*')
    return `every ${step[1]} minutes`;
  if (minute === '*' && hour === '*' && day === '*' && month === '*' && weekday === '*')
    return 'every minute';
  if (whole(minute) && hour === '*' && day === '*' && month === '*' && weekday === '*')
    return `every hour at minute ${Number(minute)}`;
  if (!whole(minute) || !whole(hour)) return `cron “${expression.trim()}”`;
  const at = `at ${pad(hour)}:${pad(minute)}`;
  if (day === '*' && month === '*' && weekday === '*') return `every day ${at}`;
  if (day === '*' && month === '*') {
    const days = daysOfWeek(weekday);
    if (days) return `${days} ${at}`;
  }
  if (whole(day) && month === '*' && weekday === '*') return `on day ${Number(day)} of every month ${at}`;
  if (whole(day) && whole(month) && weekday === '*' && monthNames[Number(month) - 1])
    return `every year on ${Number(day)} ${monthNames[Number(month) - 1]} ${at}`;
  return `cron “${expression.trim()}”`;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function actionSummary(
  action: RuleAction,
  object: ObjectDef | null,
  objects: readonly ObjectDef[],
): string {
  switch (action.type) {
    case 'CREATE_RECORD': {
      const target = objects.find((o) => o.key === action.object);
      const noun = target ? target.labelSingular.toLowerCase() : action.object || 'record';
      return `Create ${article(noun)}`;
    }
    case 'UPDATE_RECORD': {
      const via = action.via ? ` of ${labelOf(object, action.via)}` : '';
      const target = action.via
        ? (objects.find(
            (o) =>
              o.key === object?.fields.find((f) => f.key === action.via)?.settings.relation?.targetObjectKey,
          ) ?? null)
        : object;
      const names = Object.keys(action.values ?? {}).map((k) => labelOf(target, k));
      return `Update ${names.length ? names.join(', ') : 'fields'}${via}`;
    }
    case 'ASSIGN': {
      const field = labelOf(object, action.field);
      if (action.mode === 'OWNER') return `Assign ${field} to the record's owner`;
      const n = action.userIds?.length ?? 0;
      if (action.mode === 'ROUND_ROBIN') return `Assign ${field} round-robin among ${count(n, 'member')}`;
      return `Assign ${field} to a member`;
    }
    case 'MOVE_STAGE':
      return `Move to ${choiceLabel(object, stageFieldOf(object, action.stageField), action.stage)}`;
    case 'ADD_COMMENT':
      return 'Add a comment';
    case 'NOTIFY': {
      const who = [
        ...(action.recipients.userIds?.length ? [count(action.recipients.userIds.length, 'member')] : []),
        ...(action.recipients.fields ?? []).map((f) => labelOf(object, f)),
      ];
      return `Notify ${who.length ? who.join(' and ') : 'nobody'}`;
    }
    case 'SEND_EMAIL':
      return `Send an e-mail to ${action.to.field ? labelOf(object, action.to.field) : action.to.address || '…'}`;
    case 'CALL_WEBHOOK':
      return `Call ${action.url || 'a webhook'}`;
    case 'WAIT':
      return `Wait ${durationWords(action.minutes)}`;
    case 'BRANCH': {
      const otherwise = action.else?.length ? `, else ${count(action.else.length, 'action')}` : '';
      return `If the condition holds: ${count(action.then.length, 'action')}${otherwise}`;
    }
  }
}
