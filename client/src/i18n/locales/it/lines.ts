import type { Translation } from '../../messages';
import type en from '../en/lines';

export default {
  columns: {
    product: 'Prodotto',
    description: 'Descrizione',
    quantity: 'Quantità',
    unitPrice: 'Prezzo unitario',
    discountPercent: 'Sconto %',
    taxRate: 'IVA %',
    net: 'Imponibile',
  },
  fields: {
    description: 'Descrizione',
    quantity: 'Quantità',
    unitPrice: 'Prezzo unitario',
    discountPercent: 'Sconto %',
    taxRate: 'Aliquota IVA %',
  },
  cellLabel: '{field}, riga {position}',
  product: 'Prodotto',
  freeText: 'Testo libero',
  removeLine: 'Rimuovi la riga {position}',
  empty: 'Ancora nessuna riga.',
  editing: '{names} sta modificando',
  conflict: {
    changed: 'Modificato da un altro utente: {value}',
    keepMine: 'Tieni il mio',
    takeTheirs: 'Usa il suo',
  },
  add: 'Aggiungi riga',
  totals: {
    net: 'Imponibile',
    taxOn: 'IVA {rate} su {base}',
    tax: 'IVA',
    total: 'Totale',
  },
} satisfies Translation<typeof en>;
