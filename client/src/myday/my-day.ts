import type { FieldDef, ObjectDef } from '../metadata';
import type { ApiFilter, SortRule } from '../records/filters';

/**
 * What "My day" reads, as records API filters with relative values (`isMe`, `within`): the
 * same filters a saved view can hold, evaluated by the server in the reader's time zone.
 */

export interface MyDayList {
  object: ObjectDef;
  filter: ApiFilter;
  sort: SortRule[];
  /** The date the list is about (shown beside each record). */
  dateField: FieldDef;
}

/** How many days ahead the appointments reach (today included). */
export const appointmentDays = 7;

const isDate = (f: FieldDef) => f.type === 'DATE' || f.type === 'DATETIME';

/** "Mine": one of the object's member fields is me (or, when it has none, its owner). */
export function mineFilter(object: ObjectDef): ApiFilter | null {
  const members = object.fields.filter((f) => f.type === 'USER' && !f.system && f.operators.includes('isMe'));
  const keys = members.length
    ? members.map((f) => f.key)
    : object.fields.some((f) => f.key === 'owner')
      ? ['owner']
      : [];
  if (!keys.length) return null;
  const parts = keys.map((key) => ({ [key]: { isMe: true } }));
  return parts.length === 1 ? parts[0]! : { or: parts };
}

/** Choice keys that close a record (done, cancelled): the ones a to-do list leaves out. */
const closedKeys = new Set(['done', 'cancelled', 'canceled', 'completed', 'closed']);

function openFilter(object: ObjectDef): ApiFilter[] {
  const status = object.fields.find((f) => f.key === 'status' && f.type === 'SELECT');
  const closed = status?.settings.choices?.map((c) => c.key).filter((k) => closedKeys.has(k)) ?? [];
  return closed.length ? [{ status: { notIn: closed } }] : [];
}

/** My open tasks due today or before (overdue), earliest first. */
export function myTasks(objects: readonly ObjectDef[]): MyDayList | null {
  const task = objects.find((o) => o.key === 'task');
  const due =
    task?.fields.find((f) => f.key === 'dueAt' && isDate(f)) ??
    task?.fields.find((f) => isDate(f) && !f.system);
  const mine = task && mineFilter(task);
  if (!task || !due || !mine) return null;
  const when = {
    or: [{ [due.key]: { within: { period: 'OVERDUE' } } }, { [due.key]: { within: { period: 'TODAY' } } }],
  };
  return {
    object: task,
    filter: { and: [mine, when, ...openFilter(task)] },
    sort: [{ field: due.key, direction: 'ASC' }],
    dateField: due,
  };
}

/** A calendar view's object and date field, as the views list names them. */
export interface CalendarSource {
  object: string;
  calendarField: string | null;
}

/** My appointments of the coming days, one list per object with a calendar view (tasks apart). */
export function myAppointments(
  objects: readonly ObjectDef[],
  calendars: readonly CalendarSource[],
): MyDayList[] {
  const seen = new Set<string>();
  const lists: MyDayList[] = [];
  for (const { object: key, calendarField } of calendars) {
    const object = objects.find((o) => o.key === key);
    const field = object?.fields.find((f) => f.key === calendarField && isDate(f));
    const mine = object && mineFilter(object);
    if (!object || object.key === 'task' || !field || !mine || seen.has(`${key}.${field.key}`)) continue;
    seen.add(`${key}.${field.key}`);
    lists.push({
      object,
      filter: {
        and: [mine, { [field.key]: { within: { nextDays: appointmentDays } } }, ...openFilter(object)],
      },
      sort: [{ field: field.key, direction: 'ASC' }],
      dateField: field,
    });
  }
  return lists;
}

/** My deals in an open stage, with the stages in pipeline order for grouping. */
export function myOpenDeals(objects: readonly ObjectDef[]): {
  object: ObjectDef;
  filter: ApiFilter;
  stageField: FieldDef;
  stages: { key: string; label: string }[];
} | null {
  const deal = objects.find((o) => o.key === 'deal');
  const stageField = deal?.fields.find((f) => f.type === 'STAGE');
  const mine = deal && mineFilter(deal);
  if (!deal || !stageField || !mine) return null;
  const stages = stageField.settings.pipelines?.flatMap((p) => p.stages) ?? [];
  const closed = stages.filter((s) => s.kind !== 'OPEN').map((s) => s.key);
  const filter = closed.length ? { and: [mine, { [stageField.key]: { notIn: closed } }] } : mine;
  return { object: deal, filter, stageField, stages: stages.filter((s) => s.kind === 'OPEN') };
}
