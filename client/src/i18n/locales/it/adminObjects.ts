import type { Translation } from '../../messages';
import type en from '../en/adminObjects';

export default {
  list: {
    title: 'Oggetti',
    newObject: 'Nuovo oggetto',
    loading: 'Caricamento oggetti…',
    fieldCount: 'nessun campo | {n} campo | {n} campi',
    standard: 'standard',
    fields: 'Campi',
    archive: 'Archivia',
    restore: 'Ripristina',
    archived: 'Oggetti archiviati',
    refused: 'Operazione rifiutata.',
  },
  form: {
    singular: 'Nome (singolare)',
    plural: 'Nome (plurale)',
    pluralSuggestion: '{singular}',
    apiKey: 'Chiave API',
    icon: 'Icona',
    labelField: 'Campo del nome del record',
    description: 'Descrizione',
    create: 'Crea oggetto',
  },
} satisfies Translation<typeof en>;
