import type { Translation } from '../../messages';
import type en from '../en/adminWebhooks';

export default {
  list: {
    title: 'Webhooks',
    intro:
      'Datensatz-Ereignisse werden als signiertes JSON per POST an Ihre URL gesendet (Header {header}) und 24 Stunden lang erneut versucht.',
    empty: 'Noch keine Webhooks.',
    everyObject: 'alle Objekte',
    everyEvent: 'alle Ereignisse',
    enabled: 'Aktiv',
    deliveries: 'Zustellungen',
    hideDeliveries: 'Zustellungen ausblenden',
    newSecret: 'Neues Secret',
    secret: 'Signatur-Secret (wird nur einmal angezeigt; hinterlegen Sie es bei Ihrem Empfänger):',
    refused: 'Abgelehnt.',
  },
  events: {
    CREATE: 'angelegt',
    UPDATE: 'geändert',
    DELETE: 'gelöscht',
    RESTORE: 'wiederhergestellt',
  },
  form: {
    title: 'Neuer Webhook',
    name: 'Name',
    url: 'URL',
    objects: 'Objekte (keine: alle Objekte)',
    events: 'Ereignisse (keine: alle Ereignisse)',
    create: 'Webhook erstellen',
  },
  deliveries: {
    replayAfter: 'Alle Änderungen nach dieser Änderungs-ID erneut senden',
    replay: 'Erneut senden',
    empty: 'Noch keine Zustellungen.',
    change: 'Änderung',
    event: 'Ereignis',
    status: 'Status',
    attempts: 'Versuche',
    answer: 'Antwort',
    objectEvent: '{object} {event}',
    redeliver: 'Erneut zustellen',
    statuses: {
      PENDING: 'ausstehend',
      DELIVERED: 'zugestellt',
      RETRYING: 'wird wiederholt',
      FAILED: 'fehlgeschlagen',
    },
  },
} satisfies Translation<typeof en>;
