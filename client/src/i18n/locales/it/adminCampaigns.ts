import type { Translation } from '../../messages';
import type en from '../en/adminCampaigns';

export default {
  list: {
    title: 'Campagne',
    intro:
      'E-mail ai record di una vista salvata. Ogni messaggio contiene un link di disiscrizione; gli indirizzi disiscritti o bloccati vengono saltati. Le aperture non vengono tracciate.',
    empty: 'Ancora nessuna campagna.',
    deletedView: 'vista eliminata',
    counts:
      '{sent}/{recipients} inviati · {queued} in coda · {failed} non riusciti · {bounced} respinti · {unsubscribed} disiscritti · {suppressed} bloccati · {noAddress} senza indirizzo',
    cancel: 'Annulla',
  },
  status: {
    SCHEDULED: 'pianificata',
    QUEUEING: 'in coda',
    SENDING: 'in invio',
    DONE: 'completata',
    FAILED: 'non riuscita',
    CANCELLED: 'annullata',
  },
  form: {
    title: 'Nuova campagna',
    name: 'Nome',
    audience: 'Destinatari (vista salvata)',
    chooseView: 'Scegli una vista',
    template: 'Modello',
    noTemplate: 'Nessuno: scrivi il messaggio qui sotto',
    subject: 'Oggetto',
    message: 'Messaggio',
    sendAt: 'Invia il (vuoto: subito)',
    throttle: 'Al massimo (vuoto: nessun limite)',
    per: 'per',
    perMinute: 'al minuto',
    perSecond: 'al secondo',
    create: 'Crea campagna',
  },
  suppression: {
    title: 'Lista di blocco',
    intro:
      'Nessuna e-mail di questo spazio di lavoro va a questi indirizzi (tranne le e-mail dell’account, come gli inviti).',
    add: 'Aggiungi indirizzi (separati da spazi o virgole)',
    suppress: 'Blocca',
    search: 'Cerca',
    remove: 'Rimuovi',
    reason: {
      ADMIN: 'aggiunto da un amministratore',
      UNSUBSCRIBED: 'disiscritto',
      BOUNCED: 'respinto',
    },
  },
} satisfies Translation<typeof en>;
