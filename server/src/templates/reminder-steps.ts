import { fieldReminders, replaceReminderRules, type FieldReminders } from '../activities/index.js';
import type { ObjectDef } from '../metadata/index.js';
import type { TemplateReminder } from './format.js';
import { fieldIn } from './metadata-steps.js';
import type { PlanInput, Step } from './plan.js';
import { same } from './three-way.js';

/**
 * Default reminders per date field, as one list per field (what setReminderRules replaces):
 * set where the field has none yet, and changed by an upgrade only while the workspace
 * still holds the installed version's list. An admin's own rules, changed or removed,
 * stay as the admin left them.
 */

type Rules = FieldReminders['rules'];

function normalized(rules: TemplateReminder['rules']): Rules {
  return rules.map((rule) => ({
    minutesBefore: rule.minutesBefore ?? 0,
    timeOfDay: rule.timeOfDay ?? null,
    recipients: [...new Set(rule.recipients)],
    doneField: rule.doneField ?? null,
    doneValues: rule.doneField ? [...new Set(rule.doneValues)] : [],
  }));
}

/** Whether a field the rules name was archived in the workspace: then they are left alone. */
function namesArchived(object: ObjectDef, reminder: TemplateReminder): boolean {
  const named = reminder.rules.flatMap((r) => (r.doneField ? [...r.recipients, r.doneField] : r.recipients));
  const keys = [reminder.field, ...named];
  return keys.some((key) => fieldIn(object, key)?.archivedAt);
}

function describe(reminder: TemplateReminder): string {
  const target = `${reminder.object}.${reminder.field}`;
  if (!reminder.rules.length) return `Remove the reminders of ${target}`;
  const each = reminder.rules.map((rule) => {
    const when = rule.timeOfDay
      ? `at ${rule.timeOfDay} UTC${rule.minutesBefore ? ` less ${rule.minutesBefore} min` : ''}`
      : rule.minutesBefore
        ? `${rule.minutesBefore} min before`
        : 'at the time';
    return `${rule.recipients.join(', ')} ${when}`;
  });
  return `Remind by ${target}: ${each.join('; ')}`;
}

export async function reminderSteps(input: PlanInput): Promise<Step[]> {
  const steps: Step[] = [];
  const existing = input.template.reminders?.length ? await fieldReminders(input.em, input.metadata) : [];
  for (const reminder of input.template.reminders ?? []) {
    const object = input.metadata.objects.find((o) => o.key === reminder.object);
    if (object && (object.archivedAt || namesArchived(object, reminder))) continue;
    const wanted = normalized(reminder.rules);
    // Fields this install creates have no rules yet; that reads as an empty list.
    const current =
      existing.find((e) => e.object === reminder.object && e.field === reminder.field)?.rules ?? [];
    const base = input.base?.reminders?.find(
      (r) => r.object === reminder.object && r.field === reminder.field,
    );
    if (base) {
      const installed = normalized(base.rules);
      if (same(installed, wanted) || !same(current, installed)) continue;
    } else if (current.length || !wanted.length) {
      continue; // the workspace's own rules are adopted as they are
    }
    steps.push({
      // After the sample records, so the rules are scheduled for them too.
      phase: 8,
      action: 'SET_REMINDERS',
      target: `${reminder.object}.${reminder.field}`,
      description: describe(reminder),
      apply: async (run) => {
        await run.refresh();
        await replaceReminderRules(run.tx, reminder.object, reminder.field, wanted);
      },
    });
  }
  return steps;
}
