import type { Translation } from '../../messages';
import type en from '../en/calendar';

export default {
  unknownObject: 'Non esiste l’oggetto “{key}”.',
  table: 'Tabella',
  view: 'Vista calendario',
  allRecords: '{objects}: tutti i record',
  field: 'Campo data',
  byField: 'Per {field}',
  noDateField:
    'Non c’è un campo data per mostrare {objects} nel calendario. Un amministratore può aggiungerne uno.',
  previous: '‹ Mese precedente',
  today: 'Oggi',
  next: 'Mese successivo ›',
  tooMany: 'Sono mostrati i primi {shown} di {total}: restringi la selezione con una vista.',
  empty: '{objects}: nessun record per {field} a {month}.',
  emptyNoField: '{objects}: nessun record a {month}.',
  newOn: 'Aggiungi {object} il {date}',
} satisfies Translation<typeof en>;
