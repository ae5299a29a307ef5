import type { Translation } from '../../messages';
import type en from '../en/offline';

export default {
  banner:
    'Offline: mostro la copia salvata del {time}. La modifica è disattivata finché la connessione non torna.',
} satisfies Translation<typeof en>;
