import { describe, expect, it } from 'vitest';
import type { InvoiceItem } from './operations';
import { canCredit, canVoid, formatBalance, isOpen, statusLabel, withInvoice } from './invoice-list';

const invoice = (patch: Partial<InvoiceItem>): InvoiceItem => ({
  id: 'a',
  kind: 'INVOICE',
  number: '2026-00001',
  status: 'ISSUED',
  currency: 'EUR',
  issueDate: '2026-12-01',
  dueDate: '2026-12-31',
  totals: { total: '100.00' },
  paid: '0.00',
  balance: '100.00',
  creditOf: null,
  ...patch,
});

describe('invoice list', () => {
  it('replaces a pushed invoice in place and appends a new one', () => {
    const list = [invoice({ id: 'a' }), invoice({ id: 'b' })];
    expect(withInvoice(list, invoice({ id: 'a', status: 'PAID' })).map((i) => i.status)).toEqual([
      'PAID',
      'ISSUED',
    ]);
    expect(withInvoice(list, invoice({ id: 'c' })).map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it('formats the balance in the language, and an empty one', () => {
    expect(formatBalance([{ currency: 'EUR', amount: '1234567.5' }])).toBe('€1,234,567.50');
    expect(formatBalance([{ currency: 'USD', amount: '-19.99' }])).toBe('-US$19.99');
    expect(formatBalance([])).toBe('nothing owed');
    expect(statusLabel('PARTLY_PAID')).toBe('Partly paid');
    expect(
      formatBalance([
        { currency: 'EUR', amount: '60.00' },
        { currency: 'USD', amount: '5.00' },
      ]),
    ).toBe('€60.00 + US$5.00');
  });

  it('offers payment on open invoices, void without payments, credit once issued', () => {
    expect(isOpen(invoice({ status: 'OVERDUE' }))).toBe(true);
    expect(isOpen(invoice({ status: 'DRAFT' }))).toBe(false);
    expect(isOpen(invoice({ kind: 'CREDIT_NOTE' }))).toBe(false);
    expect(canVoid(invoice({ status: 'PARTLY_PAID', paid: '10.00' }))).toBe(false);
    expect(canVoid(invoice({ status: 'DRAFT' }))).toBe(true);
    expect(canCredit(invoice({ status: 'PAID' }))).toBe(true);
    expect(canCredit(invoice({ status: 'DRAFT' }))).toBe(false);
  });
});
