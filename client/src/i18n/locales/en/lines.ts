/** The line table of a quote or an invoice: columns, cells, a new line and the totals. */
export default {
  columns: {
    product: 'Product',
    description: 'Description',
    quantity: 'Quantity',
    unitPrice: 'Unit price',
    discountPercent: 'Discount %',
    taxRate: 'Tax %',
    net: 'Net',
  },
  fields: {
    description: 'Description',
    quantity: 'Quantity',
    unitPrice: 'Unit price',
    discountPercent: 'Discount %',
    taxRate: 'Tax rate %',
  },
  cellLabel: '{field}, line {position}',
  product: 'Product',
  freeText: 'Free text',
  removeLine: 'Remove line {position}',
  empty: 'No lines yet.',
  editing: '{names} editing',
  conflict: {
    changed: 'Changed by someone else: {value}',
    keepMine: 'Keep mine',
    takeTheirs: 'Take theirs',
  },
  add: 'Add line',
  totals: {
    net: 'Net',
    taxOn: 'Tax {rate} on {base}',
    tax: 'Tax',
    total: 'Total',
  },
};
