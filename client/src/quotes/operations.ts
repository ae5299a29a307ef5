import { gql, type TypedDocumentNode } from '@apollo/client/core';
import {
  documentLineFields,
  type DocumentTotals,
  type EditedLine,
  type LineInput,
  type LinePackage,
} from '../lines';

// Quotes on a deal (docs/quotes-and-invoices.md): every amount, quantity and rate is a decimal
// string the server computed or validated; the client displays them and never does arithmetic.

export type QuoteStatus = 'DRAFT' | 'SENT' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED';

export interface Quote {
  id: string;
  dealId: string;
  title: string;
  currency: string;
  validUntil: string | null;
  status: QuoteStatus;
  version: number;
  lines: EditedLine[];
  packages: LinePackage[];
  totals: DocumentTotals;
}

export interface QuoteInvoice {
  id: string;
  number: string | null;
  status: string;
  totals: { total: string };
  currency: string;
}

const quoteFields = `
  id
  dealId
  title
  currency
  validUntil
  status
  version
  ${documentLineFields}
  packages { id label lineCount net total }
`;
const invoiceFields = `id number status currency totals { total }`;

export const QUOTES: TypedDocumentNode<{ quotes: Quote[]; quotesCursor: string }, { dealId: string }> = gql`
  query DealQuotes($dealId: ID!) {
    quotes(dealId: $dealId) { ${quoteFields} }
    quotesCursor: changeCursor
  }
`;

export const QUOTE: TypedDocumentNode<{ quote: Quote; changeCursor: string }, { id: string }> = gql`
  query Quote($id: ID!) {
    quote(id: $id) { ${quoteFields} }
    changeCursor
  }
`;

export const CREATE_QUOTE: TypedDocumentNode<
  { createQuote: Quote },
  { input: { dealId: string; currency: string; title?: string; validUntil?: string | null } }
> = gql`
  mutation CreateQuote($input: CreateQuoteInput!) {
    createQuote(input: $input) { ${quoteFields} }
  }
`;

export const UPDATE_QUOTE_LINE: TypedDocumentNode<
  { updateQuoteLine: Quote },
  { id: string; version: number; input: LineInput }
> = gql`
  mutation UpdateQuoteLine($id: ID!, $version: Int!, $input: LineInput!) {
    updateQuoteLine(id: $id, version: $version, input: $input) { ${quoteFields} }
  }
`;

export const ADD_QUOTE_LINE: TypedDocumentNode<
  { addQuoteLine: Quote },
  { quoteId: string; input: LineInput }
> = gql`
  mutation AddQuoteLine($quoteId: ID!, $input: LineInput!) {
    addQuoteLine(quoteId: $quoteId, input: $input) { ${quoteFields} }
  }
`;

export const REMOVE_QUOTE_LINE: TypedDocumentNode<
  { removeQuoteLine: Quote },
  { id: string; version: number }
> = gql`
  mutation RemoveQuoteLine($id: ID!, $version: Int!) {
    removeQuoteLine(id: $id, version: $version) { ${quoteFields} }
  }
`;

export const SET_QUOTE_STATUS: TypedDocumentNode<
  { setQuoteStatus: Quote },
  { id: string; status: QuoteStatus }
> = gql`
  mutation SetQuoteStatus($id: ID!, $status: QuoteStatus!) {
    setQuoteStatus(id: $id, status: $status) { ${quoteFields} }
  }
`;

/** A pushed change; `actorId` null: the server made it (a sent quote expiring), or not known (a catch-up). */
export interface QuoteChange {
  kind: string;
  quoteId: string;
  lineId: string | null;
  actorId: string | null;
  quote: Quote | null;
}

export const QUOTE_CHANGED: TypedDocumentNode<
  { quoteChanged: QuoteChange },
  { quoteId: string; after: string | null }
> = gql`
  subscription QuoteChanged($quoteId: ID!, $after: String) {
    quoteChanged(quoteId: $quoteId, after: $after) {
      kind
      quoteId
      lineId
      actorId
      quote { ${quoteFields} }
    }
  }
`;

/** Every change to any of a deal's quotes (a colleague's new quote, a status, an expiry). */
export const DEAL_QUOTES_CHANGED: TypedDocumentNode<
  { dealQuotesChanged: QuoteChange },
  { dealId: string; after: string | null }
> = gql`
  subscription DealQuotesChanged($dealId: ID!, $after: String) {
    dealQuotesChanged(dealId: $dealId, after: $after) {
      kind
      quoteId
      lineId
      actorId
      quote { ${quoteFields} }
    }
  }
`;

/** A draft's terms: only the fields given change; validUntil null clears it. */
export interface QuoteTerms {
  title?: string;
  validUntil?: string | null;
}

/** A draft's terms: only the fields given change, each at the value `expected` (as read). */
export const UPDATE_QUOTE: TypedDocumentNode<
  { updateQuote: Quote },
  { id: string; input: QuoteTerms; expected: QuoteTerms }
> = gql`
  mutation UpdateQuote($id: ID!, $input: UpdateQuoteInput!, $expected: UpdateQuoteInput) {
    updateQuote(id: $id, input: $input, expected: $expected) { ${quoteFields} }
  }
`;

export const CREATE_INVOICE_FROM_QUOTE: TypedDocumentNode<
  { createInvoiceFromQuote: QuoteInvoice },
  { quoteId: string }
> = gql`
  mutation CreateInvoiceFromQuote($quoteId: ID!) {
    createInvoiceFromQuote(quoteId: $quoteId) { ${invoiceFields} }
  }
`;

export const ISSUE_INVOICE: TypedDocumentNode<{ issueInvoice: QuoteInvoice }, { id: string }> = gql`
  mutation IssueQuoteInvoice($id: ID!) {
    issueInvoice(id: $id) { ${invoiceFields} }
  }
`;

/** Where a quote can take a package of lines from (a boat package), with the deal's own unit. */
export interface QuotePackageSource {
  key: string;
  label: string;
  unitObject: string;
  dealUnitId: string | null;
  dealUnitLabel: string | null;
}

export const QUOTE_PACKAGE_SOURCES: TypedDocumentNode<
  { quotePackageSources: QuotePackageSource[] },
  { quoteId: string }
> = gql`
  query QuotePackageSources($quoteId: ID!) {
    quotePackageSources(quoteId: $quoteId) {
      key
      label
      unitObject
      dealUnitId
      dealUnitLabel
    }
  }
`;

/** A unit's lines (a boat, its engines and trailer) at once, at the quote's version as read. */
export const ADD_QUOTE_LINES_FROM: TypedDocumentNode<
  { addQuoteLinesFrom: Quote },
  { quoteId: string; source: string; recordId: string | null; expectedVersion: number }
> = gql`
  mutation AddQuoteLinesFrom($quoteId: ID!, $source: String!, $recordId: ID, $expectedVersion: Int) {
    addQuoteLinesFrom(quoteId: $quoteId, source: $source, recordId: $recordId, expectedVersion: $expectedVersion) {
      ${quoteFields}
    }
  }
`;
