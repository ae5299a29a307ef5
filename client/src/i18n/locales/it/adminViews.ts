import type { Translation } from '../../messages';
import type en from '../en/adminViews';

export default {
  heading: 'Viste salvate di',
  object: 'Oggetto',
  loading: 'Caricamento viste…',
  empty: 'Ancora nessuna vista salvata. Salvane una da una tabella con “Salva come…”.',
  types: { TABLE: 'tabella', BOARD: 'bacheca', CALENDAR: 'calendario' },
  by: 'di {name}',
  shared: 'Condivisa',
  private: 'Privata',
  makePrivate: 'Rendi privata',
  share: 'Condividi con lo spazio di lavoro',
} satisfies Translation<typeof en>;
