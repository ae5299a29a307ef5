import type { Translation } from '../../messages';
import type en from '../en/myday';

export default {
  title: 'Mein Tag',
  noWorkspace:
    'Sie gehören noch keinem Arbeitsbereich an. Wählen Sie „Neuer Arbeitsbereich…“ im Arbeitsbereich-Menü, um einen anzulegen.',
  zone: '({zone}, {change})',
  change: 'ändern',
  tasks: {
    title: 'Heute fällige oder überfällige Aufgaben',
    none: 'Dieser Arbeitsbereich hat keine Aufgaben mit zuständiger Person und Fälligkeitsdatum.',
  },
  appointments: {
    title: 'Termine, nächster Tag | Termine, nächste {n} Tage',
    none: 'Kein Kalender in diesem Arbeitsbereich gehört Ihnen.',
  },
  notifications: {
    title: 'Neueste Benachrichtigungen',
    none: 'Keine Benachrichtigungen.',
    reminder: 'Erinnerung',
  },
  deals: {
    title: 'Meine offenen {objects}',
    titleDefault: 'Meine offenen Verkaufschancen',
    none: 'Dieser Arbeitsbereich hat keine Verkaufschancen.',
    empty: 'Keine offenen {objects}.',
  },
  members: 'Mitglieder',
  list: {
    empty: 'Hier ist nichts.',
    more: 'Mehr in {objects}…',
  },
} satisfies Translation<typeof en>;
