import type { EntityManager } from '@mikro-orm/postgresql';
import { paymentsOf } from '../invoice-store.js';
import type { Invoice } from '../invoices.js';
import type { Line } from '../lines.js';
import { compareMoney, documentTotals, lineTotals, plain, subtractMoney } from '../money.js';
import { packagesOf } from '../packages.js';
import type { Quote } from '../quotes.js';
import type {
  DocumentLineType,
  InvoiceStatusEnum,
  InvoiceType,
  QuoteStatusEnum,
  QuoteType,
} from './types.js';

export function toLineType(line: Line): DocumentLineType {
  return {
    ...line,
    quantity: plain(line.quantity),
    unitPrice: plain(line.unitPrice),
    discountPercent: plain(line.discountPercent),
    taxRate: plain(line.taxRate),
    ...lineTotals(line),
  };
}

export function toQuoteType(quote: Quote): QuoteType {
  return {
    ...quote,
    status: quote.status as QuoteStatusEnum,
    lines: quote.lines.map(toLineType),
    packages: packagesOf(quote.lines),
    totals: documentTotals(quote.lines),
  };
}

const open = new Set(['ISSUED', 'PARTLY_PAID', 'OVERDUE']);

export async function toInvoiceType(em: EntityManager, invoice: Invoice): Promise<InvoiceType> {
  const totals = documentTotals(invoice.lines);
  const balance = open.has(invoice.status)
    ? subtractMoney(invoice.total ?? totals.total, invoice.paid)
    : '0.00';
  return {
    ...invoice,
    kind: invoice.kind as InvoiceType['kind'],
    status: invoice.status as InvoiceStatusEnum,
    lines: invoice.lines.map(toLineType),
    totals,
    balance: compareMoney(balance, '0') < 0 ? '0.00' : balance,
    payments: await paymentsOf(em, invoice.id),
  };
}
