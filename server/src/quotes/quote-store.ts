import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFound, writtenSince } from '../platform/index.js';

export const quoteStatuses = ['DRAFT', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED'] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

export interface QuoteRow {
  id: string;
  workspaceId: string;
  dealId: string;
  title: string;
  currency: string;
  priceBook: string;
  /** 'YYYY-MM-DD' or null. */
  validUntil: string | null;
  status: QuoteStatus;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

type Db = Pick<EntityManager, 'execute'>;

interface Raw {
  id: string;
  workspace_id: string;
  deal_id: string;
  title: string;
  currency: string;
  price_book: string;
  valid_until: string | null;
  status: QuoteStatus;
  version: number;
  created_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const selectQuote = `select id, workspace_id, deal_id, title, currency, price_book,
  to_char(valid_until, 'YYYY-MM-DD') as valid_until, status, version, created_by, created_at, updated_at from quote`;

const toQuote = (r: Raw): QuoteRow => ({
  id: r.id,
  workspaceId: r.workspace_id,
  dealId: r.deal_id,
  title: r.title,
  currency: r.currency,
  priceBook: r.price_book,
  validUntil: r.valid_until,
  status: r.status,
  version: r.version,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

export async function insertQuote(
  db: Db,
  values: Pick<
    QuoteRow,
    'workspaceId' | 'dealId' | 'title' | 'currency' | 'priceBook' | 'validUntil' | 'createdBy'
  >,
): Promise<string> {
  const id = randomUUID();
  await db.execute(
    `insert into quote (id, workspace_id, deal_id, title, currency, price_book, valid_until, created_by)
     values (?, ?, ?, ?, ?, ?, ?::date, ?)`,
    [
      id,
      values.workspaceId,
      values.dealId,
      values.title,
      values.currency,
      values.priceBook,
      values.validUntil,
      values.createdBy,
    ],
  );
  return id;
}

/** A quote of this workspace (`forUpdate`: locked for the write that reads it), or NOT_FOUND. */
export async function getQuote(
  db: Db,
  workspaceId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<QuoteRow> {
  const [row] = await db.execute<Raw[]>(
    `${selectQuote} where id = ? and workspace_id = ?${options.forUpdate ? ' for update' : ''}`,
    [id, workspaceId],
  );
  if (!row) throw new NotFound(`The quote ${id}`);
  return toQuote(row);
}

export async function quotesOfDeal(db: Db, workspaceId: string, dealId: string): Promise<QuoteRow[]> {
  const rows = await db.execute<Raw[]>(
    `${selectQuote} where workspace_id = ? and deal_id = ? order by created_at, id`,
    [workspaceId, dealId],
  );
  return rows.map(toQuote);
}

/** The quotes (one, or a deal's) last written after the snapshot `since` (a `changeCursor`), oldest first. */
export async function quotesWrittenSince(
  db: Db,
  workspaceId: string,
  of: { quoteId: string } | { dealId: string },
  since: string,
): Promise<string[]> {
  const rows = await db.execute<{ id: string }[]>(
    `select id from quote where workspace_id = ? and ${'quoteId' in of ? 'id' : 'deal_id'} = ?
       and ${writtenSince('changed_xid')} order by updated_at, id`,
    [workspaceId, 'quoteId' in of ? of.quoteId : of.dealId, since],
  );
  return rows.map((row) => row.id);
}

/** Bumps the quote's version (and sets the given columns): every change to it or its lines does. */
export async function touchQuote(
  db: Db,
  id: string,
  patch: { title?: string; validUntil?: string | null; status?: QuoteStatus } = {},
): Promise<void> {
  const sets: string[] = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [];
  if (patch.title !== undefined) {
    sets.push('title = ?');
    params.push(patch.title);
  }
  if (patch.validUntil !== undefined) {
    sets.push('valid_until = ?::date');
    params.push(patch.validUntil);
  }
  if (patch.status !== undefined) {
    sets.push('status = ?');
    params.push(patch.status);
  }
  await db.execute(`update quote set ${sets.join(', ')} where id = ?`, [...params, id]);
}
