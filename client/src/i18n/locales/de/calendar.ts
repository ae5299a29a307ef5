import type { Translation } from '../../messages';
import type en from '../en/calendar';

export default {
  unknownObject: 'Es gibt kein Objekt „{key}“.',
  table: 'Tabelle',
  view: 'Kalenderansicht',
  allRecords: 'Alle {objects}',
  field: 'Datumsfeld',
  byField: 'Nach {field}',
  noDateField:
    '{objects} haben kein Datumsfeld, nach dem sie im Kalender eingetragen werden können. Ein Administrator kann eines hinzufügen.',
  previous: '‹ Vormonat',
  today: 'Heute',
  next: 'Nächster Monat ›',
  tooMany: 'Die ersten {shown} von {total} werden angezeigt: Grenzen Sie die Auswahl mit einer Ansicht ein.',
  empty: 'Keine {objects} nach {field} im {month}.',
  emptyNoField: 'Keine {objects} im {month}.',
  newOn: '{object} am {date} anlegen',
} satisfies Translation<typeof en>;
