import type { LineColumn, LineSource, LineTable } from '../documents/index.js';
import { qualified } from '../metadata/index.js';
import type { RecordContext } from '../records/index.js';
import { linesOf, type Line } from './lines.js';
import { documentTotals, lineTotals, plain } from './money.js';
import { quotesOfDeal, type QuoteRow } from './quote-store.js';

export const lineColumns: LineColumn[] = [
  { key: 'description', label: 'Description', numeric: false },
  { key: 'quantity', label: 'Quantity', numeric: true },
  { key: 'unitPrice', label: 'Unit price', numeric: true },
  { key: 'discount', label: 'Discount', numeric: true },
  { key: 'taxRate', label: 'Tax rate', numeric: true },
  { key: 'net', label: 'Net', numeric: true },
];

/**
 * A decimal string as money of `currency`; Intl formats the string exactly (no float on the way).
 * `decimals` up to 4 for unit prices, which keep what was entered (12.345).
 */
export function moneyFormat(currency: string, decimals = 2): (amount: string) => string {
  try {
    const format = new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      ...(decimals > 2 ? { maximumFractionDigits: decimals } : {}),
    });
    return (amount) => format.format(amount as Intl.StringNumericLiteral);
  } catch {
    return (amount) => `${amount} ${currency}`;
  }
}

/** The deal's accepted quote, else its latest one not declined; none when every quote is declined. */
export function quoteForDocument(quotes: readonly QuoteRow[]): QuoteRow | null {
  return (
    quotes.find((q) => q.status === 'ACCEPTED') ??
    [...quotes].reverse().find((q) => q.status !== 'DECLINED') ??
    null
  );
}

/** Whether the caller's scope reads the deal: quotes follow their deal's scope (see deal-access.ts). */
async function dealReadable(ctx: RecordContext, dealId: string): Promise<boolean> {
  const deal = ctx.metadata.objects.find((o) => o.key === 'deal' && !o.archivedAt);
  if (!deal) return false;
  const readable = ctx.scope?.rows(deal, 'read', 't') ?? { sql: 'true', params: [] };
  const [row] = await ctx.em.execute<{ readable: boolean }[]>(
    `select (${readable.sql}) as readable from ${qualified(ctx.metadata.schema, deal.table)} t
     where t.id = ? and t.deleted_at is null`,
    [...readable.params, dealId],
  );
  return row?.readable === true;
}

/**
 * A deal's quote lines for a document's lines block (source `quote`): the lines of the quote
 * chosen by quoteForDocument, amounts and totals (taxes per rate) computed by the quotes'
 * exact arithmetic and formatted in the quote's currency.
 */
export const quoteLineSource: LineSource = {
  objectKey: 'deal',
  key: 'quote',
  label: 'Quote lines',
  columns: () => lineColumns,
  fixedColumns: lineColumns,
  async read(ctx, dealId, wanted): Promise<LineTable> {
    const shown = lineColumns.filter((c) => wanted.includes(c.key));
    const empty = { columns: shown, rows: [], totals: [] };
    if (!(await dealReadable(ctx, dealId))) return empty;
    const quote = quoteForDocument(await quotesOfDeal(ctx.em, ctx.metadata.workspaceId, dealId));
    if (!quote) return empty;
    return lineTableOf(await linesOf(ctx.em, { quoteId: quote.id }), quote.currency, shown);
  },
};

/** Lines as a document's table: amounts and totals by the quotes' exact arithmetic, as money of `currency`. */
export function lineTableOf(
  lines: readonly Line[],
  currency: string,
  shown: readonly LineColumn[],
): LineTable {
  const money = moneyFormat(currency);
  const unitPrice = moneyFormat(currency, 4);
  const rows = lines.map((line) => {
    const amounts = lineTotals(line);
    const cells: Record<string, string> = {
      description: line.description,
      quantity: plain(line.quantity),
      unitPrice: unitPrice(plain(line.unitPrice)),
      discount: Number(line.discountPercent) === 0 ? '' : `${plain(line.discountPercent)} %`,
      taxRate: `${plain(line.taxRate)} %`,
      net: money(amounts.net),
    };
    return shown.map((c) => cells[c.key] ?? '');
  });
  const totals = documentTotals(lines);
  return {
    columns: [...shown],
    rows,
    totals: [
      { label: 'Subtotal', value: money(totals.subtotal) },
      ...(Number(totals.discount) === 0 ? [] : [{ label: 'Discount', value: `−${money(totals.discount)}` }]),
      ...totals.taxes.map((t) => ({ label: `Tax ${t.rate} %`, value: money(t.tax) })),
      { label: 'Total', value: money(totals.total) },
    ],
  };
}
