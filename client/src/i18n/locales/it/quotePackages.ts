import type { Translation } from '../../messages';
import type en from '../en/quotePackages';

export default {
  pick: 'Righe di',
  choose: 'Scegli…',
  dealUnit: '{name} (della trattativa)',
  add: 'Aggiungi {package}',
  packagePrice: 'Prezzo del pacchetto {price}',
} satisfies Translation<typeof en>;
