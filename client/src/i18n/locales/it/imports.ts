import type { Translation } from '../../messages';
import type en from '../en/imports';

export default {
  title: 'Importa {objects}',
  file: 'Un file CSV o XLSX (fino a 50 MB; la prima riga contiene i nomi delle colonne)',
  uploadFailed: 'Caricamento non riuscito ({status}).',
  rows: 'nessuna riga | {n} riga | {n} righe',
  mapping: {
    saved: 'Mappatura salvata',
    column: 'Colonna',
    field: 'Campo',
    fieldFor: 'Campo per {column}',
    leaveOut: '(escludi)',
    updateWhose: 'Aggiorna i record il cui {field} corrisponde',
    alwaysCreate: '(crea sempre)',
    dates: 'Date',
    decimalSeparator: 'Separatore decimale',
    name: 'Nome della mappatura',
    save: 'Salva mappatura',
    preview: 'Anteprima',
  },
  preview: {
    summary: '{rows}: {toCreate} da creare, {toUpdate} da aggiornare, {errors} (escluse).',
    withErrors: '{n} con errori',
    line: 'Riga',
    column: 'Colonna',
    error: 'Errore',
    back: 'Torna alla mappatura',
    start: 'Importa',
  },
  run: {
    another: 'Importa un altro file',
    progress: '{status} · {processed} / {rows} · {created} creati, {updated} aggiornati, {skipped} saltati',
    status: {
      QUEUED: 'In coda',
      RUNNING: 'Importazione in corso',
      DONE: 'Completata',
      FAILED: 'Non riuscita',
      UNDOING: 'Annullamento in corso',
      UNDONE: 'Annullata',
    },
  },
  history: {
    title: 'Cronologia',
    empty: 'Ancora nessuna importazione.',
    undo: 'Annulla importazione',
  },
} satisfies Translation<typeof en>;
