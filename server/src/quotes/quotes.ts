import { BadInput, Conflict, Forbidden } from '../platform/index.js';
import { dealFor } from './deal-access.js';
import { parseCurrency, parseDate, parseTitle } from './document-input.js';
import { lineValues, maxLinesPerDocument, type LineInputValues } from './line-input.js';
import {
  deleteLine,
  expectLineVersion,
  insertLines,
  linesOf,
  lockLine,
  Locked,
  updateLine,
  type Line,
} from './lines.js';
import { getQuote, insertQuote, touchQuote, type QuoteRow, type QuoteStatus } from './quote-store.js';
import type { QuotesContext } from './services.js';
import { publishQuoteChange, type QuoteChanged } from './topics.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkspaceMetadata } from '../metadata/index.js';

export interface Quote extends QuoteRow {
  lines: Line[];
}

export interface CreateQuoteValues {
  dealId: string;
  currency: string;
  title?: string | null;
  priceBook?: string | null;
  validUntil?: string | null;
  lines?: LineInputValues[] | null;
}

/** Legal moves; ACCEPTED, DECLINED and EXPIRED are final (a new quote is made instead). */
const transitions: Record<QuoteStatus, readonly QuoteStatus[]> = {
  DRAFT: ['SENT'],
  SENT: ['DRAFT', 'ACCEPTED', 'DECLINED', 'EXPIRED'],
  ACCEPTED: [],
  DECLINED: [],
  EXPIRED: [],
};

async function withLines(ctx: QuotesContext, row: QuoteRow): Promise<Quote> {
  return { ...row, lines: await linesOf(ctx.em, { quoteId: row.id }) };
}

/** A quote the caller may read (they read its deal), with its lines. */
export async function readQuote(ctx: QuotesContext, id: string): Promise<Quote> {
  const { access } = await dealFor(ctx, await dealOfQuote(ctx, id), 'read', ['id']);
  return withLines(ctx, await getQuote(ctx.em, access.workspaceId, id));
}

/** The quote's deal id (checked against the caller's scope by `dealFor` next). */
export async function dealOfQuote(ctx: QuotesContext, id: string): Promise<string> {
  const workspaceId = ctx.caller?.workspace?.id;
  if (!workspaceId) return id; // dealFor refuses the caller first
  return (await getQuote(ctx.em, workspaceId, id)).dealId;
}

export async function createQuote(ctx: QuotesContext, input: CreateQuoteValues): Promise<Quote> {
  const {
    access,
    metadata,
    recordId: dealId,
  } = await dealFor(ctx, input.dealId, 'update', ['input', 'dealId']);
  const currency = parseCurrency(input.currency, ['input', 'currency']);
  const priceBook = parseTitle(input.priceBook ?? 'standard', ['input', 'priceBook'], 100) || 'standard';
  const validUntil = input.validUntil ? parseDate(input.validUntil, ['input', 'validUntil']) : null;
  const title = parseTitle(input.title ?? '', ['input', 'title']);
  const lines = input.lines ?? [];
  if (lines.length > maxLinesPerDocument)
    throw new BadInput(['input', 'lines'], `lines: at most ${maxLinesPerDocument}.`);
  const id = await ctx.em.transactional(async (em) => {
    const values = [];
    for (const [i, line] of lines.entries())
      values.push(
        await lineValues(em, { metadata, currency, priceBook }, line, ['input', 'lines', String(i)]),
      );
    const id = await insertQuote(em, {
      workspaceId: access.workspaceId,
      dealId,
      title,
      currency,
      priceBook,
      validUntil,
      createdBy: access.caller.user.id,
    });
    await insertLines(em, access.workspaceId, { quoteId: id }, values);
    return id;
  });
  // Colleagues on the deal see the new quote in their list.
  await publishQuoteChange(
    ctx.services.events,
    { workspaceId: access.workspaceId, dealId },
    { kind: 'QUOTE_CREATED', quoteId: id, lineId: null, actorId: access.caller.user.id },
  );
  return withLines(ctx, await getQuote(ctx.em, access.workspaceId, id));
}

/**
 * Runs `work` on a quote locked for writing, after checking the caller may update its deal;
 * publishes the change after commit and answers the quote as it then is.
 */
export async function writeQuote(
  ctx: QuotesContext,
  quoteId: string,
  work: (
    em: EntityManager,
    quote: QuoteRow,
    metadata: WorkspaceMetadata,
  ) => Promise<Pick<QuoteChanged, 'kind' | 'lineId'>>,
): Promise<Quote> {
  const { access, metadata } = await dealFor(ctx, await dealOfQuote(ctx, quoteId), 'update', ['quoteId']);
  const { event, dealId } = await ctx.em.transactional(async (em) => {
    const quote = await getQuote(em, access.workspaceId, quoteId, { forUpdate: true });
    const event = await work(em, quote, metadata);
    await touchQuote(em, quoteId);
    return { event, dealId: quote.dealId };
  });
  await publishQuoteChange(
    ctx.services.events,
    { workspaceId: access.workspaceId, dealId },
    { ...event, quoteId, actorId: access.caller.user.id },
  );
  return withLines(ctx, await getQuote(ctx.em, access.workspaceId, quoteId));
}

export function requireDraft(quote: QuoteRow, path: readonly string[]): void {
  if (quote.status !== 'DRAFT')
    throw new Locked(
      `The quote is ${quote.status.toLowerCase()}: only a draft's lines and terms can change (move it back to DRAFT first).`,
      path,
    );
}

const targetOf = (quote: QuoteRow, metadata: WorkspaceMetadata) => ({
  metadata,
  currency: quote.currency,
  priceBook: quote.priceBook,
});

interface QuoteTerms {
  title?: string | null;
  validUntil?: string | null;
}

/**
 * Two people editing a draft's terms: each term the editor read (`expected`) must still be the
 * stored one, so a colleague's change is never overwritten unseen. Terms not given are not checked
 * (a line edit by someone else meanwhile is no conflict).
 */
function expectTerms(quote: QuoteRow, expected: QuoteTerms): void {
  const current = { title: quote.title, validUntil: quote.validUntil };
  for (const field of ['title', 'validUntil'] as const) {
    if (expected[field] === undefined || (expected[field] ?? null) === (current[field] ?? null)) continue;
    const shown = current[field] ?? 'empty';
    throw new Conflict(
      `The quote's ${field === 'title' ? 'title' : 'validity date'} was changed by someone else: it is now “${shown}”.`,
      {
        field,
        current: current[field] ?? null,
        argumentPath: ['expected', field],
      },
    );
  }
}

export function updateQuote(
  ctx: QuotesContext,
  quoteId: string,
  input: QuoteTerms,
  expected: QuoteTerms = {},
): Promise<Quote> {
  return writeQuote(ctx, quoteId, async (em, quote) => {
    requireDraft(quote, ['input', input.title !== undefined ? 'title' : 'validUntil']);
    expectTerms(quote, expected);
    await touchQuote(em, quoteId, {
      ...(input.title != null ? { title: parseTitle(input.title, ['input', 'title']) } : {}),
      ...(input.validUntil !== undefined
        ? { validUntil: input.validUntil ? parseDate(input.validUntil, ['input', 'validUntil']) : null }
        : {}),
    });
    return { kind: 'QUOTE_UPDATED', lineId: null };
  });
}

export function addQuoteLine(ctx: QuotesContext, quoteId: string, input: LineInputValues): Promise<Quote> {
  return writeQuote(ctx, quoteId, async (em, quote, metadata) => {
    requireDraft(quote, ['input']);
    const existing = await linesOf(em, { quoteId });
    if (existing.length >= maxLinesPerDocument)
      throw new BadInput(['input'], `A quote holds at most ${maxLinesPerDocument} lines.`);
    const values = await lineValues(em, targetOf(quote, metadata), input, ['input']);
    const [lineId] = await insertLines(em, quote.workspaceId, { quoteId }, [values]);
    return { kind: 'LINE_ADDED', lineId: lineId! };
  });
}

/** Edits one line at the version the editor saw; a stale version is a CONFLICT naming the line. */
export async function updateQuoteLine(
  ctx: QuotesContext,
  lineId: string,
  version: number,
  input: LineInputValues,
): Promise<Quote> {
  const quoteId = await quoteOfLine(ctx, lineId);
  return writeQuote(ctx, quoteId, async (em, quote, metadata) => {
    const { line } = await lockLine(em, quote.workspaceId, lineId);
    requireDraft(quote, ['input', Object.keys(input)[0] ?? 'quantity']);
    expectLineVersion(line, version);
    await updateLine(em, lineId, await lineValues(em, targetOf(quote, metadata), input, ['input'], line));
    return { kind: 'LINE_UPDATED', lineId };
  });
}

export async function removeQuoteLine(ctx: QuotesContext, lineId: string, version: number): Promise<Quote> {
  const quoteId = await quoteOfLine(ctx, lineId);
  return writeQuote(ctx, quoteId, async (em, quote) => {
    const { line } = await lockLine(em, quote.workspaceId, lineId);
    requireDraft(quote, ['id']);
    expectLineVersion(line, version);
    await deleteLine(em, lineId);
    return { kind: 'LINE_REMOVED', lineId };
  });
}

async function quoteOfLine(ctx: QuotesContext, lineId: string): Promise<string> {
  const workspaceId = ctx.caller?.workspace?.id ?? '';
  const { owner } = await lockLine(ctx.em, workspaceId, lineId, { lock: false });
  if (!('quoteId' in owner)) throw new BadInput(['id'], 'This line belongs to an invoice, not a quote.');
  return owner.quoteId;
}

export function setQuoteStatus(ctx: QuotesContext, quoteId: string, status: QuoteStatus): Promise<Quote> {
  return writeQuote(ctx, quoteId, async (em, quote) => {
    if (!transitions[quote.status].includes(status))
      throw new Forbidden(
        `A ${quote.status.toLowerCase()} quote cannot become ${status.toLowerCase()} (allowed: ${transitions[quote.status].join(', ') || 'none'}).`,
      );
    if (status === 'SENT' && !(await linesOf(em, { quoteId })).length)
      throw new BadInput(['status'], 'A quote needs at least one line to be sent.');
    await touchQuote(em, quoteId, { status });
    return { kind: 'QUOTE_UPDATED', lineId: null };
  });
}
