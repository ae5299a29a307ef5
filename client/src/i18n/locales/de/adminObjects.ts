import type { Translation } from '../../messages';
import type en from '../en/adminObjects';

export default {
  list: {
    title: 'Objekte',
    newObject: 'Neues Objekt',
    loading: 'Objekte werden geladen…',
    fieldCount: 'keine Felder | {n} Feld | {n} Felder',
    standard: 'Standard',
    fields: 'Felder',
    archive: 'Archivieren',
    restore: 'Wiederherstellen',
    archived: 'Archivierte Objekte',
    refused: 'Abgelehnt.',
  },
  form: {
    singular: 'Name (Singular)',
    plural: 'Name (Plural)',
    pluralSuggestion: '{singular}',
    apiKey: 'API-Schlüssel',
    icon: 'Symbol',
    labelField: 'Feld für den Datensatznamen',
    description: 'Beschreibung',
    create: 'Objekt erstellen',
  },
} satisfies Translation<typeof en>;
