import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205080000QuotesInvoices } from './20261205080000-quotes-invoices.js';
import { Migration20261206010000QuoteExpiryIndex } from './20261206010000-quote-expiry-index.js';
import { Migration20261207070000InvoiceVersion } from './20261207070000-invoice-version.js';
import { Migration20261208020000LinePackages } from './20261208020000-line-packages.js';
import { Migration20261210000300QuoteInvoiceChangedXid } from './20261210000300-quote-invoice-changed-xid.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const quoteMigrations: MigrationObject[] = [
  { name: 'Migration20261205080000QuotesInvoices', class: Migration20261205080000QuotesInvoices },
  { name: 'Migration20261206010000QuoteExpiryIndex', class: Migration20261206010000QuoteExpiryIndex },
  { name: 'Migration20261207070000InvoiceVersion', class: Migration20261207070000InvoiceVersion },
  { name: 'Migration20261208020000LinePackages', class: Migration20261208020000LinePackages },
  {
    name: 'Migration20261210000300QuoteInvoiceChangedXid',
    class: Migration20261210000300QuoteInvoiceChangedXid,
  },
];
