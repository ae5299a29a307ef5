import type { Translation } from '../../messages';
import type en from '../en/fields';

export default {
  types: {
    TEXT: 'Text',
    LONG_TEXT: 'Langer Text',
    NUMBER: 'Zahl',
    CURRENCY: 'Betrag',
    PERCENT: 'Prozent',
    BOOLEAN: 'Ja / Nein',
    DATE: 'Datum',
    DATETIME: 'Datum und Uhrzeit',
    SELECT: 'Auswahl',
    MULTI_SELECT: 'Mehrfachauswahl',
    STAGE: 'Phase',
    EMAIL: 'E-Mail',
    PHONE: 'Telefon',
    URL: 'URL',
    RATING: 'Bewertung',
    DURATION: 'Dauer',
    USER: 'Mitglied',
    RELATION: 'Verknüpfung',
    FILE: 'Dateien',
    IMAGE: 'Bilder',
  },
  percent: '{n} %',
  file: 'Datei',
  empty: 'leer',
  currency: {
    amount: '{field}: Betrag',
    code: '{field}: Währung',
  },
  rating: {
    star: '{n} von {max}',
    clear: 'Keine Bewertung',
    stars: '{n} Stern | {n} Sterne',
  },
  relation: {
    find: '{object} suchen…',
    findRecord: 'Datensatz suchen…',
    remove: '{name} entfernen',
    noMatches: 'Keine Treffer.',
  },
} satisfies Translation<typeof en>;
