import type { TestClient } from './client.js';

/** The quote and invoice fields the quotes tests and the invoices benchmark read. */
export const lineFields = `id position productId description quantity unitPrice discountPercent taxRate version gross discount net`;
export const totalsFields = `totals { subtotal discount net taxes { rate base tax } tax total }`;
export const quoteFields = `id dealId currency status version lines { ${lineFields} } ${totalsFields}`;
export const invoiceFields = `id kind number status currency issueDate dueDate paid balance quoteId creditOf
  lines { ${lineFields} } ${totalsFields} payments { amount paidOn }`;

export async function createDeal(client: TestClient, name: string, companyId?: string): Promise<string> {
  const { createDeal } = await client.data<{ createDeal: { id: string } }>(
    `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`,
    { input: { name, ...(companyId ? { company: companyId } : {}) } },
  );
  return createDeal.id;
}

/** A draft invoice of one free-text line on the deal. */
export async function draftInvoice(client: TestClient, dealId: string, amount = '10.00'): Promise<string> {
  const { createInvoice } = await client.data<{ createInvoice: { id: string } }>(
    `mutation ($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }`,
    {
      input: {
        dealId,
        currency: 'EUR',
        lines: [{ description: 'Service', quantity: '1', unitPrice: amount }],
      },
    },
  );
  return createInvoice.id;
}

export const issueInvoice = `mutation ($id: ID!) { issueInvoice(id: $id) { id number status } }`;
