import type { Translation } from '../../messages';
import type en from '../en/adminWebhooks';

export default {
  list: {
    title: 'Webhook',
    intro:
      'Gli eventi dei record vengono inviati con POST al tuo URL come JSON firmato (intestazione {header}), con nuovi tentativi per 24 ore.',
    empty: 'Ancora nessun webhook.',
    everyObject: 'tutti gli oggetti',
    everyEvent: 'tutti gli eventi',
    enabled: 'Attivo',
    deliveries: 'Consegne',
    hideDeliveries: 'Nascondi consegne',
    newSecret: 'Nuovo segreto',
    secret: 'Segreto di firma (mostrato una sola volta; conservalo presso il tuo ricevitore):',
    refused: 'Operazione rifiutata.',
  },
  events: {
    CREATE: 'creazione',
    UPDATE: 'modifica',
    DELETE: 'eliminazione',
    RESTORE: 'ripristino',
  },
  form: {
    title: 'Nuovo webhook',
    name: 'Nome',
    url: 'URL',
    objects: 'Oggetti (nessuno: tutti gli oggetti)',
    events: 'Eventi (nessuno: tutti gli eventi)',
    create: 'Crea webhook',
  },
  deliveries: {
    replayAfter: 'Invia di nuovo tutte le modifiche dopo l’ID modifica',
    replay: 'Reinvia',
    empty: 'Ancora nessuna consegna.',
    change: 'Modifica',
    event: 'Evento',
    status: 'Stato',
    attempts: 'Tentativi',
    answer: 'Risposta',
    objectEvent: '{object}: {event}',
    redeliver: 'Consegna di nuovo',
    statuses: {
      PENDING: 'in attesa',
      DELIVERED: 'consegnata',
      RETRYING: 'nuovo tentativo',
      FAILED: 'non riuscita',
    },
  },
} satisfies Translation<typeof en>;
