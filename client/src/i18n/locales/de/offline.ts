import type { Translation } from '../../messages';
import type en from '../en/offline';

export default {
  banner:
    'Offline – gespeicherte Kopie vom {time}. Bearbeiten ist erst wieder möglich, wenn die Verbindung zurück ist.',
} satisfies Translation<typeof en>;
