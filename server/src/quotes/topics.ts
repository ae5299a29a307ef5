import type { EntityManager } from '@mikro-orm/postgresql';
import { caughtUp, type EventBus } from '../platform/index.js';
import { invoicesWrittenSince } from './invoice-store.js';
import { quotesWrittenSince } from './quote-store.js';

// The quotes' event topics, merged into the bus's EventTopics.

/**
 * A quote, or one of its lines, changed: published on the quote's topic (`<workspaceId>:<quoteId>`,
 * the editor's) and on its deal's (`<workspaceId>:deal:<dealId>`, the deal's quote list's).
 */
export interface QuoteChanged {
  kind: 'QUOTE_CREATED' | 'QUOTE_UPDATED' | 'LINE_ADDED' | 'LINE_UPDATED' | 'LINE_REMOVED';
  quoteId: string;
  lineId: string | null;
  /**
   * Who changed it, so an editor can tell its own echo from a colleague's edit; null: the server
   * (expiry), or not known (a change brought to a resumed subscription).
   */
  actorId: string | null;
}

export type InvoiceChangeKind =
  'CREATED' | 'UPDATED' | 'ISSUED' | 'PAYMENT_RECORDED' | 'VOIDED' | 'CREDITED' | 'CREDIT_NOTE_ISSUED';

/**
 * An invoice (or credit note) of a deal changed: published on its deal's topic and, when the
 * invoice has one, its company's, so a deal's page and a company's page both follow balances.
 */
export interface InvoiceChanged {
  kind: InvoiceChangeKind;
  invoiceId: string;
  dealId: string | null;
  companyId: string | null;
  /** Who changed it; null: not known (a change brought to a resumed subscription). */
  actorId: string | null;
}

declare module '../platform/index.js' {
  interface EventTopics {
    'quotes.changed': [quote: string, payload: QuoteChanged];
    'invoices.changed': [holder: string, payload: InvoiceChanged];
  }
}

export function quoteTopic(workspaceId: string, quoteId: string): string {
  return `${workspaceId}:${quoteId}`;
}

/** The topic of a deal's or a company's invoices. */
export function invoiceTopic(workspaceId: string, holder: 'deal' | 'company', recordId: string): string {
  return `${workspaceId}:${holder}:${recordId}`;
}

/** The topic of all quotes of one deal (under the same `quotes.changed` event as one quote's). */
export function dealQuotesTopic(workspaceId: string, dealId: string): string {
  return `${workspaceId}:deal:${dealId}`;
}

/** Pushes a quote's change to its editors and to its deal's quote lists (call after commit). */
export async function publishQuoteChange(
  events: EventBus,
  where: { workspaceId: string; dealId: string },
  change: QuoteChanged,
): Promise<void> {
  await events.publish('quotes.changed', quoteTopic(where.workspaceId, change.quoteId), change);
  await events.publish('quotes.changed', dealQuotesTopic(where.workspaceId, where.dealId), change);
}

type Db = Pick<EntityManager, 'execute'>;

/**
 * One quote's changes (`quoteId`) or all of a deal's (`dealId`) as they happen; with `since` (a
 * snapshot, a `changeCursor`), first each quote written after it, as it now is, since the bus
 * keeps nothing for a subscriber to come.
 */
export function watchQuotes(
  events: EventBus,
  db: Db,
  workspaceId: string,
  of: { quoteId: string } | { dealId: string },
  since: string | null,
): AsyncIterable<QuoteChanged> {
  const topic =
    'quoteId' in of ? quoteTopic(workspaceId, of.quoteId) : dealQuotesTopic(workspaceId, of.dealId);
  const live = events.subscribe('quotes.changed', topic);
  if (!since) return live;
  const missed = async () =>
    (await quotesWrittenSince(db, workspaceId, of, since)).map((quoteId): QuoteChanged => ({
      kind: 'QUOTE_UPDATED',
      quoteId,
      lineId: null,
      actorId: null,
    }));
  return caughtUp(missed, live);
}

/** A deal's or a company's invoice changes as they happen; with `since`, first each written after it. */
export function watchInvoices(
  events: EventBus,
  db: Db,
  workspaceId: string,
  holder: 'deal' | 'company',
  recordId: string,
  since: string | null,
): AsyncIterable<InvoiceChanged> {
  const live = events.subscribe('invoices.changed', invoiceTopic(workspaceId, holder, recordId));
  if (!since) return live;
  const missed = async () =>
    (await invoicesWrittenSince(db, workspaceId, holder, recordId, since)).map((invoice): InvoiceChanged => ({
      kind: 'UPDATED',
      invoiceId: invoice.id,
      dealId: invoice.dealId,
      companyId: invoice.companyId,
      actorId: null,
    }));
  return caughtUp(missed, live);
}
