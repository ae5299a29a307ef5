import type { Translation } from '../../messages';
import type en from '../en/quotes';

export default {
  panel: {
    title: 'Angebote',
    empty: 'Noch keine Angebote.',
    untitled: 'Angebot',
    validUntil: 'gültig bis {date}',
  },
  status: {
    DRAFT: 'Entwurf',
    SENT: 'Versendet',
    ACCEPTED: 'Angenommen',
    DECLINED: 'Abgelehnt',
    EXPIRED: 'Abgelaufen',
  },
  moves: {
    send: 'Versenden',
    accept: 'Annehmen',
    decline: 'Ablehnen',
    markExpired: 'Als abgelaufen markieren',
    backToDraft: 'Zurück zum Entwurf',
  },
  create: {
    title: 'Titel',
    currency: 'Währung',
    validUntil: 'Gültig bis',
    submit: 'Neues Angebot',
  },
  terms: {
    title: 'Titel',
    validUntil: 'Gültig bis',
    changed: 'Von jemand anderem geändert: {value}',
    nothing: 'leer',
    keepMine: 'Meinen Wert behalten',
    takeTheirs: 'Geänderten Wert übernehmen',
    save: 'Konditionen speichern',
  },
  invoice: {
    make: 'Rechnung erstellen',
    issued: 'Rechnung {number} ausgestellt',
    draft: 'Rechnungsentwurf erstellt (die Nummer folgt bei Ausstellung)',
    issue: 'Ausstellen',
  },
} satisfies Translation<typeof en>;
