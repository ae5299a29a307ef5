import type { Translation } from '../../messages';
import type en from '../en/fields';

export default {
  types: {
    TEXT: 'Testo',
    LONG_TEXT: 'Testo lungo',
    NUMBER: 'Numero',
    CURRENCY: 'Importo',
    PERCENT: 'Percentuale',
    BOOLEAN: 'Sì / no',
    DATE: 'Data',
    DATETIME: 'Data e ora',
    SELECT: 'Selezione',
    MULTI_SELECT: 'Selezione multipla',
    STAGE: 'Fase',
    EMAIL: 'E-mail',
    PHONE: 'Telefono',
    URL: 'URL',
    RATING: 'Valutazione',
    DURATION: 'Durata',
    USER: 'Membro',
    RELATION: 'Collegamento',
    FILE: 'File',
    IMAGE: 'Immagini',
  },
  percent: '{n}%',
  file: 'file',
  empty: 'vuoto',
  currency: {
    amount: '{field}: importo',
    code: '{field}: valuta',
  },
  rating: {
    star: '{n} su {max}',
    clear: 'Nessuna valutazione',
    stars: '{n} stella | {n} stelle',
  },
  relation: {
    find: 'Cerca {object}…',
    findRecord: 'Cerca record…',
    remove: 'Rimuovi {name}',
    noMatches: 'Nessun risultato.',
  },
} satisfies Translation<typeof en>;
