import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkspaceMetadata } from '../metadata/index.js';
import { BadInput, Conflict, Forbidden } from '../platform/index.js';
import { dealFor } from './deal-access.js';
import { addDays, parseCurrency, parseDate, parseTitle, today } from './document-input.js';
import {
  bumpInvoiceVersion,
  getInvoice,
  insertInvoice,
  insertPayment,
  invoicesOfDeal,
  markIssued,
  nextInvoiceNumber,
  openBalances,
  setInvoice,
  type InvoiceRow,
} from './invoice-store.js';
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
import { compareMoney, documentTotals, parseDecimal, subtractMoney } from './money.js';
import { getQuote } from './quote-store.js';
import type { QuotesContext } from './services.js';
import { invoiceTopic, type InvoiceChangeKind } from './topics.js';

export interface Invoice extends InvoiceRow {
  lines: Line[];
}

/** Days from issue to due when the issuer gives no due date. */
export const defaultPaymentTermDays = 30;

async function withLines(em: EntityManager, row: InvoiceRow): Promise<Invoice> {
  return { ...row, lines: await linesOf(em, { invoiceId: row.id }) };
}

/**
 * Tells the invoice's deal and company subscribers (after commit): every process hears it over
 * the bus, and each subscriber reads the invoice and balances under its own scope.
 */
async function announce(
  ctx: QuotesContext,
  invoice: Pick<InvoiceRow, 'id' | 'workspaceId' | 'dealId' | 'companyId'>,
  kind: InvoiceChangeKind,
  actorId: string,
): Promise<void> {
  const event = {
    kind,
    invoiceId: invoice.id,
    dealId: invoice.dealId,
    companyId: invoice.companyId,
    actorId,
  };
  const { events } = ctx.services;
  if (invoice.dealId)
    await events.publish(
      'invoices.changed',
      invoiceTopic(invoice.workspaceId, 'deal', invoice.dealId),
      event,
    );
  if (invoice.companyId)
    await events.publish(
      'invoices.changed',
      invoiceTopic(invoice.workspaceId, 'company', invoice.companyId),
      event,
    );
}

function workspaceOf(ctx: QuotesContext): string {
  return ctx.caller?.workspace?.id ?? '00000000-0000-0000-0000-000000000000';
}

/** An invoice the caller may read (they read its deal), with its lines. */
export async function readInvoice(ctx: QuotesContext, id: string): Promise<Invoice> {
  const row = await getInvoice(ctx.em, workspaceOf(ctx), id);
  await dealFor(ctx, row.dealId!, 'read', ['id']);
  return withLines(ctx.em, row);
}

export async function invoicesOf(ctx: QuotesContext, dealId: string): Promise<Invoice[]> {
  const { access, recordId } = await dealFor(ctx, dealId, 'read', ['dealId']);
  const rows = await invoicesOfDeal(ctx.em, access.workspaceId, recordId);
  return Promise.all(rows.map((row) => withLines(ctx.em, row)));
}

/** An invoice copying an accepted quote's lines, as a draft (numbered when issued). */
export async function createInvoiceFromQuote(
  ctx: QuotesContext,
  quoteId: string,
  input: { dueDate?: string | null },
): Promise<Invoice> {
  const quote = await getQuote(ctx.em, workspaceOf(ctx), quoteId);
  const deal = await dealFor(ctx, quote.dealId, 'update', ['quoteId']);
  const dueDate = input.dueDate ? parseDate(input.dueDate, ['dueDate']) : null;
  const id = await ctx.em.transactional(async (em) => {
    const locked = await getQuote(em, deal.access.workspaceId, quoteId, { forUpdate: true });
    if (locked.status !== 'ACCEPTED')
      throw new BadInput(
        ['quoteId'],
        `Only an accepted quote becomes an invoice (this one is ${locked.status}).`,
      );
    const [taken] = await em.execute<{ number: string | null }[]>(
      "select number from invoice where quote_id = ? and status <> 'VOID' limit 1",
      [quoteId],
    );
    if (taken)
      throw new Conflict(`The quote already has an invoice (${taken.number ?? 'a draft'}); void it first.`);
    const id = await insertInvoice(em, {
      workspaceId: deal.access.workspaceId,
      kind: 'INVOICE',
      dealId: deal.recordId,
      companyId: deal.companyId,
      quoteId,
      creditOf: null,
      currency: locked.currency,
      dueDate,
      createdBy: deal.access.caller.user.id,
    });
    await insertLines(em, deal.access.workspaceId, { invoiceId: id }, await linesOf(em, { quoteId }));
    return id;
  });
  const created = await getInvoice(ctx.em, deal.access.workspaceId, id);
  await announce(ctx, created, 'CREATED', deal.access.caller.user.id);
  return withLines(ctx.em, created);
}

/** An invoice made from scratch on a deal, as a draft. */
export async function createInvoice(
  ctx: QuotesContext,
  input: { dealId: string; currency: string; dueDate?: string | null; lines?: LineInputValues[] | null },
): Promise<Invoice> {
  const deal = await dealFor(ctx, input.dealId, 'update', ['input', 'dealId']);
  const currency = parseCurrency(input.currency, ['input', 'currency']);
  const dueDate = input.dueDate ? parseDate(input.dueDate, ['input', 'dueDate']) : null;
  const lines = input.lines ?? [];
  if (lines.length > maxLinesPerDocument)
    throw new BadInput(['input', 'lines'], `lines: at most ${maxLinesPerDocument}.`);
  const id = await ctx.em.transactional(async (em) => {
    const target = { metadata: deal.metadata, currency, priceBook: 'standard' };
    const values = [];
    for (const [i, line] of lines.entries())
      values.push(await lineValues(em, target, line, ['input', 'lines', String(i)]));
    const id = await insertInvoice(em, {
      workspaceId: deal.access.workspaceId,
      kind: 'INVOICE',
      dealId: deal.recordId,
      companyId: deal.companyId,
      quoteId: null,
      creditOf: null,
      currency,
      dueDate,
      createdBy: deal.access.caller.user.id,
    });
    await insertLines(em, deal.access.workspaceId, { invoiceId: id }, values);
    return id;
  });
  const created = await getInvoice(ctx.em, deal.access.workspaceId, id);
  await announce(ctx, created, 'CREATED', deal.access.caller.user.id);
  return withLines(ctx.em, created);
}

/**
 * Runs `work` on the invoice locked for writing, once the caller may update its deal, then
 * announces the change (`kind`) to the deal's and company's subscribers.
 */
async function writeInvoice(
  ctx: QuotesContext,
  invoiceId: string,
  kind: InvoiceChangeKind,
  work: (
    em: EntityManager,
    invoice: InvoiceRow,
    userId: string,
    metadata: WorkspaceMetadata,
  ) => Promise<void>,
): Promise<Invoice> {
  const before = await getInvoice(ctx.em, workspaceOf(ctx), invoiceId);
  const { access, metadata } = await dealFor(ctx, before.dealId!, 'update', ['id']);
  await ctx.em.transactional(async (em) => {
    const invoice = await getInvoice(em, access.workspaceId, invoiceId, { forUpdate: true });
    await work(em, invoice, access.caller.user.id, metadata);
    await bumpInvoiceVersion(em, invoiceId);
  });
  const after = await getInvoice(ctx.em, access.workspaceId, invoiceId);
  await announce(ctx, after, kind, access.caller.user.id);
  return withLines(ctx.em, after);
}

/** Only a draft is edited: an issued invoice is voided or credited instead (FORBIDDEN naming the field). */
function requireDraft(invoice: InvoiceRow, path: readonly string[]): void {
  if (invoice.status !== 'DRAFT')
    throw new Locked(
      `Invoice ${invoice.number ?? invoice.id} is ${invoice.status.toLowerCase().replace('_', ' ')}: ${path.at(-1)} cannot change after issue; void or credit it instead.`,
      path,
    );
}

export function updateInvoice(
  ctx: QuotesContext,
  id: string,
  input: { dueDate?: string | null },
): Promise<Invoice> {
  return writeInvoice(ctx, id, 'UPDATED', async (em, invoice) => {
    requireDraft(invoice, ['input', 'dueDate']);
    if (input.dueDate) await setInvoice(em, id, { dueDate: parseDate(input.dueDate, ['input', 'dueDate']) });
  });
}

export function addInvoiceLine(ctx: QuotesContext, id: string, input: LineInputValues): Promise<Invoice> {
  return writeInvoice(ctx, id, 'UPDATED', async (em, invoice, _userId, metadata) => {
    requireDraft(invoice, ['input', 'lines']);
    if ((await linesOf(em, { invoiceId: id })).length >= maxLinesPerDocument)
      throw new BadInput(['input'], `An invoice holds at most ${maxLinesPerDocument} lines.`);
    const target = { metadata, currency: invoice.currency, priceBook: 'standard' };
    await insertLines(em, invoice.workspaceId, { invoiceId: id }, [
      await lineValues(em, target, input, ['input']),
    ]);
  });
}

async function invoiceOfLine(ctx: QuotesContext, lineId: string): Promise<string> {
  const { owner } = await lockLine(ctx.em, workspaceOf(ctx), lineId, { lock: false });
  if (!('invoiceId' in owner)) throw new BadInput(['id'], 'This line belongs to a quote, not an invoice.');
  return owner.invoiceId;
}

export async function updateInvoiceLine(
  ctx: QuotesContext,
  lineId: string,
  version: number,
  input: LineInputValues,
): Promise<Invoice> {
  return writeInvoice(
    ctx,
    await invoiceOfLine(ctx, lineId),
    'UPDATED',
    async (em, invoice, _userId, metadata) => {
      requireDraft(invoice, ['input', Object.keys(input)[0] ?? 'quantity']);
      const { line } = await lockLine(em, invoice.workspaceId, lineId);
      expectLineVersion(line, version);
      const target = { metadata, currency: invoice.currency, priceBook: 'standard' };
      await updateLine(em, lineId, await lineValues(em, target, input, ['input'], line));
    },
  );
}

export async function removeInvoiceLine(
  ctx: QuotesContext,
  lineId: string,
  version: number,
): Promise<Invoice> {
  return writeInvoice(ctx, await invoiceOfLine(ctx, lineId), 'UPDATED', async (em, invoice) => {
    requireDraft(invoice, ['id']);
    const { line } = await lockLine(em, invoice.workspaceId, lineId);
    expectLineVersion(line, version);
    await deleteLine(em, lineId);
  });
}

/** Issues a draft: the next gapless number of the issue date's year, the total fixed. */
export function issueInvoice(
  ctx: QuotesContext,
  id: string,
  input: { issueDate?: string | null; dueDate?: string | null },
): Promise<Invoice> {
  return writeInvoice(ctx, id, 'ISSUED', async (em, invoice) => {
    if (invoice.status !== 'DRAFT')
      throw new Locked(`Invoice ${invoice.number} is already ${invoice.status.toLowerCase()}.`, ['id']);
    const lines = await linesOf(em, { invoiceId: id });
    if (!lines.length) throw new BadInput(['id'], 'An invoice needs at least one line to be issued.');
    const issueDate = input.issueDate ? parseDate(input.issueDate, ['input', 'issueDate']) : today();
    const dueDate = input.dueDate
      ? parseDate(input.dueDate, ['input', 'dueDate'])
      : (invoice.dueDate ?? addDays(issueDate, defaultPaymentTermDays));
    if (dueDate < issueDate)
      throw new BadInput(['input', 'dueDate'], 'dueDate: must not be before the issue date.');
    const year = Number(issueDate.slice(0, 4));
    const { sequence, number } = await nextInvoiceNumber(em, invoice.workspaceId, year);
    await markIssued(em, id, {
      year,
      sequence,
      number,
      issueDate,
      dueDate,
      total: documentTotals(lines).total,
    });
  });
}

/** Voids a draft, or an issued invoice nobody has paid yet (its number stays used: no gap). */
export function voidInvoice(ctx: QuotesContext, id: string): Promise<Invoice> {
  return writeInvoice(ctx, id, 'VOIDED', async (em, invoice) => {
    if (invoice.status === 'VOID') throw new Locked('The invoice is already void.', ['id']);
    if (compareMoney(invoice.paid, '0') > 0)
      throw new Forbidden('The invoice has payments: credit it (creditInvoice) instead of voiding it.');
    await setInvoice(em, id, { status: 'VOID' });
  });
}

/**
 * Cancels an issued invoice with a credit note: an issued document of its own (next number),
 * the same lines at negated unit prices; the original becomes VOID and leaves the open balance.
 */
export async function creditInvoice(ctx: QuotesContext, id: string): Promise<Invoice> {
  let creditId = '';
  await writeInvoice(ctx, id, 'CREDITED', async (em, invoice, userId) => {
    if (invoice.kind !== 'INVOICE' || ['DRAFT', 'VOID'].includes(invoice.status))
      throw new Forbidden(
        `Only an issued invoice is credited (this one is ${invoice.status.toLowerCase()}).`,
      );
    const lines = await linesOf(em, { invoiceId: id });
    creditId = await insertInvoice(em, {
      workspaceId: invoice.workspaceId,
      kind: 'CREDIT_NOTE',
      dealId: invoice.dealId,
      companyId: invoice.companyId,
      quoteId: null,
      creditOf: id,
      currency: invoice.currency,
      dueDate: null,
      createdBy: userId,
    });
    // Stored like any line (the unit price may be negative here only: a credit note is made by the server).
    const negated = lines.map((l) => ({ ...l, unitPrice: `-${l.unitPrice}`.replace('--', '') }));
    await insertLines(em, invoice.workspaceId, { invoiceId: creditId }, negated);
    const issueDate = today();
    const year = Number(issueDate.slice(0, 4));
    const { sequence, number } = await nextInvoiceNumber(em, invoice.workspaceId, year);
    const total = documentTotals(negated).total;
    await markIssued(em, creditId, { year, sequence, number, issueDate, dueDate: issueDate, total });
    await setInvoice(em, id, { status: 'VOID' });
  });
  const credit = await readInvoice(ctx, creditId);
  await announce(ctx, credit, 'CREDIT_NOTE_ISSUED', ctx.caller!.user.id);
  return credit;
}

/** Records a payment: the invoice becomes PARTLY_PAID or PAID; more than is owed is refused. */
export function recordPayment(
  ctx: QuotesContext,
  id: string,
  input: { amount: string; currency?: string | null; paidOn?: string | null; reference?: string | null },
): Promise<Invoice> {
  return writeInvoice(ctx, id, 'PAYMENT_RECORDED', async (em, invoice, userId) => {
    if (invoice.kind !== 'INVOICE' || !['ISSUED', 'PARTLY_PAID', 'OVERDUE'].includes(invoice.status))
      throw new Forbidden(
        `Payments are recorded on issued invoices (this one is ${invoice.status.toLowerCase()}).`,
      );
    if (input.currency && parseCurrency(input.currency, ['input', 'currency']) !== invoice.currency)
      throw new BadInput(
        ['input', 'currency'],
        `Currency mismatch: the invoice is in ${invoice.currency}, the payment in ${input.currency.toUpperCase()}.`,
        { reason: 'CURRENCY_MISMATCH' },
      );
    const amount = parseDecimal(input.amount, ['input', 'amount']);
    if (amount.lte(0) || amount.decimalPlaces() > 2)
      throw new BadInput(['input', 'amount'], 'amount: must be more than 0, in cents at most.');
    const open = subtractMoney(invoice.total!, invoice.paid);
    if (compareMoney(amount.toString(), open) > 0)
      throw new BadInput(
        ['input', 'amount'],
        `amount: more than the open balance (${open} ${invoice.currency}).`,
      );
    await insertPayment(em, {
      workspaceId: invoice.workspaceId,
      invoiceId: id,
      amount: amount.toFixed(2),
      paidOn: input.paidOn ? parseDate(input.paidOn, ['input', 'paidOn']) : today(),
      reference: parseTitle(input.reference ?? '', ['input', 'reference']),
      createdBy: userId,
    });
    const settled = compareMoney(amount.toString(), open) === 0;
    await setInvoice(em, id, { status: settled ? 'PAID' : 'PARTLY_PAID' });
  });
}

/** What a deal's or company's open invoices still owe, per currency (for a reader of that record). */
export async function openBalance(
  ctx: QuotesContext,
  object: 'deal' | 'company',
  recordId: string,
): Promise<{ currency: string; amount: string }[]> {
  const { access, recordId: id } = await dealFor(ctx, recordId, 'read', ['recordId'], object);
  return openBalances(ctx.em, access.workspaceId, object === 'deal' ? { dealId: id } : { companyId: id });
}
