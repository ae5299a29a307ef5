import type { Translation } from '../../messages';
import type en from '../en/adminCampaigns';

export default {
  list: {
    title: 'Kampagnen',
    intro:
      'E-Mails an die Datensätze einer gespeicherten Ansicht. Jede Nachricht enthält einen Abmeldelink; abgemeldete und gesperrte Adressen werden übersprungen. Öffnungen werden nicht erfasst.',
    empty: 'Noch keine Kampagnen.',
    deletedView: 'gelöschte Ansicht',
    counts:
      '{sent}/{recipients} gesendet · {queued} in Warteschlange · {failed} fehlgeschlagen · {bounced} unzustellbar · {unsubscribed} abgemeldet · {suppressed} gesperrt · {noAddress} ohne Adresse',
    cancel: 'Abbrechen',
  },
  status: {
    SCHEDULED: 'geplant',
    QUEUEING: 'wird eingereiht',
    SENDING: 'wird gesendet',
    DONE: 'abgeschlossen',
    FAILED: 'fehlgeschlagen',
    CANCELLED: 'abgebrochen',
  },
  form: {
    title: 'Neue Kampagne',
    name: 'Name',
    audience: 'Empfänger (gespeicherte Ansicht)',
    chooseView: 'Ansicht wählen',
    template: 'Vorlage',
    noTemplate: 'Keine: Nachricht unten verfassen',
    subject: 'Betreff',
    message: 'Nachricht',
    sendAt: 'Senden am (leer: sofort)',
    throttle: 'Höchstens (leer: unbegrenzt)',
    per: 'pro',
    perMinute: 'pro Minute',
    perSecond: 'pro Sekunde',
    create: 'Kampagne erstellen',
  },
  suppression: {
    title: 'Sperrliste',
    intro:
      'An diese Adressen geht keine E-Mail dieses Arbeitsbereichs (ausgenommen Konto-E-Mails wie Einladungen).',
    add: 'Adressen hinzufügen (durch Leerzeichen oder Kommas getrennt)',
    suppress: 'Sperren',
    search: 'Suchen',
    remove: 'Entfernen',
    reason: {
      ADMIN: 'von einem Admin hinzugefügt',
      UNSUBSCRIBED: 'abgemeldet',
      BOUNCED: 'unzustellbar',
    },
  },
} satisfies Translation<typeof en>;
