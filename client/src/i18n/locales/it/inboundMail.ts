import type { Translation } from '../../messages';
import type en from '../en/inboundMail';

export default {
  unknownSender: 'Mittente sconosciuto',
  noSubject: '(senza oggetto)',
  wrote: '{sender} ha scritto {subject}',
  replyTo: '· risposta a «{subject}»',
  aMessageWeSent: 'un messaggio che abbiamo inviato',
  recordCreated: '· record creato da questo messaggio',
  showLess: 'Mostra meno',
  showAll: 'Mostra tutto',
} satisfies Translation<typeof en>;
