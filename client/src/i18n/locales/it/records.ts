import type { Translation } from '../../messages';
import type en from '../en/records';

export default {
  unknownObject: 'Non esiste un oggetto «{key}».',
  detail: {
    missing: '{object}: questo record non esiste o è stato eliminato.',
    backTo: "Torna all'elenco: {objects}",
    sendMail: 'Invia e-mail',
    share: 'Condividi',
    offline:
      'Modifica disattivata: non c’è connessione e le modifiche richiedono il server. Potrai riprendere appena la connessione torna.',
    fields: 'Campi',
    related: 'Collegati',
    relatedRecords: 'Record collegati',
    system: 'Sistema',
    systemFields: 'Campi di sistema',
  },
} satisfies Translation<typeof en>;
