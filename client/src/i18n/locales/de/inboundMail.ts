import type { Translation } from '../../messages';
import type en from '../en/inboundMail';

export default {
  unknownSender: 'Unbekannter Absender',
  noSubject: '(kein Betreff)',
  wrote: '{sender} schrieb {subject}',
  replyTo: '· Antwort auf „{subject}“',
  aMessageWeSent: 'eine von uns gesendete Nachricht',
  recordCreated: '· Datensatz aus dieser Nachricht angelegt',
  showLess: 'Weniger anzeigen',
  showAll: 'Alles anzeigen',
} satisfies Translation<typeof en>;
