// Quotes on a deal's record page (docs/quotes-and-invoices.md "Client"): the panel listing and
// creating them, and their line editor (lines/) with live colleagues' edits and per-line conflicts.
export { default as QuotesPanel } from './QuotesPanel.vue';
export type { Quote, QuoteInvoice } from './operations';
