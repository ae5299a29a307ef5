import type { Translation } from '../../messages';
import type en from '../en/duplicates';

export default {
  page: {
    title: 'Doppelte {objects}',
    back: 'Zurück zur Liste',
    looking: 'Suche nach Dubletten…',
    empty: 'Keine wahrscheinlichen Dubletten.',
    same: 'gleiche Werte: {fields}',
    merge: 'Zusammenführen…',
  },
  hint: {
    possible: 'Mögliche Dublette von',
  },
  merge: {
    label: 'Datensätze zusammenführen',
    title: '{count} {objects} zusammenführen',
    explain:
      'Der verbleibende Datensatz übernimmt alle Verkaufschancen, Aktivitäten, Kommentare und den Verlauf der anderen; die anderen werden gelöscht. Klicken Sie auf einen Wert, um ihn zu übernehmen.',
    field: 'Feld',
    keep: '{label} behalten',
    done: 'Zusammengeführt. Sie können dies rückgängig machen.',
    merging: 'Wird zusammengeführt…',
    submit: 'Zusammenführen',
    undo: 'Zusammenführen rückgängig machen',
  },
} satisfies Translation<typeof en>;
