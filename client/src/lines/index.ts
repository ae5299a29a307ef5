// The line editor of quotes and invoices (docs/quotes-and-invoices.md "Client"): a table edited
// per cell at each line's version, live, with per-line conflicts, and the server's totals.
export { default as LineTable } from './LineTable.vue';
export { isNewer } from './line-edits';
export { useLineEditing, type LinedDocument } from './use-lines';
export {
  documentLineFields,
  type DocumentTotals,
  type EditedLine,
  type LineInput,
  type LinePackage,
} from './operations';
export { formatAmount, formatQuantity, formatRate } from './amounts';
