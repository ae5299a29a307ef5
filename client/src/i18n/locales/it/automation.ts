import type { Translation } from '../../messages';
import type en from '../en/automation';

export default {
  status: {
    QUEUED: 'In coda',
    RUNNING: 'In esecuzione',
    WAITING: 'In attesa',
    SUCCEEDED: 'Riuscita',
    FAILED: 'Non riuscita',
    SKIPPED: 'Saltata',
    LOOP_STOPPED: 'Fermata dalla protezione anti-ciclo',
  },
  actions: {
    CREATE_RECORD: 'Crea un record',
    UPDATE_RECORD: 'Aggiorna campi',
    ASSIGN: 'Assegna',
    MOVE_STAGE: 'Cambia fase',
    ADD_COMMENT: 'Aggiungi un commento',
    NOTIFY: 'Notifica',
    SEND_EMAIL: 'Invia un’e-mail',
    CALL_WEBHOOK: 'Chiama un webhook',
    WAIT: 'Attendi',
    BRANCH: 'Ramificazione',
  },
  manual: {
    label: 'Automazioni',
    running: 'Esecuzione di {name}…',
    dismiss: 'Chiudi',
  },
  steps: {
    starting: 'Avvio…',
    none: 'Nessun passaggio eseguito.',
    attempts: '{n} tentativi',
    input: 'Input',
    output: 'Output',
  },
  timeline: {
    ran: '{rule} eseguita',
    rule: 'Automazione: {name}',
    aRule: 'Una regola',
    steps: 'nessun passaggio | {n} passaggio | {n} passaggi',
  },
} satisfies Translation<typeof en>;
