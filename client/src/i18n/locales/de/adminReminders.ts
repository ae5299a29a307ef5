import type { Translation } from '../../messages';
import type en from '../en/adminReminders';

export default {
  editor: {
    title: 'Erinnerungen',
    none: 'keine',
    add: 'Erinnerung hinzufügen',
    remove: 'Entfernen',
    before: 'Vor „{field}“',
    units: {
      minutes: 'Minuten',
      hours: 'Stunden',
      days: 'Tage',
    },
    timeOfDay: 'Um (Uhrzeit)',
    onTheDayAt: 'Am Tag um (optional)',
    remind: 'Erinnern',
    noUsers: 'Dieses Objekt hat kein Benutzerfeld, an das erinnert werden kann.',
    until: 'Bis',
    always: 'immer erinnern',
    fieldIs: '{field} ist…',
    doneWhen: 'Erledigt, wenn es ist',
    save: 'Erinnerung speichern',
  },
  words: {
    lead: {
      minutes: '{n} Minute | {n} Minuten',
      hours: '{n} Stunde | {n} Stunden',
      days: '{n} Tag | {n} Tage',
    },
    before: '{lead} vorher',
    atTheTime: 'Zum Zeitpunkt',
    onTheDayAt: 'Am Tag um {time}',
    beforeAt: '{when} (um {time})',
    sentence: '{when}, an {recipients}',
    sentenceUntil: '{when}, an {recipients}, bis {field} {values} ist',
  },
} satisfies Translation<typeof en>;
