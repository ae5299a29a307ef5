import type { Translation } from '../../messages';
import type en from '../en/matching';

export default {
  title: 'Corrispondenze',
  empty: 'Nessuna corrispondenza.',
  emailThem: 'Invia queste corrispondenze per e-mail',
  queued:
    'E-mail in coda senza corrispondenze. | E-mail in coda con {n} corrispondenza. | E-mail in coda con {n} corrispondenze.',
} satisfies Translation<typeof en>;
