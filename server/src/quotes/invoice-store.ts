import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFound, writtenSince } from '../platform/index.js';

/** Stored statuses; OVERDUE is read, not stored (an open invoice past its due date). */
export type StoredInvoiceStatus = 'DRAFT' | 'ISSUED' | 'PARTLY_PAID' | 'PAID' | 'VOID';
export type InvoiceStatus = StoredInvoiceStatus | 'OVERDUE';
export type InvoiceKind = 'INVOICE' | 'CREDIT_NOTE';

export interface InvoiceRow {
  id: string;
  workspaceId: string;
  kind: InvoiceKind;
  dealId: string | null;
  companyId: string | null;
  quoteId: string | null;
  creditOf: string | null;
  currency: string;
  status: InvoiceStatus;
  number: string | null;
  issueDate: string | null;
  dueDate: string | null;
  /** Fixed at issue (decimal string); null for a draft. */
  total: string | null;
  /** The sum of the payments, a decimal string. */
  paid: string;
  /** Bumped by every write to the invoice, its lines or its payments. */
  version: number;
  createdAt: Date;
}

type Db = Pick<EntityManager, 'execute'>;

interface Raw {
  id: string;
  workspace_id: string;
  kind: InvoiceKind;
  deal_id: string | null;
  company_id: string | null;
  quote_id: string | null;
  credit_of: string | null;
  currency: string;
  status: InvoiceStatus;
  number: string | null;
  issue_date: string | null;
  due_date: string | null;
  total: string | null;
  paid: string;
  version: number;
  created_at: Date | string;
}

/** Status as read: issued or partly paid past the due date (UTC day) reads as OVERDUE. */
const selectInvoice = `select i.id, i.workspace_id, i.kind, i.deal_id, i.company_id, i.quote_id, i.credit_of,
  i.currency,
  case when i.status in ('ISSUED', 'PARTLY_PAID') and i.due_date < (now() at time zone 'utc')::date
    then 'OVERDUE' else i.status end as status,
  i.number, to_char(i.issue_date, 'YYYY-MM-DD') as issue_date, to_char(i.due_date, 'YYYY-MM-DD') as due_date,
  i.total::text as total,
  (select coalesce(sum(p.amount), 0)::numeric(18, 2)::text from invoice_payment p where p.invoice_id = i.id) as paid,
  i.version, i.created_at
  from invoice i`;

const toInvoice = (r: Raw): InvoiceRow => ({
  id: r.id,
  workspaceId: r.workspace_id,
  kind: r.kind,
  dealId: r.deal_id,
  companyId: r.company_id,
  quoteId: r.quote_id,
  creditOf: r.credit_of,
  currency: r.currency,
  status: r.status,
  number: r.number,
  issueDate: r.issue_date,
  dueDate: r.due_date,
  total: r.total,
  paid: r.paid,
  version: r.version,
  createdAt: new Date(r.created_at),
});

export async function insertInvoice(
  db: Db,
  values: Pick<
    InvoiceRow,
    'workspaceId' | 'kind' | 'dealId' | 'companyId' | 'quoteId' | 'creditOf' | 'currency' | 'dueDate'
  > & { createdBy: string },
): Promise<string> {
  const id = randomUUID();
  await db.execute(
    `insert into invoice (id, workspace_id, kind, deal_id, company_id, quote_id, credit_of, currency, due_date, created_by)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?::date, ?)`,
    [
      id,
      values.workspaceId,
      values.kind,
      values.dealId,
      values.companyId,
      values.quoteId,
      values.creditOf,
      values.currency,
      values.dueDate,
      values.createdBy,
    ],
  );
  return id;
}

export async function getInvoice(
  db: Db,
  workspaceId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<InvoiceRow> {
  if (options.forUpdate)
    await db.execute('select id from invoice where id = ? and workspace_id = ? for update', [
      id,
      workspaceId,
    ]);
  const [row] = await db.execute<Raw[]>(`${selectInvoice} where i.id = ? and i.workspace_id = ?`, [
    id,
    workspaceId,
  ]);
  if (!row) throw new NotFound(`The invoice ${id}`);
  return toInvoice(row);
}

export async function invoicesOfDeal(db: Db, workspaceId: string, dealId: string): Promise<InvoiceRow[]> {
  const rows = await db.execute<Raw[]>(
    `${selectInvoice} where i.workspace_id = ? and i.deal_id = ? order by i.created_at, i.id`,
    [workspaceId, dealId],
  );
  return rows.map(toInvoice);
}

/**
 * The invoices of a deal or a company last written (they, their lines or payments) after the
 * snapshot `since` (a `changeCursor`), oldest first.
 */
export async function invoicesWrittenSince(
  db: Db,
  workspaceId: string,
  holder: 'deal' | 'company',
  recordId: string,
  since: string,
): Promise<Pick<InvoiceRow, 'id' | 'dealId' | 'companyId'>[]> {
  const rows = await db.execute<{ id: string; deal_id: string | null; company_id: string | null }[]>(
    `select id, deal_id, company_id from invoice where workspace_id = ? and ${holder}_id = ?
       and ${writtenSince('changed_xid')} order by updated_at, id`,
    [workspaceId, recordId, since],
  );
  return rows.map((row) => ({ id: row.id, dealId: row.deal_id, companyId: row.company_id }));
}

/**
 * The next number of the workspace's year, in the issuing transaction: the counter row's lock
 * orders concurrent issues, and a transaction that rolls back gives its number back (no gap).
 */
export async function nextInvoiceNumber(
  db: Db,
  workspaceId: string,
  year: number,
): Promise<{ sequence: number; number: string }> {
  const [row] = await db.execute<{ last: number }[]>(
    `insert into invoice_counter (workspace_id, year, last) values (?, ?, 1)
     on conflict (workspace_id, year) do update set last = invoice_counter.last + 1
     returning last`,
    [workspaceId, year],
  );
  const sequence = Number(row!.last);
  return { sequence, number: `${year}-${String(sequence).padStart(5, '0')}` };
}

export async function markIssued(
  db: Db,
  id: string,
  values: {
    year: number;
    sequence: number;
    number: string;
    issueDate: string;
    dueDate: string;
    total: string;
  },
): Promise<void> {
  await db.execute(
    `update invoice set status = 'ISSUED', year = ?, sequence = ?, number = ?, issue_date = ?::date,
       due_date = ?::date, total = ?, updated_at = now() where id = ?`,
    [values.year, values.sequence, values.number, values.issueDate, values.dueDate, values.total, id],
  );
}

/** Inside every invoice write, after its work: readers keep the highest version they hear. */
export async function bumpInvoiceVersion(db: Db, id: string): Promise<void> {
  await db.execute('update invoice set version = version + 1 where id = ?', [id]);
}

export async function setInvoice(
  db: Db,
  id: string,
  patch: { status?: StoredInvoiceStatus; dueDate?: string },
): Promise<void> {
  const sets = ['updated_at = now()'];
  const params: unknown[] = [];
  if (patch.status) {
    sets.push('status = ?');
    params.push(patch.status);
  }
  if (patch.dueDate) {
    sets.push('due_date = ?::date');
    params.push(patch.dueDate);
  }
  await db.execute(`update invoice set ${sets.join(', ')} where id = ?`, [...params, id]);
}

export async function insertPayment(
  db: Db,
  values: {
    workspaceId: string;
    invoiceId: string;
    amount: string;
    paidOn: string;
    reference: string;
    createdBy: string;
  },
): Promise<string> {
  const id = randomUUID();
  await db.execute(
    `insert into invoice_payment (id, workspace_id, invoice_id, amount, paid_on, reference, created_by)
     values (?, ?, ?, ?, ?::date, ?, ?)`,
    [
      id,
      values.workspaceId,
      values.invoiceId,
      values.amount,
      values.paidOn,
      values.reference,
      values.createdBy,
    ],
  );
  return id;
}

export interface Payment {
  id: string;
  amount: string;
  paidOn: string;
  reference: string;
  createdAt: Date;
}

export async function paymentsOf(db: Db, invoiceId: string): Promise<Payment[]> {
  const rows = await db.execute<
    { id: string; amount: string; paid_on: string; reference: string; created_at: Date | string }[]
  >(
    `select id, amount::text as amount, to_char(paid_on, 'YYYY-MM-DD') as paid_on, reference, created_at
     from invoice_payment where invoice_id = ? order by created_at, id`,
    [invoiceId],
  );
  return rows.map((r) => ({
    id: r.id,
    amount: r.amount,
    paidOn: r.paid_on,
    reference: r.reference,
    createdAt: new Date(r.created_at),
  }));
}

/** What is still owed on open invoices (issued, partly paid, overdue) of a deal or company, per currency. */
export async function openBalances(
  db: Db,
  workspaceId: string,
  by: { dealId: string } | { companyId: string },
): Promise<{ currency: string; amount: string }[]> {
  const [column, id] = 'dealId' in by ? ['deal_id', by.dealId] : ['company_id', by.companyId];
  return db.execute(
    `select i.currency, sum(i.total - coalesce(
        (select sum(p.amount) from invoice_payment p where p.invoice_id = i.id), 0))::numeric(18, 2)::text as amount
     from invoice i
     where i.workspace_id = ? and i.${column} = ? and i.kind = 'INVOICE' and i.status in ('ISSUED', 'PARTLY_PAID')
     group by i.currency order by i.currency`,
    [workspaceId, id],
  );
}
