import type { Translation } from '../../messages';
import type en from '../en/notifications';

export default {
  bell: {
    label: 'Notifiche, {count} non lette',
    title: 'Notifiche',
    markAllRead: 'Segna tutte come lette',
    empty: 'Ancora niente.',
  },
  kinds: {
    REMINDER: 'Promemoria',
    MENTION: 'Menzioni di te',
    COMMENT: 'Commenti sui record di cui sei titolare o che segui',
    ASSIGNMENT: 'Assegnati a te',
    AUTOMATION: 'Dalle regole di automazione',
    MATCH: 'Nuove corrispondenze per i tuoi acquirenti',
  },
  describe: {
    someone: 'Qualcuno',
    mentioned: '{who} ti ha menzionato',
    mentionedSaid: '{who} ti ha menzionato: «{excerpt}»',
    commented: '{who} ha commentato',
    commentedSaid: '{who} ha commentato: «{excerpt}»',
    automation: 'Una regola di automazione ti ha inviato una notifica',
    match: 'Nuova corrispondenza',
    matchSaid: 'Nuova corrispondenza: {excerpt}',
    assigned: '{who} ti ha indicato come {field}',
    assignee: 'assegnatario',
    reminder: 'Promemoria',
    reminderDue: 'Promemoria, scadenza {due}',
    late: '{text} (in ritardo)',
  },
  settings: {
    title: 'Notifiche',
    hint: 'Cosa ti raggiunge in questo spazio di lavoro. Nell’app: la campanella. E-mail: un messaggio per ciascuna, se il server dello spazio di lavoro invia posta.',
    kind: 'Tipo',
    inApp: 'Nell’app',
    email: 'E-mail',
    inAppLabel: '{kind} nell’app',
    emailLabel: '{kind} via e-mail',
    digest: 'Riepilogo giornaliero via e-mail delle notifiche non lette',
    digestAt: 'Alle {hour}:00',
  },
} satisfies Translation<typeof en>;
