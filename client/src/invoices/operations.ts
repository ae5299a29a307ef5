import { gql, type TypedDocumentNode } from '@apollo/client/core';
import type { InlineFile } from '../files';
import { documentLineFields, type DocumentTotals, type EditedLine, type LineInput } from '../lines';

// A deal's invoices and the open balance of a deal or company (docs/quotes-and-invoices.md),
// kept live by `invoiceChanged`; paying, voiding and crediting an issued invoice.

export type InvoiceStatus = 'DRAFT' | 'ISSUED' | 'PARTLY_PAID' | 'PAID' | 'OVERDUE' | 'VOID';

export interface InvoiceItem {
  id: string;
  kind: 'INVOICE' | 'CREDIT_NOTE';
  number: string | null;
  status: InvoiceStatus;
  currency: string;
  issueDate: string | null;
  dueDate: string | null;
  totals: { total: string };
  paid: string;
  balance: string;
  creditOf: string | null;
}

export interface Balance {
  currency: string;
  amount: string;
}

export type BalanceHolder = 'deal' | 'company';

export interface InvoiceChange {
  kind: string;
  invoiceId: string;
  /** null: not known (a change brought to a resumed subscription). */
  actorId: string | null;
  invoice: InvoiceItem | null;
  dealBalance: Balance[] | null;
  companyBalance: Balance[] | null;
}

const invoiceFields = gql`
  fragment InvoiceRow on Invoice {
    id
    kind
    number
    status
    currency
    issueDate
    dueDate
    totals {
      total
    }
    paid
    balance
    creditOf
  }
`;

export const DEAL_INVOICES: TypedDocumentNode<
  { invoices: InvoiceItem[]; openBalance: Balance[]; invoicesCursor: string },
  { dealId: string }
> = gql`
  query DealInvoices($dealId: ID!) {
    invoices(dealId: $dealId) {
      ...InvoiceRow
    }
    openBalance(object: deal, recordId: $dealId) {
      currency
      amount
    }
    invoicesCursor: changeCursor
  }
  ${invoiceFields}
`;

export const OPEN_BALANCE: TypedDocumentNode<
  { openBalance: Balance[]; balanceCursor: string },
  { object: BalanceHolder; recordId: string }
> = gql`
  query OpenBalance($object: BalanceObject!, $recordId: ID!) {
    openBalance(object: $object, recordId: $recordId) {
      currency
      amount
    }
    balanceCursor: changeCursor
  }
`;

export const INVOICE_CHANGED: TypedDocumentNode<
  { invoiceChanged: InvoiceChange },
  { dealId?: string; companyId?: string; after?: string | null }
> = gql`
  subscription InvoiceChanged($dealId: ID, $companyId: ID, $after: String) {
    invoiceChanged(dealId: $dealId, companyId: $companyId, after: $after) {
      kind
      invoiceId
      actorId
      invoice {
        ...InvoiceRow
      }
      dealBalance {
        currency
        amount
      }
      companyBalance {
        currency
        amount
      }
    }
  }
  ${invoiceFields}
`;

export interface PaymentValues {
  amount: string;
  paidOn?: string | null;
  reference?: string | null;
}

export const RECORD_PAYMENT: TypedDocumentNode<
  { recordPayment: InvoiceItem },
  { invoiceId: string; input: PaymentValues }
> = gql`
  mutation RecordPayment($invoiceId: ID!, $input: PaymentInput!) {
    recordPayment(invoiceId: $invoiceId, input: $input) {
      ...InvoiceRow
    }
  }
  ${invoiceFields}
`;

export const VOID_INVOICE: TypedDocumentNode<{ voidInvoice: InvoiceItem }, { id: string }> = gql`
  mutation VoidInvoice($id: ID!) {
    voidInvoice(id: $id) {
      ...InvoiceRow
    }
  }
  ${invoiceFields}
`;

export const CREDIT_INVOICE: TypedDocumentNode<{ creditInvoice: InvoiceItem }, { id: string }> = gql`
  mutation CreditInvoice($id: ID!) {
    creditInvoice(id: $id) {
      ...InvoiceRow
    }
  }
  ${invoiceFields}
`;

/** One line of a new invoice made from scratch (decimal strings; empty ones are left out). */
export interface InvoiceLineValues {
  description?: string;
  quantity?: string;
  unitPrice?: string;
  taxRate?: string;
}

export interface NewInvoiceValues {
  dealId: string;
  currency: string;
  dueDate?: string | null;
  lines?: InvoiceLineValues[];
}

export const CREATE_INVOICE: TypedDocumentNode<{ createInvoice: InvoiceItem }, { input: NewInvoiceValues }> =
  gql`
    mutation CreateInvoice($input: CreateInvoiceInput!) {
      createInvoice(input: $input) {
        ...InvoiceRow
      }
    }
    ${invoiceFields}
  `;

/** The invoice as a PDF the server renders (nothing stored). */
export const INVOICE_PDF: TypedDocumentNode<{ invoicePdf: InlineFile }, { id: string }> = gql`
  query InvoicePdf($id: ID!) {
    invoicePdf(id: $id) {
      name
      contentType
      data
    }
  }
`;

/** Issues a draft: the server gives it the next number of its year. */
export const ISSUE_INVOICE: TypedDocumentNode<{ issueInvoice: InvoiceItem }, { id: string }> = gql`
  mutation IssueInvoice($id: ID!) {
    issueInvoice(id: $id) {
      ...InvoiceRow
    }
  }
  ${invoiceFields}
`;

/** An invoice with its lines and totals, as the line editor holds it (quotes' line table). */
export interface InvoiceDocument extends InvoiceItem {
  version: number;
  lines: EditedLine[];
  totals: DocumentTotals;
}

const invoiceDocumentFields = gql`
  fragment InvoiceDocument on Invoice {
    ...InvoiceRow
    version
    ${documentLineFields}
  }
  ${invoiceFields}
`;

export const INVOICE: TypedDocumentNode<{ invoice: InvoiceDocument; changeCursor: string }, { id: string }> =
  gql`
    query InvoiceDocument($id: ID!) {
      invoice(id: $id) {
        ...InvoiceDocument
      }
      changeCursor
    }
    ${invoiceDocumentFields}
  `;

/** The deal's invoice changes with whole documents: what an open line editor keeps. */
export const INVOICE_DOCUMENT_CHANGED: TypedDocumentNode<
  { invoiceChanged: { invoiceId: string; actorId: string | null; invoice: InvoiceDocument | null } },
  { dealId: string; after: string | null }
> = gql`
  subscription InvoiceDocumentChanged($dealId: ID!, $after: String) {
    invoiceChanged(dealId: $dealId, after: $after) {
      invoiceId
      actorId
      invoice {
        ...InvoiceDocument
      }
    }
  }
  ${invoiceDocumentFields}
`;

export const ADD_INVOICE_LINE: TypedDocumentNode<
  { addInvoiceLine: InvoiceDocument },
  { invoiceId: string; input: LineInput }
> = gql`
  mutation AddInvoiceLine($invoiceId: ID!, $input: LineInput!) {
    addInvoiceLine(invoiceId: $invoiceId, input: $input) {
      ...InvoiceDocument
    }
  }
  ${invoiceDocumentFields}
`;

export const UPDATE_INVOICE_LINE: TypedDocumentNode<
  { updateInvoiceLine: InvoiceDocument },
  { id: string; version: number; input: LineInput }
> = gql`
  mutation UpdateInvoiceLine($id: ID!, $version: Int!, $input: LineInput!) {
    updateInvoiceLine(id: $id, version: $version, input: $input) {
      ...InvoiceDocument
    }
  }
  ${invoiceDocumentFields}
`;

export const REMOVE_INVOICE_LINE: TypedDocumentNode<
  { removeInvoiceLine: InvoiceDocument },
  { id: string; version: number }
> = gql`
  mutation RemoveInvoiceLine($id: ID!, $version: Int!) {
    removeInvoiceLine(id: $id, version: $version) {
      ...InvoiceDocument
    }
  }
  ${invoiceDocumentFields}
`;
