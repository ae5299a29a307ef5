import type { Translation } from '../../messages';
import type en from '../en/lines';

export default {
  columns: {
    product: 'Produkt',
    description: 'Beschreibung',
    quantity: 'Menge',
    unitPrice: 'Einzelpreis',
    discountPercent: 'Rabatt %',
    taxRate: 'MwSt. %',
    net: 'Netto',
  },
  fields: {
    description: 'Beschreibung',
    quantity: 'Menge',
    unitPrice: 'Einzelpreis',
    discountPercent: 'Rabatt %',
    taxRate: 'MwSt.-Satz %',
  },
  cellLabel: '{field}, Position {position}',
  product: 'Produkt',
  freeText: 'Freitext',
  removeLine: 'Position {position} entfernen',
  empty: 'Noch keine Positionen.',
  editing: '{names} bearbeitet gerade',
  conflict: {
    changed: 'Von jemand anderem geändert: {value}',
    keepMine: 'Meinen Wert behalten',
    takeTheirs: 'Geänderten Wert übernehmen',
  },
  add: 'Position hinzufügen',
  totals: {
    net: 'Netto',
    taxOn: 'MwSt. {rate} auf {base}',
    tax: 'MwSt.',
    total: 'Gesamt',
  },
} satisfies Translation<typeof en>;
