import type { Translation } from '../../messages';
import type en from '../en/adminReminders';

export default {
  editor: {
    title: 'Promemoria',
    none: 'nessuno',
    add: 'Aggiungi promemoria',
    remove: 'Rimuovi',
    before: 'Prima di “{field}”',
    units: {
      minutes: 'minuti',
      hours: 'ore',
      days: 'giorni',
    },
    timeOfDay: 'Alle (ora del giorno)',
    onTheDayAt: 'Il giorno stesso alle (facoltativo)',
    remind: 'Avvisa',
    noUsers: 'Questo oggetto non ha un campo utente da avvisare.',
    until: 'Fino a quando',
    always: 'avvisa sempre',
    fieldIs: '{field} è…',
    doneWhen: 'Completato quando è',
    save: 'Salva promemoria',
  },
  words: {
    lead: {
      minutes: '{n} minuto | {n} minuti',
      hours: '{n} ora | {n} ore',
      days: '{n} giorno | {n} giorni',
    },
    before: '{lead} prima',
    atTheTime: 'All’ora stabilita',
    onTheDayAt: 'Il giorno stesso alle {time}',
    beforeAt: '{when} (alle {time})',
    sentence: '{when}, a {recipients}',
    sentenceUntil: '{when}, a {recipients}, finché {field} non è {values}',
  },
} satisfies Translation<typeof en>;
