import type { FieldDef, ObjectDef } from '../../metadata';

export type QuickAction = 'call' | 'meeting' | 'note' | 'task';

/** The relation field of `linked` (a task, a note) that points at `target`, if it has one. */
export function linkFieldOf(linked: ObjectDef, target: ObjectDef): FieldDef | null {
  return (
    linked.fields.find(
      (f) =>
        f.type === 'RELATION' &&
        f.settings.relation?.targetObjectKey === target.key &&
        (f.settings.relation.kind === 'MANY_TO_ONE' || f.settings.relation.kind === 'MANY_TO_MANY'),
    ) ?? null
  );
}

/** A choice of a SELECT field, when the workspace still has it (an admin may have changed the options). */
function choice(object: ObjectDef, fieldKey: string, key: string): Record<string, string> {
  const field = object.fields.find((f) => f.key === fieldKey);
  return field?.settings.choices?.some((c) => c.key === key) ? { [fieldKey]: key } : {};
}

export interface QuickActionForm {
  title: string;
  text: string;
  /** ISO 8601, for a task. */
  dueAt: string | null;
  /** ISO 8601, for a task: the moment the workspace's reminder rules on `remindAt` count from. */
  remindAt: string | null;
}

/**
 * The create input of a quick action, linked to the record: a call or a meeting is a task
 * of that type, done now; a task is open with its due date and reminder time (who is reminded
 * when is the workspace's reminder rules on those fields); a note has a body.
 */
export function quickActionInput(
  action: QuickAction,
  linked: ObjectDef,
  link: FieldDef,
  recordId: string,
  me: string,
  form: QuickActionForm,
  now = new Date(),
): Record<string, unknown> {
  const linkValue = link.settings.relation?.kind === 'MANY_TO_MANY' ? [recordId] : recordId;
  const has = (key: string) => linked.fields.some((f) => f.key === key);
  const base = { name: form.title.trim(), [link.key]: linkValue };
  if (action === 'note') return { ...base, ...(form.text && has('body') ? { body: form.text } : {}) };
  const assignee = has('assignee') ? { assignee: me } : {};
  const description = form.text && has('description') ? { description: form.text } : {};
  if (action === 'task')
    return {
      ...base,
      ...choice(linked, 'type', 'todo'),
      ...choice(linked, 'status', 'open'),
      ...(form.dueAt && has('dueAt') ? { dueAt: form.dueAt } : {}),
      ...(form.remindAt && has('remindAt') ? { remindAt: form.remindAt } : {}),
      ...assignee,
      ...description,
    };
  return {
    ...base,
    ...choice(linked, 'type', action),
    ...choice(linked, 'status', 'done'),
    ...(has('dueAt') ? { dueAt: now.toISOString() } : {}),
    ...assignee,
    ...description,
  };
}
