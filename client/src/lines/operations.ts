import { gql, type TypedDocumentNode } from '@apollo/client/core';
import type { DocumentLine } from '@crm/contracts';

// The lines of a quote or an invoice as their editor reads and writes them: every amount,
// quantity and rate a decimal string the server computed or validated.

/** A line with the net the server computed. */
export interface EditedLine extends DocumentLine {
  net: string;
}

export interface DocumentTotals {
  subtotal: string;
  discount: string;
  net: string;
  taxes: { rate: string; base: string; tax: string }[];
  tax: string;
  total: string;
}

/** Lines taken together from a unit (a boat package), with the package price the server computed. */
export interface LinePackage {
  id: string;
  label: string;
  lineCount: number;
  net: string;
  total: string;
}

/** What a line mutation sends: only the fields given change. */
export interface LineInput {
  productId?: string | null;
  description?: string | null;
  quantity?: string | null;
  unitPrice?: string | null;
  discountPercent?: string | null;
  taxRate?: string | null;
}

/** The selection of a document's lines and totals, as the line table shows them. */
export const documentLineFields = `
  lines {
    id
    position
    productId
    description
    quantity
    unitPrice
    discountPercent
    taxRate
    version
    net
    packageId
    packageLabel
  }
  totals {
    subtotal
    discount
    net
    taxes {
      rate
      base
      tax
    }
    tax
    total
  }
`;

export interface ProductOption {
  id: string;
  name: string;
  active: boolean | null;
}

/** The workspace's products for the line picker (the standard `product` object's records API). */
export const PRODUCTS: TypedDocumentNode<
  { products: { nodes: ProductOption[] } },
  Record<string, never>
> = gql`
  query QuoteProducts {
    products(first: 200, sort: [{ field: name, direction: ASC }]) {
      nodes {
        id
        name
        active
      }
    }
  }
`;
