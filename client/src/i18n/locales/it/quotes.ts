import type { Translation } from '../../messages';
import type en from '../en/quotes';

export default {
  panel: {
    title: 'Preventivi',
    empty: 'Ancora nessun preventivo.',
    untitled: 'Preventivo',
    validUntil: 'valido fino al {date}',
  },
  status: {
    DRAFT: 'Bozza',
    SENT: 'Inviato',
    ACCEPTED: 'Accettato',
    DECLINED: 'Rifiutato',
    EXPIRED: 'Scaduto',
  },
  moves: {
    send: 'Invia',
    accept: 'Accetta',
    decline: 'Rifiuta',
    markExpired: 'Segna come scaduto',
    backToDraft: 'Torna in bozza',
  },
  create: {
    title: 'Titolo',
    currency: 'Valuta',
    validUntil: 'Valido fino al',
    submit: 'Nuovo preventivo',
  },
  terms: {
    title: 'Titolo',
    validUntil: 'Valido fino al',
    changed: 'Modificato da un altro utente: {value}',
    nothing: 'vuoto',
    keepMine: 'Tieni il mio',
    takeTheirs: 'Usa il suo',
    save: 'Salva condizioni',
  },
  invoice: {
    make: 'Crea fattura',
    issued: 'Fattura {number} emessa',
    draft: 'Bozza di fattura creata (il numero arriva all’emissione)',
    issue: 'Emetti',
  },
} satisfies Translation<typeof en>;
