import { formatDate, formatList, i18n, inSentence } from '../../i18n';
import type { ObjectDef } from '../../metadata';
import { choicesOf } from '../../records/field-values';
import { amountOf } from './rule-form';
import type { RuleAction, RuleTrigger } from './operations';

// Rules in words, for the rule list and the editor's headings, in the current language.

const t = (key: string, named: Record<string, unknown> = {}, plural?: number) =>
  plural === undefined ? i18n.global.t(key, named) : i18n.global.t(key, named, plural);

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
  return t(`adminAutomation.summary.duration.${unit}`, { n: amount }, amount);
}

/** "a deal", "an offer" (the article is English's: other languages word it in the message). */
function withArticle(object: ObjectDef | null): string {
  if (!object) return t('adminAutomation.summary.noun.record');
  const label = inSentence(object.labelSingular);
  return t(/^[aeiou]/i.test(label) ? 'adminAutomation.summary.noun.an' : 'adminAutomation.summary.noun.a', {
    object: label,
  });
}


export function triggerSummary(trigger: RuleTrigger, object: ObjectDef | null): string {
  const noun = withArticle(object);
  switch (trigger.kind) {
    case 'RECORD_CREATED':
      return t('adminAutomation.summary.created', { noun });
    case 'RECORD_DELETED':
      return t('adminAutomation.summary.deleted', { noun });
    case 'RECORD_UPDATED': {
      const fields = trigger.fields ?? [];
      if (fields.length === 0) return t('adminAutomation.summary.updated', { noun });
      const names = formatList(
        fields.map((f) => labelOf(object, f)),
        'or',
      );
      if (fields.length === 1 && trigger.toValue !== undefined && trigger.toValue !== null)
        return t('adminAutomation.summary.fieldChangesTo', {
          fields: names,
          value: choiceLabel(object, fields[0], trigger.toValue),
        });
      return t('adminAutomation.summary.fieldsChange', { fields: names });
    }
    case 'STAGE_ENTERED':
    case 'STAGE_LEFT': {
      const stageField = stageFieldOf(object, trigger.stageField);
      const stage = trigger.stage
        ? choiceLabel(object, stageField, trigger.stage)
        : t('adminAutomation.summary.anyStage');
      return t(
        trigger.kind === 'STAGE_ENTERED'
          ? 'adminAutomation.summary.enters'
          : 'adminAutomation.summary.leaves',
        { noun, stage },
      );
    }
    case 'DATE_RELATIVE': {
      const field = labelOf(object, trigger.dateField);
      const offset = trigger.offsetMinutes ?? 0;
      const duration = offset ? durationWords(offset) : '';
      const when = trigger.yearly
        ? t(
            offset === 0
              ? 'adminAutomation.summary.yearlyOn'
              : offset < 0
                ? 'adminAutomation.summary.yearlyBefore'
                : 'adminAutomation.summary.yearlyAfter',
            {
              field,
              duration,
            },
          )
        : t(
            offset === 0
              ? 'adminAutomation.summary.onDate'
              : offset < 0
                ? 'adminAutomation.summary.beforeDate'
                : 'adminAutomation.summary.afterDate',
            {
              field,
              duration,
            },
          );
      return trigger.timeOfDay
        ? t('adminAutomation.summary.atTime', { when, time: trigger.timeOfDay })
        : when;
    }
    case 'SCHEDULE':
      return t('adminAutomation.summary.schedule', { hint: cronHint(trigger.cron ?? '') });
    case 'MANUAL':
      return t('adminAutomation.summary.manual');
    case 'FORM_SUBMITTED':
      return t('adminAutomation.summary.formSubmitted');
    case 'EMAIL_RECEIVED':
      return t('adminAutomation.summary.emailReceived');
  }
}

const pad = (n: string) => n.padStart(2, '0');
const whole = (part: string) => /^\d+$/.test(part);
// 2023-01-01 was a Sunday: cron's day 0 (and 7).
const dayName = (day: number) => formatDate(`2023-01-0${1 + (day % 7)}`, { weekday: 'long' });

function daysOfWeek(part: string, time: string): string | null {
  if (part === '1-5') return t('adminAutomation.summary.cron.weekdays', { time });
  if (part === '0,6' || part === '6,0') return t('adminAutomation.summary.cron.weekends', { time });
  const days = part.split(',');
  if (!days.every((d) => whole(d) && Number(d) <= 7)) return null;
  return t('adminAutomation.summary.cron.days', {
    days: formatList(days.map((d) => dayName(Number(d)))),
    time,
  });
}

/**
 * A five-field cron expression in words for the common shapes ("every day at 09:00",
 * "every Monday at 08:30", "every 15 minutes"); the expression itself for the rest.
 * The server is the one that parses it: this is only a hint.
 */
export function cronHint(expression: string): string {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5 || parts[0] === '') return t('adminAutomation.summary.cron.fiveFields');
  const [minute, hour, day, month, weekday] = parts as [string, string, string, string, string];
  const raw = () => t('adminAutomation.summary.cron.raw', { expression: expression.trim() });
  const step = /^\*\/(\d+)$/.exec(minute);
  if (step && hour === '*' && day === '*' && month === '*' && weekday === '*')
    return t('adminAutomation.summary.cron.everyMinutes', { n: Number(step[1]) }, Number(step[1]));
  if (minute === '*' && hour === '*' && day === '*' && month === '*' && weekday === '*')
    return t('adminAutomation.summary.cron.everyMinute');
  if (whole(minute) && hour === '*' && day === '*' && month === '*' && weekday === '*')
    return t('adminAutomation.summary.cron.everyHour', { minute: Number(minute) });
  if (!whole(minute) || !whole(hour)) return raw();
  const time = `${pad(hour)}:${pad(minute)}`;
  if (day === '*' && month === '*' && weekday === '*')
    return t('adminAutomation.summary.cron.everyDay', { time });
  if (day === '*' && month === '*') {
    const days = daysOfWeek(weekday, time);
    if (days) return days;
  }
  if (whole(day) && month === '*' && weekday === '*')
    return t('adminAutomation.summary.cron.monthly', { day: Number(day), time });
  if (whole(day) && whole(month) && weekday === '*') {
    // A leap year, so 29 February reads as a date too; 31 April and month 13 stay as written.
    const iso = `2024-${pad(month)}-${pad(day)}`;
    const real = new Date(`${iso}T00:00:00Z`);
    if (!Number.isNaN(real.getTime()) && real.toISOString().startsWith(iso))
      return t('adminAutomation.summary.cron.yearly', {
        date: formatDate(iso, { day: 'numeric', month: 'long' }),
        time,
      });
  }
  return raw();
}

const members = (n: number) => t('adminAutomation.summary.members', { n }, n);
const actionCount = (n: number) => t('adminAutomation.summary.actions', { n }, n);

export function actionSummary(
  action: RuleAction,
  object: ObjectDef | null,
  objects: readonly ObjectDef[],
): string {
  switch (action.type) {
    case 'CREATE_RECORD': {
      const target = objects.find((o) => o.key === action.object);
      if (!target && !action.object) return t('adminAutomation.summary.createRecord');
      const label = target ? inSentence(target.labelSingular) : action.object;
      return t(
        /^[aeiou]/i.test(label) ? 'adminAutomation.summary.createAn' : 'adminAutomation.summary.createA',
        { object: label },
      );
    }
    case 'UPDATE_RECORD': {
      const target = action.via
        ? (objects.find(
            (o) =>
              o.key === object?.fields.find((f) => f.key === action.via)?.settings.relation?.targetObjectKey,
          ) ?? null)
        : object;
      const names = Object.keys(action.values ?? {}).map((k) => labelOf(target, k));
      const fields = names.length ? formatList(names) : t('adminAutomation.summary.someFields');
      return action.via
        ? t('adminAutomation.summary.updateVia', { fields, via: labelOf(object, action.via) })
        : t('adminAutomation.summary.update', { fields });
    }
    case 'ASSIGN': {
      const field = labelOf(object, action.field);
      if (action.mode === 'OWNER') return t('adminAutomation.summary.assignOwner', { field });
      if (action.mode === 'ROUND_ROBIN')
        return t('adminAutomation.summary.assignRoundRobin', {
          field,
          members: members(action.userIds?.length ?? 0),
        });
      return t('adminAutomation.summary.assignMember', { field });
    }
    case 'MOVE_STAGE':
      return t('adminAutomation.summary.moveTo', {
        stage: choiceLabel(object, stageFieldOf(object, action.stageField), action.stage),
      });
    case 'ADD_COMMENT':
      return t('adminAutomation.summary.comment');
    case 'NOTIFY': {
      const who = [
        ...(action.recipients.userIds?.length ? [members(action.recipients.userIds.length)] : []),
        ...(action.recipients.fields ?? []).map((f) => labelOf(object, f)),
      ];
      return who.length
        ? t('adminAutomation.summary.notify', { who: formatList(who) })
        : t('adminAutomation.summary.notifyNobody');
    }
    case 'SEND_EMAIL':
      return t('adminAutomation.summary.email', {
        to: action.to.field ? labelOf(object, action.to.field) : action.to.address || '…',
      });
    case 'CALL_WEBHOOK':
      return action.url
        ? t('adminAutomation.summary.webhook', { url: action.url })
        : t('adminAutomation.summary.webhookAny');
    case 'WAIT':
      return t('adminAutomation.summary.wait', { duration: durationWords(action.minutes) });
    case 'BRANCH': {
      const then = actionCount(action.then.length);
      return action.else?.length
        ? t('adminAutomation.summary.branchElse', { then, otherwise: actionCount(action.else.length) })
        : t('adminAutomation.summary.branch', { then });
    }
  }
}
