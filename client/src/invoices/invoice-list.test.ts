import { describe, expect, it } from 'vitest';
import type { InvoiceItem } from './operations';
import { canCredit, canVoid, formatBalance, formatMoney, isOpen, withInvoice } from './invoice-list';

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

  it('formats decimal strings without floats, and an empty balance', () => {
    expect(formatMoney('1234567.5', 'EUR')).toBe('1,234,567.50 EUR');
    expect(formatMoney('-19.99', 'USD')).toBe('−19.99 USD');
    expect(formatBalance([])).toBe('nothing owed');
    expect(
      formatBalance([
        { currency: 'EUR', amount: '60.00' },
        { currency: 'USD', amount: '5.00' },
      ]),
    ).toBe('60.00 EUR + 5.00 USD');
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
