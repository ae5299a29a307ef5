import type { Translation } from '../../messages';
import type en from '../en/myday';

export default {
  title: 'La mia giornata',
  noWorkspace:
    'Non fai ancora parte di nessuno spazio di lavoro. Scegli «Nuovo spazio di lavoro…» nel menu degli spazi di lavoro per crearne uno.',
  zone: '({zone}, {change})',
  change: 'cambia',
  tasks: {
    title: 'Attività in scadenza oggi o scadute',
    none: 'Questo spazio di lavoro non ha attività con un assegnatario e una scadenza.',
  },
  appointments: {
    title: 'Appuntamenti, prossimo giorno | Appuntamenti, prossimi {n} giorni',
    none: 'Nessun calendario di questo spazio di lavoro è tuo.',
  },
  notifications: {
    title: 'Notifiche recenti',
    none: 'Nessuna notifica.',
    reminder: 'Promemoria',
  },
  deals: {
    title: 'In corso a mio nome: {objects}',
    titleDefault: 'Trattative in corso a mio nome',
    none: 'Questo spazio di lavoro non ha trattative.',
    empty: 'Niente in corso in {objects}.',
  },
  members: 'Membri',
  list: {
    empty: 'Niente qui.',
    more: 'Altro in {objects}…',
  },
} satisfies Translation<typeof en>;
