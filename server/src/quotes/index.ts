// Quotes and invoices: quotes on a deal with co-edited lines (per-line versions, live), invoices
// from accepted quotes or from scratch with gapless numbers, payments and open balances.
export { InvoiceResolver, QuoteResolver } from './graphql/resolver.js';
export type { QuotesServices } from './services.js';
export type { InvoiceChanged, QuoteChanged } from './topics.js';
export { documentTotals, lineTotals, type DocumentTotals, type LineTotals } from './money.js';
export { quoteLineSource } from './line-source.js';
export { quoteMigrations } from './migrations/index.js';
export { quoteExpiryTask, quoteTasks, scheduleQuoteExpiry } from './expiry.js';
