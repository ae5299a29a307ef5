import { readLabels } from '../activities/index.js';
import { documentDefinition, renderPdf, type ResolvedBlock } from '../documents/index.js';
import { workspaceName } from '../identity/index.js';
import { activeObjects } from '../metadata/index.js';
import { callerView } from '../records/index.js';
import { dealFor } from './deal-access.js';
import { getInvoice } from './invoice-store.js';
import { lineColumns, lineTableOf, moneyFormat } from './line-source.js';
import { linesOf } from './lines.js';
import { documentTotals, subtractMoney } from './money.js';
import type { QuotesContext } from './services.js';

const statusLabels: Record<string, string> = {
  DRAFT: 'Draft',
  ISSUED: 'Issued',
  PARTLY_PAID: 'Partly paid',
  PAID: 'Paid',
  OVERDUE: 'Overdue',
  VOID: 'Void',
};

/**
 * An invoice or credit note as a PDF, rendered from what is stored (an issued invoice never
 * changes, so neither does its PDF): the issuer, the deal and company as the caller sees them,
 * the dates, the lines and totals by the quotes' exact arithmetic, payments and what is still
 * open. A draft says in its title that it is not an invoice yet. Nothing is stored.
 */
export async function invoicePdf(ctx: QuotesContext, id: string): Promise<{ name: string; content: Buffer }> {
  const row = await getInvoice(ctx.em, ctx.caller?.workspace?.id ?? '', id);
  const { access, metadata } = await dealFor(ctx, row.dealId!, 'read', ['id']);
  const view = await callerView(ctx.services.recordAccess, access, metadata);
  const label = async (key: string, recordId: string | null) => {
    const object = activeObjects(view.metadata).find((o) => o.key === key);
    const visible = object?.fields.some((f) => f.id === object.labelFieldId && !f.archivedAt);
    if (!object || !visible || !recordId) return '';
    return (await readLabels(ctx.em, metadata, object, [recordId])).get(recordId) ?? '';
  };
  const money = moneyFormat(row.currency);
  const kind = row.kind === 'CREDIT_NOTE' ? 'Credit note' : 'Invoice';
  const title = row.number ? `${kind} ${row.number}` : `${kind} (draft, not issued)`;
  const lines = await linesOf(ctx.em, { invoiceId: row.id });
  const table = lineTableOf(lines, row.currency, lineColumns);
  const total = row.total ?? documentTotals(lines).total;
  const open = ['ISSUED', 'PARTLY_PAID', 'OVERDUE'].includes(row.status);
  const details: [string, string][] = [
    ['From', await workspaceName(ctx.em, access.workspaceId)],
    ['Customer', await label('company', row.companyId)],
    ['Deal', await label('deal', row.dealId)],
    ['Issue date', row.issueDate ?? '—'],
    ['Due date', row.dueDate ?? '—'],
    ['Status', statusLabels[row.status] ?? row.status],
  ];
  const blocks: ResolvedBlock[] = [
    { type: 'heading', text: title, level: 1 },
    { type: 'fields', title: null, rows: details.filter(([, value]) => value !== '') },
    { type: 'lines', title: null, table },
    {
      type: 'fields',
      title: 'Payments',
      rows: [
        ['Paid', money(row.paid)],
        ['Open balance', open ? money(subtractMoney(total, row.paid)) : money('0')],
      ],
    },
  ];
  return {
    name: `${kind.toLowerCase().replace(' ', '-')}-${row.number ?? 'draft'}.pdf`,
    content: await renderPdf(documentDefinition(title, blocks)),
  };
}
