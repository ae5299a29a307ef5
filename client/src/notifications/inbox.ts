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
export const kindLabels: Record<NotificationKind, string> = {
  REMINDER: 'Reminders',
  MENTION: 'Mentions of you',
  COMMENT: 'Comments on records you own or follow',
  ASSIGNMENT: 'Assigned to you',
  AUTOMATION: 'From automation rules',
  MATCH: 'New matches for your buyers',
};

/** The line under a notification's record label: what happened, and who did it. */
export function describeNotification(n: Notification, formatTime: (iso: string) => string): string {
  const who = n.actorName ?? 'Someone';
  const said = n.excerpt ? `: “${n.excerpt}”` : '';
  switch (n.kind) {
    case 'MENTION':
      return `${who} mentioned you${said}`;
    case 'COMMENT':
      return `${who} commented${said}`;
    case 'AUTOMATION':
      return n.excerpt || 'An automation rule notified you';
    case 'MATCH':
      return `New match${n.excerpt ? `: ${n.excerpt}` : ''}`;
    case 'ASSIGNMENT':
      return `${who} made you its ${n.excerpt ? n.excerpt.toLowerCase() : 'assignee'}`;
    case 'REMINDER': {
      const due = n.dueAt ? `, due ${formatTime(n.dueAt)}` : '';
      return `Reminder${due}${n.late ? ' (late)' : ''}`;
    }
  }
}
