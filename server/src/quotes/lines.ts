import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DocumentLine } from '@crm/contracts';
import { AppError, Conflict, NotFound } from '../platform/index.js';

/** One line of a quote or an invoice (the shape the client reads too). */
export type Line = DocumentLine;

/** A line's values; the package (when the line is part of one) is set only when lines are inserted. */
export type LineValues = Omit<Line, 'id' | 'position' | 'version' | 'packageId' | 'packageLabel'> &
  Partial<Pick<Line, 'packageId' | 'packageLabel'>>;

/** Whose line: a quote's or an invoice's (one table, one arithmetic). */
export type LineOwner = { quoteId: string } | { invoiceId: string };

type Db = Pick<EntityManager, 'execute'>;

const ownerColumn = (owner: LineOwner) => ('quoteId' in owner ? 'quote_id' : 'invoice_id');
const ownerId = (owner: LineOwner) => ('quoteId' in owner ? owner.quoteId : owner.invoiceId);

const selectLine = `select id, position, product_id, description, quantity::text, unit_price::text,
  discount_percent::text, tax_rate::text, version, package_id, package_label, quote_id, invoice_id
  from document_line`;

interface LineRow {
  id: string;
  position: number;
  product_id: string | null;
  description: string;
  quantity: string;
  unit_price: string;
  discount_percent: string;
  tax_rate: string;
  version: number;
  package_id: string | null;
  package_label: string | null;
  quote_id: string | null;
  invoice_id: string | null;
}

function toLine(row: LineRow): Line {
  return {
    id: row.id,
    position: row.position,
    productId: row.product_id,
    description: row.description,
    quantity: row.quantity,
    unitPrice: row.unit_price,
    discountPercent: row.discount_percent,
    taxRate: row.tax_rate,
    version: row.version,
    packageId: row.package_id,
    packageLabel: row.package_label,
  };
}

export async function linesOf(db: Db, owner: LineOwner): Promise<Line[]> {
  const rows = await db.execute<LineRow[]>(
    `${selectLine} where ${ownerColumn(owner)} = ? order by position, id`,
    [ownerId(owner)],
  );
  return rows.map(toLine);
}

/** Lines of many owners at once (a list of quotes or invoices), by owner id. */
export async function linesOfMany(
  db: Db,
  kind: 'quote' | 'invoice',
  ids: readonly string[],
): Promise<Map<string, Line[]>> {
  const byOwner = new Map<string, Line[]>(ids.map((id) => [id, []]));
  if (!ids.length) return byOwner;
  const rows = await db.execute<LineRow[]>(
    `${selectLine} where ${kind}_id = any(?::uuid[]) order by position, id`,
    [`{${ids.join(',')}}`],
  );
  for (const row of rows) byOwner.get((kind === 'quote' ? row.quote_id : row.invoice_id)!)?.push(toLine(row));
  return byOwner;
}

export async function insertLines(
  db: Db,
  workspaceId: string,
  owner: LineOwner,
  lines: readonly LineValues[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const line of lines) {
    const id = randomUUID();
    ids.push(id);
    await db.execute(
      `insert into document_line (id, workspace_id, ${ownerColumn(owner)}, position, product_id, description,
         quantity, unit_price, discount_percent, tax_rate, package_id, package_label)
       values (?, ?, ?, (select coalesce(max(position), 0) + 1 from document_line where ${ownerColumn(owner)} = ?),
         ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        workspaceId,
        ownerId(owner),
        ownerId(owner),
        line.productId,
        line.description,
        line.quantity,
        line.unitPrice,
        line.discountPercent,
        line.taxRate,
        line.packageId ?? null,
        line.packageLabel ?? null,
      ],
    );
  }
  return ids;
}

/** A line of this workspace, locked for the write that reads it, with whose it is. */
export async function lockLine(
  db: Db,
  workspaceId: string,
  lineId: string,
  options: { lock?: boolean } = {},
): Promise<{ line: Line; owner: LineOwner }> {
  const lock = options.lock === false ? '' : ' for update';
  const [row] = await db.execute<LineRow[]>(`${selectLine} where id = ? and workspace_id = ?${lock}`, [
    lineId,
    workspaceId,
  ]);
  if (!row) throw new NotFound(`The line ${lineId}`);
  return {
    line: toLine(row),
    owner: row.quote_id ? { quoteId: row.quote_id } : { invoiceId: row.invoice_id! },
  };
}

/**
 * Per-line optimistic concurrency: the editor sends the version it edited; a line changed since
 * is refused with CONFLICT naming the line and its current version (other lines are unaffected).
 */
export function expectLineVersion(line: Line, expected: number): void {
  if (line.version === expected) return;
  throw new Conflict(
    `Line ${line.position} (“${line.description.slice(0, 60)}”) was changed by someone else since version ${expected}; it is now at version ${line.version}.`,
    { lineId: line.id, position: line.position, currentVersion: line.version, argumentPath: ['version'] },
  );
}

export async function updateLine(db: Db, lineId: string, values: LineValues): Promise<void> {
  await db.execute(
    `update document_line set product_id = ?, description = ?, quantity = ?, unit_price = ?,
       discount_percent = ?, tax_rate = ?, version = version + 1 where id = ?`,
    [
      values.productId,
      values.description,
      values.quantity,
      values.unitPrice,
      values.discountPercent,
      values.taxRate,
      lineId,
    ],
  );
}

export async function deleteLine(db: Db, lineId: string): Promise<void> {
  await db.execute('delete from document_line where id = ?', [lineId]);
}

/** FORBIDDEN naming the field: what cannot change any more (an issued invoice, a sent quote). */
export class Locked extends AppError {
  constructor(message: string, argumentPath: readonly string[]) {
    super('FORBIDDEN', message, { argumentPath: [...argumentPath], field: argumentPath.at(-1) });
  }
}
