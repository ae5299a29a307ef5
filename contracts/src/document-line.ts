/**
 * One line of a quote or an invoice as the API gives it: amounts, quantities and rates as decimal
 * strings (PostgreSQL's numeric, never binary floating point), and the version an editor sends back.
 */
export interface DocumentLine {
  id: string;
  position: number;
  productId: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
  version: number;
  /** Lines taken together from a unit (a boat package) share an id and label; null for a line of its own. */
  packageId: string | null;
  packageLabel: string | null;
}
