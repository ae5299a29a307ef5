import type { Translation } from '../../messages';
import type en from '../en/duplicates';

export default {
  page: {
    title: 'Duplicati tra {objects}',
    back: 'Torna all’elenco',
    looking: 'Ricerca dei duplicati…',
    empty: 'Nessun probabile duplicato.',
    same: 'stesso valore in: {fields}',
    merge: 'Unisci…',
  },
  hint: {
    possible: 'Possibile duplicato di',
  },
  merge: {
    label: 'Unisci record',
    title: 'Unisci {count} {objects}',
    explain:
      'Il record che resta eredita tutte le trattative, le attività, i commenti e lo storico degli altri; gli altri vengono eliminati. Fai clic su un valore per tenerlo.',
    field: 'Campo',
    keep: 'Tieni {label}',
    done: 'Unione completata. Puoi annullarla.',
    merging: 'Unione in corso…',
    submit: 'Unisci',
    undo: 'Annulla unione',
  },
} satisfies Translation<typeof en>;
