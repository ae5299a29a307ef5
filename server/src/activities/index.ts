// Activities: reminders on date fields (scheduled as durable jobs that follow their records)
// and each member's notification inbox, live over the event bus.
export { NotificationResolver, ReminderResolver } from './graphql/resolver.js';
export { createReminders, type Reminders } from './reminders.js';
export type { ActivitiesServices } from './services.js';
export type { NotificationAdded } from './topics.js';
export { activitiesMigrations } from './migrations/index.js';
export { fieldReminders, replaceReminderRules, type FieldReminders } from './reminder-admin.js';
export {
  maxMinutesBefore,
  maxRecipientFields,
  maxRulesPerField,
  type ReminderRuleInput,
} from './reminder-input.js';
