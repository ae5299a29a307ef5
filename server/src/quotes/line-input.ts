import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkspaceMetadata } from '../metadata/index.js';
import { BadInput, invalidTextReason, parseId } from '../platform/index.js';
import type { LineValues } from './lines.js';
import { parseDecimal } from './money.js';
import { priceFor, productFor } from './products.js';

/** A line as a client sends it: amounts as decimal strings ("12.50"). */
export interface LineInputValues {
  productId?: string | null;
  description?: string | null;
  quantity?: string | null;
  unitPrice?: string | null;
  discountPercent?: string | null;
  taxRate?: string | null;
}

/** The document a line goes on: its workspace's metadata, currency and price book (invoices use "standard"). */
export interface LineTarget {
  metadata: WorkspaceMetadata;
  currency: string;
  priceBook: string;
}

export const maxLinesPerDocument = 200;
const maxDescription = 2000;

/**
 * A new line (`base` absent) or a patched one, validated: quantity ≥ 0, discount and tax rate
 * 0–100, a known active product (its name is the default description, its price in the
 * document's price book and currency the default unit price), else free text with a unit price.
 */
export async function lineValues(
  em: EntityManager,
  target: LineTarget,
  input: LineInputValues,
  path: readonly string[],
  base?: LineValues,
): Promise<LineValues> {
  const at = (key: string) => [...path, key];
  const productChanged = input.productId !== undefined;
  const productId = productChanged
    ? input.productId
      ? parseId(at('productId'), input.productId)
      : null
    : (base?.productId ?? null);
  const product =
    productChanged && productId ? await productFor(em, target.metadata, productId, at('productId')) : null;
  const quantity = input.quantity ?? base?.quantity;
  if (quantity === undefined) throw new BadInput(at('quantity'), 'quantity: give the quantity.');
  let unitPrice = input.unitPrice ?? (productChanged ? undefined : base?.unitPrice);
  if (unitPrice === undefined || unitPrice === null) {
    if (!product) throw new BadInput(at('unitPrice'), 'unitPrice: a free-text line needs a unit price.');
    unitPrice = await priceFor(em, target.metadata, product, target, at('productId'));
  }
  let description = input.description ?? (productChanged ? undefined : base?.description);
  if (description === undefined || description === null) description = product?.name ?? '';
  description = description.trim();
  if (!description)
    throw new BadInput(at('description'), 'description: a line without a product needs a description.');
  if (description.length > maxDescription)
    throw new BadInput(at('description'), `description: at most ${maxDescription} characters.`);
  const invalid = invalidTextReason(description);
  if (invalid) throw new BadInput(at('description'), `description: ${invalid}`);
  return {
    productId,
    description,
    quantity: parseDecimal(quantity, at('quantity'), { min: 0 }).toString(),
    unitPrice: parseDecimal(unitPrice, at('unitPrice'), { min: 0 }).toString(),
    discountPercent: parseDecimal(
      input.discountPercent ?? base?.discountPercent ?? '0',
      at('discountPercent'),
      {
        min: 0,
        max: 100,
      },
    ).toString(),
    taxRate: parseDecimal(input.taxRate ?? base?.taxRate ?? '0', at('taxRate'), {
      min: 0,
      max: 100,
    }).toString(),
  };
}
