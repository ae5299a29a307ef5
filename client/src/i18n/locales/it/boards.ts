import type { Translation } from '../../messages';
import type en from '../en/boards';

export default {
  unknownObject: 'Non esiste l’oggetto “{key}”.',
  noPipeline:
    '{objects}: nessuna pipeline per ora. Un amministratore può aggiungerne una in Amministrazione → Pipeline.',
  noStage: 'Senza fase',
  view: {
    pipeline: 'Pipeline',
    totals: '{count} in corso · ponderato {amount}',
    search: 'Cerca in questa bacheca',
    presence: 'Anche su questa bacheca',
    onBoard: '{name} è su questa bacheca',
    presenceError: 'Presenza: {error}',
    loading: 'Caricamento della bacheca…',
    theCard: 'La scheda',
    stayed: '{card} non è stata spostata: {reason}',
    ok: 'OK',
  },
  column: {
    limit: 'Limite {limit}',
    weightedAt: 'Ponderato al {percent}',
    weighted: '· {amount} ponderato',
    unstagedHint: 'Non ancora in questa pipeline: trascina una scheda in una fase.',
    overLimit: 'Oltre il limite di {limit}',
    noCards: 'Nessuna scheda',
    dropHere: 'Rilascia qui',
    moreUnstaged: 'e altri {n}: imposta la loro fase nella {table}',
    tableLink: 'tabella',
    showMore: 'Mostra altri ({n} nascosti)',
  },
  card: {
    moving: '{name} sta spostando questa scheda',
    moveTo: 'Sposta “{title}” nella fase',
  },
  missing: {
    fillIn: 'Compila per spostarla in “{stage}”:',
    set: 'impostato',
    required: '{field} è obbligatorio.',
    saveAndMove: 'Salva e sposta',
  },
} satisfies Translation<typeof en>;
