import type { WorkspaceMetadata } from '../../metadata/index.js';
import type { Notification } from '../inbox.js';
import type { ReminderRule } from '../reminder-rules.js';
import { NotificationKindEnum, type NotificationType, type ReminderRuleType } from './types.js';

export function toNotificationType(
  notification: Notification,
  metadata: WorkspaceMetadata,
): NotificationType {
  return {
    id: notification.id,
    kind: notification.kind as NotificationKindEnum,
    object: metadata.objects.find((o) => o.id === notification.objectId)?.key ?? '',
    recordId: notification.recordId,
    label: notification.label,
    dueAt: notification.dueAt,
    late: notification.late,
    actorId: notification.actorId,
    actorName: notification.actorName,
    excerpt: notification.excerpt,
    createdAt: notification.createdAt,
    readAt: notification.readAt,
  };
}

export function toReminderRuleType(rule: ReminderRule, metadata: WorkspaceMetadata): ReminderRuleType {
  const object = metadata.objects.find((o) => o.id === rule.objectId);
  const keyOf = (id: string | null) => object?.fields.find((f) => f.id === id)?.key ?? null;
  return {
    id: rule.id,
    object: object?.key ?? '',
    field: keyOf(rule.fieldId) ?? '',
    minutesBefore: rule.minutesBefore,
    timeOfDay: rule.timeOfDay,
    recipients: rule.recipientFieldIds.map(keyOf).filter((key): key is string => !!key),
    doneField: keyOf(rule.doneFieldId),
    doneValues: rule.doneValues,
  };
}
