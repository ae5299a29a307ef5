// Activities: reminders on date fields (scheduled as durable jobs that follow their records),
// assignment notifications, each member's notification inbox (live over the event bus) and
// settings, and the channels notifications go through.
export { NotificationResolver, ReminderResolver } from './graphql/resolver.js';
export { assignmentHooks } from './assignments.js';
export {
  addNotifications,
  announce,
  notificationsByDedupeKey,
  type NewNotification,
  type Notification,
  type NotificationChannel,
} from './inbox.js';
export { labelAsSeen, membersAmong, readLabels } from './record-labels.js';
export type { NotificationKind } from './settings.js';
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
export { eraseNotificationText } from './privacy.js';
