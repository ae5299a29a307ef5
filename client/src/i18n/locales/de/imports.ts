import type { Translation } from '../../messages';
import type en from '../en/imports';

export default {
  title: '{objects} importieren',
  file: 'Eine CSV- oder XLSX-Datei (bis 50 MB; die erste Zeile benennt die Spalten)',
  uploadFailed: 'Hochladen fehlgeschlagen ({status}).',
  rows: 'keine Zeilen | {n} Zeile | {n} Zeilen',
  mapping: {
    saved: 'Gespeicherte Zuordnung',
    column: 'Spalte',
    field: 'Feld',
    fieldFor: 'Feld für {column}',
    leaveOut: '(weglassen)',
    updateWhose: 'Datensätze aktualisieren, deren {field} übereinstimmt',
    alwaysCreate: '(immer neu anlegen)',
    dates: 'Datumsangaben',
    decimalSeparator: 'Dezimaltrennzeichen',
    name: 'Name der Zuordnung',
    save: 'Zuordnung speichern',
    preview: 'Vorschau',
  },
  preview: {
    summary: '{rows}: {toCreate} neu anzulegen, {toUpdate} zu aktualisieren, {errors} (werden ausgelassen).',
    withErrors: '{n} mit Fehlern',
    line: 'Zeile',
    column: 'Spalte',
    error: 'Fehler',
    back: 'Zurück zur Zuordnung',
    start: 'Importieren',
  },
  run: {
    another: 'Weitere Datei importieren',
    progress:
      '{status} · {processed} / {rows} · {created} angelegt, {updated} aktualisiert, {skipped} übersprungen',
    status: {
      QUEUED: 'In Warteschlange',
      RUNNING: 'Wird importiert',
      DONE: 'Fertig',
      FAILED: 'Fehlgeschlagen',
      UNDOING: 'Wird rückgängig gemacht',
      UNDONE: 'Rückgängig gemacht',
    },
  },
  history: {
    title: 'Verlauf',
    empty: 'Noch keine Importe.',
    undo: 'Import rückgängig machen',
  },
} satisfies Translation<typeof en>;
