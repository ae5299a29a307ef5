import type { EntityManager } from '@mikro-orm/postgresql';
import {
  activeObjects,
  qualified,
  quote,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { BadInput } from '../platform/index.js';

/**
 * Products and prices are standard objects (metadata: admins add fields, views and profiles
 * apply): quote lines read them here by their standard field keys.
 */

type Db = EntityManager;

function objectOf(metadata: WorkspaceMetadata, key: string, path: readonly string[]): ObjectDef {
  const object = activeObjects(metadata).find((o) => o.key === key);
  if (!object) throw new BadInput(path, `This workspace has no active ${key} object.`);
  return object;
}

function column(object: ObjectDef, key: string): string {
  const field = object.fields.find((f) => f.key === key && !f.archivedAt && f.column);
  if (!field?.column) throw new BadInput([key], `The ${object.key} object has no active “${key}” field.`);
  return quote(field.column);
}

export interface Product {
  id: string;
  name: string;
}

/** A live, active product of the workspace, or BAD_USER_INPUT at `path`. */
export async function productFor(
  db: Db,
  metadata: WorkspaceMetadata,
  productId: string,
  path: readonly string[],
): Promise<Product> {
  const product = objectOf(metadata, 'product', path);
  const [row] = await db.execute<{ name: string | null; active: boolean | null }[]>(
    `select t.${column(product, 'name')} as name, t.${column(product, 'active')} as active
     from ${qualified(metadata.schema, product.table)} t where t.id = ? and t.deleted_at is null`,
    [productId],
  );
  if (!row) throw new BadInput(path, `There is no product ${productId}.`);
  if (row.active === false) throw new BadInput(path, `The product “${row.name}” is not active.`);
  return { id: productId, name: row.name ?? '' };
}

/**
 * The product's unit price in this price book and currency, as a decimal string. A price only
 * in other currencies is a currency mismatch; no price at all asks for an explicit unit price.
 */
export async function priceFor(
  db: Db,
  metadata: WorkspaceMetadata,
  product: Product,
  book: { priceBook: string; currency: string },
  path: readonly string[],
): Promise<string> {
  const price = objectOf(metadata, 'price', path);
  const amount = column(price, 'unitPrice');
  const currency = quote(`${amount.slice(1, -1)}_currency`);
  const rows = await db.execute<{ amount: string; currency: string }[]>(
    `select t.${amount}::text as amount, t.${currency} as currency
     from ${qualified(metadata.schema, price.table)} t
     where t.${column(price, 'product')} = ? and t.${column(price, 'priceBook')} = ? and t.deleted_at is null
       and t.${amount} is not null
     order by t.created_at`,
    [product.id, book.priceBook],
  );
  const match = rows.find((r) => r.currency === book.currency);
  if (match) return match.amount;
  const others = [...new Set(rows.map((r) => r.currency))];
  if (others.length)
    throw new BadInput(
      path,
      `Currency mismatch: “${product.name}” is priced in ${others.join(', ')} in price book “${book.priceBook}”, not in ${book.currency}; give unitPrice.`,
      { reason: 'CURRENCY_MISMATCH' },
    );
  throw new BadInput(
    path,
    `“${product.name}” has no price in price book “${book.priceBook}”; give unitPrice.`,
  );
}
