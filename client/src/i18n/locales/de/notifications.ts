import type { Translation } from '../../messages';
import type en from '../en/notifications';

export default {
  bell: {
    label: 'Benachrichtigungen, {count} ungelesen',
    title: 'Benachrichtigungen',
    markAllRead: 'Alle als gelesen markieren',
    empty: 'Noch nichts.',
  },
  kinds: {
    REMINDER: 'Erinnerungen',
    MENTION: 'Erwähnungen von Ihnen',
    COMMENT: 'Kommentare zu Datensätzen, die Ihnen gehören oder denen Sie folgen',
    ASSIGNMENT: 'Ihnen zugewiesen',
    AUTOMATION: 'Aus Automatisierungsregeln',
    MATCH: 'Neue Treffer für Ihre Interessenten',
  },
  describe: {
    someone: 'Jemand',
    mentioned: '{who} hat Sie erwähnt',
    mentionedSaid: '{who} hat Sie erwähnt: „{excerpt}“',
    commented: '{who} hat kommentiert',
    commentedSaid: '{who} hat kommentiert: „{excerpt}“',
    automation: 'Eine Automatisierungsregel hat Sie benachrichtigt',
    match: 'Neuer Treffer',
    matchSaid: 'Neuer Treffer: {excerpt}',
    assigned: '{who} hat Sie als {field} eingetragen',
    assignee: 'Zuständige Person',
    reminder: 'Erinnerung',
    reminderDue: 'Erinnerung, fällig {due}',
    late: '{text} (verspätet)',
  },
  settings: {
    title: 'Benachrichtigungen',
    hint: 'Was Sie in diesem Arbeitsbereich erreicht. In der App: die Glocke. E-Mail: eine Nachricht für jede einzelne, sofern der Server des Arbeitsbereichs E-Mails versendet.',
    kind: 'Art',
    inApp: 'In der App',
    email: 'E-Mail',
    inAppLabel: '{kind} in der App',
    emailLabel: '{kind} per E-Mail',
    digest: 'Tägliche E-Mail-Zusammenfassung ungelesener Benachrichtigungen',
    digestAt: 'Um {hour}:00 Uhr',
  },
} satisfies Translation<typeof en>;
