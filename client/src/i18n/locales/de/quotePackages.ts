import type { Translation } from '../../messages';
import type en from '../en/quotePackages';

export default {
  pick: 'Positionen von',
  choose: 'Auswählen…',
  dealUnit: '{name} (aus dem Geschäft)',
  add: '{package} hinzufügen',
  packagePrice: 'Paketpreis {price}',
} satisfies Translation<typeof en>;
