import type { Balance, InvoiceItem, InvoiceStatus } from './operations';

/** The list with `invoice` in place of the one of its id, or at the end (oldest first, as the server lists). */
export function withInvoice(list: readonly InvoiceItem[], invoice: InvoiceItem): InvoiceItem[] {
  const at = list.findIndex((i) => i.id === invoice.id);
  if (at < 0) return [...list, invoice];
  return list.map((i, n) => (n === at ? invoice : i));
}

/** "1,234.50 EUR" style, from the server's decimal string (never through a float for the digits shown). */
export function formatMoney(amount: string, currency: string): string {
  const [whole = '0', cents = '00'] = amount.replace(/^-/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount.startsWith('-') ? '−' : ''}${grouped}.${cents.padEnd(2, '0').slice(0, 2)} ${currency}`;
}

/** "60.00 EUR + 12.00 USD", or "nothing owed". */
export function formatBalance(balance: readonly Balance[]): string {
  const owed = balance.filter((b) => Number(b.amount) !== 0);
  return owed.length ? owed.map((b) => formatMoney(b.amount, b.currency)).join(' + ') : 'nothing owed';
}

const statusLabels: Record<InvoiceStatus, string> = {
  DRAFT: 'Draft',
  ISSUED: 'Issued',
  PARTLY_PAID: 'Partly paid',
  PAID: 'Paid',
  OVERDUE: 'Overdue',
  VOID: 'Void',
};

export function statusLabel(status: InvoiceStatus): string {
  return statusLabels[status] ?? status;
}

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
