import { formatList, i18n } from '../../i18n';
import type { AdminField, AdminObject, ReminderRule, ReminderRuleInput } from '../operations';

// A reminder rule as the admin reads it (in words) and edits it (a draft of strings).

export type LeadUnit = 'minutes' | 'hours' | 'days';
const unitMinutes: Record<LeadUnit, number> = { minutes: 1, hours: 60, days: 1440 };

export interface ReminderDraft {
  amount: string;
  unit: LeadUnit;
  timeOfDay: string;
  recipients: string[];
  doneField: string;
  doneValues: string[];
}

/** The inputs of one rule an error can point at (the server's argument names). */
export type ReminderInputName = 'minutesBefore' | 'timeOfDay' | 'recipients' | 'doneField' | 'doneValues';

/** A DATE needs a time of day; on a DATETIME none means the moment itself. */
export function emptyReminderDraft(recipients: string[] = [], fieldType = 'DATETIME'): ReminderDraft {
  const timeOfDay = fieldType === 'DATE' ? '09:00' : '';
  return { amount: '1', unit: 'hours', timeOfDay, recipients, doneField: '', doneValues: [] };
}

/** The largest unit that divides the lead exactly, so 90 minutes stays 90 minutes and 1440 is 1 day. */
export function leadOf(minutes: number): { amount: number; unit: LeadUnit } {
  if (minutes > 0 && minutes % unitMinutes.days === 0) return { amount: minutes / 1440, unit: 'days' };
  if (minutes > 0 && minutes % unitMinutes.hours === 0) return { amount: minutes / 60, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

export function reminderDraftOf(rule: ReminderRule): ReminderDraft {
  const lead = leadOf(rule.minutesBefore);
  return {
    amount: String(lead.amount),
    unit: lead.unit,
    timeOfDay: rule.timeOfDay ?? '',
    recipients: [...rule.recipients],
    doneField: rule.doneField ?? '',
    doneValues: [...rule.doneValues],
  };
}

/**
 * The rule to send. An amount that is no number goes as -1, so the server's message
 * (a whole number from 0 to …) is the one shown beside the lead input.
 */
export function reminderInputOf(draft: ReminderDraft, fieldType: string): ReminderRuleInput {
  // A number input's v-model holds a number once typed in, whatever the draft's type says.
  const text = String(draft.amount).trim();
  const amount = text === '' ? 0 : Number(text);
  const minutes = Number.isFinite(amount) ? amount * unitMinutes[draft.unit] : -1;
  return {
    minutesBefore: minutes,
    timeOfDay: fieldType === 'DATE' ? draft.timeOfDay : draft.timeOfDay || null,
    recipients: [...draft.recipients],
    doneField: draft.doneField || null,
    doneValues: draft.doneField ? [...draft.doneValues] : null,
  };
}

/** The rule in the input shape, to resend the rules a change leaves as they are. */
export function reminderInputOfRule(rule: ReminderRule): ReminderRuleInput {
  const { minutesBefore, timeOfDay, recipients, doneField, doneValues } = rule;
  return { minutesBefore, timeOfDay, recipients, doneField, doneValues: doneField ? doneValues : null };
}


/** “1 hour before, to Assignee, until Status is Done or Cancelled”, in the current language. */
export function reminderInWords(rule: ReminderRule, object: AdminObject): string {
  const { t } = i18n.global;
  const fieldOf = (key: string): AdminField | undefined => object.fields.find((f) => f.key === key);
  const labelOf = (key: string) => fieldOf(key)?.label ?? key;
  const lead = leadOf(rule.minutesBefore);
  const when =
    rule.minutesBefore === 0
      ? t('adminReminders.words.atTheTime')
      : t('adminReminders.words.before', {
          lead: t(`adminReminders.words.lead.${lead.unit}`, { n: lead.amount }, lead.amount),
        });
  const time = rule.timeOfDay;
  const start =
    time && rule.minutesBefore === 0
      ? t('adminReminders.words.onTheDayAt', { time })
      : time
        ? t('adminReminders.words.beforeAt', { when, time })
        : when;
  const recipients = formatList(rule.recipients.map(labelOf));
  if (!rule.doneField) return t('adminReminders.words.sentence', { when: start, recipients });
  const choices = fieldOf(rule.doneField)?.settings.choices ?? [];
  const values = rule.doneValues.map((v) => choices.find((c) => c.key === v)?.label ?? v);
  return t('adminReminders.words.sentenceUntil', {
    when: start,
    recipients,
    field: labelOf(rule.doneField),
    values: formatList(values, 'or'),
  });
}

/** Which rule and which of its inputs an error's argumentPath (rules.2.recipients.0) names. */
export function reminderErrorPlace(
  argumentPath: readonly string[] | undefined,
): { rule: number; input: ReminderInputName } | null {
  if (!argumentPath || argumentPath[0] !== 'rules' || argumentPath.length < 3) return null;
  const rule = Number(argumentPath[1]);
  const input = argumentPath[2] as ReminderInputName;
  const known: ReminderInputName[] = ['minutesBefore', 'timeOfDay', 'recipients', 'doneField', 'doneValues'];
  return Number.isInteger(rule) && known.includes(input) ? { rule, input } : null;
}
