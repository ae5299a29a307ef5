import type { FieldDef, ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import type { NewReminderRule } from './reminder-rules.js';

export const maxRulesPerField = 5;
export const maxRecipientFields = 10;
/** A year and a day (leap years included): the farthest ahead a reminder may be. */
export const maxMinutesBefore = 527_040;
const timeOfDayPattern = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface ReminderRuleInput {
  minutesBefore?: number | null;
  timeOfDay?: string | null;
  recipients: string[];
  doneField?: string | null;
  doneValues?: string[] | null;
}

/** The object and DATE/DATETIME field a reminder is set on; BAD_USER_INPUT naming the argument otherwise. */
export function reminderTarget(
  metadata: WorkspaceMetadata,
  objectKey: string,
  fieldKey: string,
): { object: ObjectDef; field: FieldDef } {
  const object = metadata.objects.find((o) => o.key === objectKey && !o.archivedAt);
  if (!object) throw new BadInput(['object'], `No object “${objectKey.slice(0, 70)}” in this workspace.`);
  const field = object.fields.find((f) => f.key === fieldKey && !f.archivedAt);
  if (!field) throw new BadInput(['field'], `No field “${fieldKey.slice(0, 70)}” on ${object.key}.`);
  if ((field.type !== 'DATE' && field.type !== 'DATETIME') || field.system)
    throw new BadInput(
      ['field'],
      `Reminders go on a DATE or DATETIME field you can set; ${field.key} is ${field.system ? 'a system field' : field.type}.`,
    );
  return { object, field };
}

/** Checks one field's rules against its object; every problem names its argument path. */
export function parseReminderRules(
  object: ObjectDef,
  field: FieldDef,
  inputs: ReminderRuleInput[],
): NewReminderRule[] {
  if (inputs.length > maxRulesPerField)
    throw new BadInput(['rules'], `At most ${maxRulesPerField} reminders per field.`);
  return inputs.map((input, i) => parseRule(object, field, input, ['rules', String(i)]));
}

function parseRule(
  object: ObjectDef,
  field: FieldDef,
  input: ReminderRuleInput,
  at: string[],
): NewReminderRule {
  const minutesBefore = input.minutesBefore ?? 0;
  if (!Number.isInteger(minutesBefore) || minutesBefore < 0 || minutesBefore > maxMinutesBefore)
    throw new BadInput(
      [...at, 'minutesBefore'],
      `minutesBefore: a whole number from 0 to ${maxMinutesBefore}.`,
    );
  // A DATE has no time of its own; on a DATETIME a time of day means "on the moment's day"
  // (e.g. 9:00 on the day a task is due), read in the recipient's zone like a DATE's.
  const timeOfDay = input.timeOfDay ?? null;
  if (
    field.type === 'DATE'
      ? !timeOfDay || !timeOfDayPattern.test(timeOfDay)
      : timeOfDay !== null && !timeOfDayPattern.test(timeOfDay)
  )
    throw new BadInput(
      [...at, 'timeOfDay'],
      field.type === 'DATE'
        ? 'timeOfDay: a DATE field needs the time of the reminder, as HH:MM (in the recipient’s time zone).'
        : 'timeOfDay: HH:MM on the day of the field’s moment (in the recipient’s time zone), or none for the moment itself.',
    );
  return {
    minutesBefore,
    timeOfDay,
    recipientFieldIds: parseRecipients(object, input.recipients, [...at, 'recipients']),
    ...parseDone(object, input, at),
  };
}

function parseRecipients(object: ObjectDef, keys: string[], at: string[]): string[] {
  if (!keys.length || keys.length > maxRecipientFields)
    throw new BadInput(at, `recipients: 1 to ${maxRecipientFields} USER fields of ${object.key}.`);
  const ids = keys.map((key, j) => {
    const field = object.fields.find((f) => f.key === key && !f.archivedAt);
    if (!field || field.type !== 'USER')
      throw new BadInput(
        [...at, String(j)],
        field
          ? `recipients: ${key} is ${field.type}, not a USER field.`
          : `recipients: no field “${key.slice(0, 70)}” on ${object.key}.`,
      );
    return field.id;
  });
  return [...new Set(ids)];
}

function parseDone(
  object: ObjectDef,
  input: ReminderRuleInput,
  at: string[],
): Pick<NewReminderRule, 'doneFieldId' | 'doneValues'> {
  if (input.doneField == null) {
    if (input.doneValues?.length)
      throw new BadInput([...at, 'doneValues'], 'doneValues: name the doneField they belong to.');
    return { doneFieldId: null, doneValues: [] };
  }
  const field = object.fields.find((f) => f.key === input.doneField && !f.archivedAt);
  if (!field || (field.type !== 'SELECT' && field.type !== 'STAGE'))
    throw new BadInput(
      [...at, 'doneField'],
      `doneField: ${field ? `${field.key} is ${field.type}; ` : `no field “${input.doneField.slice(0, 70)}”; `}it must be a SELECT or STAGE field of ${object.key}.`,
    );
  const values = input.doneValues ?? [];
  if (!values.length) throw new BadInput([...at, 'doneValues'], 'doneValues: the values that mean done.');
  const choices = new Set((field.options.choices ?? []).map((c) => c.key));
  values.forEach((value, j) => {
    if (!choices.has(value))
      throw new BadInput(
        [...at, 'doneValues', String(j)],
        `doneValues: “${value.slice(0, 70)}” is no option of ${field.key}.`,
      );
  });
  return { doneFieldId: field.id, doneValues: [...new Set(values)] };
}
