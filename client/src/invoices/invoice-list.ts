import { i18n } from '../i18n';
import { formatAmount } from '../lines';
import type { Balance, InvoiceItem, InvoiceStatus } from './operations';

/** The list with `invoice` in place of the one of its id, or at the end (oldest first, as the server lists). */
export function withInvoice(list: readonly InvoiceItem[], invoice: InvoiceItem): InvoiceItem[] {
  const at = list.findIndex((i) => i.id === invoice.id);
  if (at < 0) return [...list, invoice];
  return list.map((i, n) => (n === at ? invoice : i));
}

/** "€60.00 + US$12.00" in the user's language, or "nothing owed". */
export function formatBalance(balance: readonly Balance[]): string {
  const owed = balance.filter((b) => Number(b.amount) !== 0);
  return owed.length
    ? owed.map((b) => formatAmount(b.amount, b.currency)).join(' + ')
    : i18n.global.t('invoices.nothingOwed');
}

const statuses: readonly InvoiceStatus[] = ['DRAFT', 'ISSUED', 'PARTLY_PAID', 'PAID', 'OVERDUE', 'VOID'];

/** An invoice's status in the user's language (an unknown one as the server names it). */
export function statusLabel(status: InvoiceStatus | string): string {
  return statuses.includes(status as InvoiceStatus) ? i18n.global.t(`invoices.status.${status}`) : status;
}
export { statusLabel as invoiceStatusLabel };

/** Open invoices take payments; OVERDUE is open (issued or partly paid, past due). */
export function isOpen(invoice: InvoiceItem): boolean {
  return invoice.kind === 'INVOICE' && ['ISSUED', 'PARTLY_PAID', 'OVERDUE'].includes(invoice.status);
}

/** A draft, or an issued invoice without payments, may be voided; a paid one is credited instead. */
export function canVoid(invoice: InvoiceItem): boolean {
  return invoice.kind === 'INVOICE' && invoice.status !== 'VOID' && Number(invoice.paid) === 0;
}

export function canCredit(invoice: InvoiceItem): boolean {
  return invoice.kind === 'INVOICE' && !['DRAFT', 'VOID'].includes(invoice.status);
}
