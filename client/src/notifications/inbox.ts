import { i18n } from '../i18n';
import { inSentence } from '../i18n';
import type { Notification, NotificationKind, NotificationPage } from './operations';

/** The page with a pushed notification on top (once, however often it arrives). */
export function withAdded(page: NotificationPage, added: Notification): NotificationPage {
  if (page.nodes.some((n) => n.id === added.id)) return page;
  return {
    ...page,
    nodes: [added, ...page.nodes],
    unreadCount: page.unreadCount + (added.readAt ? 0 : 1),
  };
}

/** The page after marking these notifications (or all, for null) read at `at`. */
export function withRead(page: NotificationPage, ids: string[] | null, at: string): NotificationPage {
  const marked = (n: Notification) => !n.readAt && (ids === null || ids.includes(n.id));
  const newlyRead = page.nodes.filter(marked).length;
  return {
    ...page,
    nodes: page.nodes.map((n) => (marked(n) ? { ...n, readAt: at } : n)),
    unreadCount: ids === null ? 0 : Math.max(0, page.unreadCount - newlyRead),
  };
}

/** What each kind is called where members choose their settings. */
export function kindLabel(kind: NotificationKind): string {
  return i18n.global.t(`notifications.kinds.${kind}`);
}

/** The line under a notification's record label: what happened, and who did it. */
export function describeNotification(n: Notification, formatTime: (iso: string) => string): string {
  const { t } = i18n.global;
  const who = n.actorName ?? t('notifications.describe.someone');
  const excerpt = n.excerpt;
  switch (n.kind) {
    case 'MENTION':
      return excerpt
        ? t('notifications.describe.mentionedSaid', { who, excerpt })
        : t('notifications.describe.mentioned', { who });
    case 'COMMENT':
      return excerpt
        ? t('notifications.describe.commentedSaid', { who, excerpt })
        : t('notifications.describe.commented', { who });
    case 'AUTOMATION':
      return excerpt || t('notifications.describe.automation');
    case 'MATCH':
      return excerpt ? t('notifications.describe.matchSaid', { excerpt }) : t('notifications.describe.match');
    case 'ASSIGNMENT': {
      // The excerpt is the field's label ("Owner").
      const field = excerpt ? inSentence(excerpt) : t('notifications.describe.assignee');
      return t('notifications.describe.assigned', { who, field });
    }
    case 'REMINDER': {
      const text = n.dueAt
        ? t('notifications.describe.reminderDue', { due: formatTime(n.dueAt) })
        : t('notifications.describe.reminder');
      return n.late ? t('notifications.describe.late', { text }) : text;
    }
  }
}
