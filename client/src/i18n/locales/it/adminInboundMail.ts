import type { Translation } from '../../messages';
import type en from '../en/adminInboundMail';

export default {
  forwarding: {
    title: 'Indirizzo di inoltro',
    before: 'Metti in CCN o inoltra le e-mail a',
    after: ': vengono registrate sulle persone e sui record i cui campi e-mail contengono i loro indirizzi.',
    noDomain:
      'Nessun indirizzo di inoltro: sul server manca {variable}. Collega una casella qui sotto oppure invia i messaggi grezzi a {path} con un token API di amministratore.',
  },
  mailbox: {
    title: 'Casella IMAP',
    status: '{user} su {host}:{port} ({security}), cartella {folder} · ultima lettura {lastRead}',
    errorAt: '{error} ({at})',
    never: 'mai',
    working: 'Funziona.',
    test: 'Prova l’accesso',
    sync: 'Leggi ora',
    disconnect: 'Scollega',
    noKey: 'Il server non può salvare la password della casella: imposta {variable} (docs/email.md).',
  },
  form: {
    host: 'Server',
    security: 'Sicurezza',
    securityNone: 'Nessuna (solo per un server locale)',
    port: 'Porta',
    username: 'Utente',
    password: 'Password',
    unchanged: 'invariata',
    folder: 'Cartella',
    createObject: 'Per i mittenti sconosciuti crea',
    createNothing: 'nulla (registra soltanto)',
    createNew: 'un record {object}',
    saveAndTest: 'Salva e prova',
    connectAndTest: 'Collega e prova',
  },
} satisfies Translation<typeof en>;
