import type { Translation } from '../../messages';
import type en from '../en/matching';

export default {
  title: 'Treffer',
  empty: 'Keine Treffer.',
  emailThem: 'Diese Treffer per E-Mail senden',
  queued:
    'E-Mail ohne Treffer in die Warteschlange gestellt. | E-Mail mit {n} Treffer in die Warteschlange gestellt. | E-Mail mit {n} Treffern in die Warteschlange gestellt.',
} satisfies Translation<typeof en>;
