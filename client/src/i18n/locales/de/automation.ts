import type { Translation } from '../../messages';
import type en from '../en/automation';

export default {
  status: {
    QUEUED: 'In Warteschlange',
    RUNNING: 'Läuft',
    WAITING: 'Wartet',
    SUCCEEDED: 'Erfolgreich',
    FAILED: 'Fehlgeschlagen',
    SKIPPED: 'Übersprungen',
    LOOP_STOPPED: 'Vom Schleifenschutz gestoppt',
  },
  actions: {
    CREATE_RECORD: 'Datensatz anlegen',
    UPDATE_RECORD: 'Felder aktualisieren',
    ASSIGN: 'Zuweisen',
    MOVE_STAGE: 'Phase ändern',
    ADD_COMMENT: 'Kommentar hinzufügen',
    NOTIFY: 'Benachrichtigen',
    SEND_EMAIL: 'E-Mail senden',
    CALL_WEBHOOK: 'Webhook aufrufen',
    WAIT: 'Warten',
    BRANCH: 'Verzweigung',
  },
  manual: {
    label: 'Automationen',
    running: '{name} läuft…',
    dismiss: 'Ausblenden',
  },
  steps: {
    starting: 'Wird gestartet…',
    none: 'Es wurden keine Schritte ausgeführt.',
    attempts: '{n} Versuche',
    input: 'Eingabe',
    output: 'Ausgabe',
  },
  timeline: {
    ran: '{rule} wurde ausgeführt',
    rule: 'Automation: {name}',
    aRule: 'Eine Regel',
    steps: 'keine Schritte | {n} Schritt | {n} Schritte',
  },
} satisfies Translation<typeof en>;
