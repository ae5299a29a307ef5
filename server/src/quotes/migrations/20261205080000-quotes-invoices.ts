import { Migration } from '@mikro-orm/migrations';

/**
 * Quotes with their lines, invoices with theirs, payments, and the per-workspace, per-year
 * invoice counter. Beside the workspace schemas (like comments): a deal or company is a record
 * id with its workspace. Money is `numeric` end to end, never a float.
 */
export class Migration20261205080000QuotesInvoices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table quote (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      deal_id uuid not null,
      title text not null default '' check (char_length(title) <= 300),
      currency char(3) not null,
      price_book text not null default 'standard',
      valid_until date,
      status text not null default 'DRAFT'
        check (status in ('DRAFT', 'SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED')),
      version integer not null default 1,
      created_by uuid references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
    this.addSql('create index quote_deal_idx on quote (workspace_id, deal_id);');
    // One table for the lines of quotes and of invoices: the same columns, the same arithmetic.
    this.addSql(`create table document_line (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      quote_id uuid references quote (id) on delete cascade,
      invoice_id uuid,
      position integer not null,
      product_id uuid,
      description text not null check (char_length(description) between 1 and 2000),
      quantity numeric(18, 4) not null check (quantity >= 0),
      unit_price numeric(18, 4) not null,
      discount_percent numeric(7, 4) not null default 0 check (discount_percent between 0 and 100),
      tax_rate numeric(7, 4) not null default 0 check (tax_rate between 0 and 100),
      version integer not null default 1,
      check ((quote_id is null) <> (invoice_id is null))
    );`);
    this.addSql(`create table invoice (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      kind text not null default 'INVOICE' check (kind in ('INVOICE', 'CREDIT_NOTE')),
      deal_id uuid,
      company_id uuid,
      quote_id uuid references quote (id) on delete set null,
      credit_of uuid references invoice (id),
      currency char(3) not null,
      status text not null default 'DRAFT' check (status in ('DRAFT', 'ISSUED', 'PARTLY_PAID', 'PAID', 'VOID')),
      year integer,
      sequence integer,
      number text,
      issue_date date,
      due_date date,
      total numeric(18, 2),
      created_by uuid references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      -- A draft has no number; an issued one has exactly one, never reused in its year.
      check ((status = 'DRAFT') = (number is null) or status = 'VOID'),
      unique (workspace_id, year, sequence)
    );`);
    this.addSql(
      'alter table document_line add foreign key (invoice_id) references invoice (id) on delete cascade;',
    );
    this.addSql('create index document_line_quote_idx on document_line (quote_id, position);');
    this.addSql('create index document_line_invoice_idx on document_line (invoice_id, position);');
    this.addSql('create index invoice_deal_idx on invoice (workspace_id, deal_id);');
    this.addSql('create index invoice_company_idx on invoice (workspace_id, company_id);');
    this.addSql(`create table invoice_payment (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      invoice_id uuid not null references invoice (id) on delete cascade,
      amount numeric(18, 2) not null check (amount > 0),
      paid_on date not null,
      reference text not null default '' check (char_length(reference) <= 300),
      created_by uuid references app_user (id) on delete set null,
      created_at timestamptz not null default now()
    );`);
    this.addSql('create index invoice_payment_invoice_idx on invoice_payment (invoice_id);');
    // The last number issued per workspace and year: its row lock orders concurrent issues.
    this.addSql(`create table invoice_counter (
      workspace_id uuid not null references workspace (id) on delete cascade,
      year integer not null,
      last integer not null,
      primary key (workspace_id, year)
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table invoice_counter;');
    this.addSql('drop table invoice_payment;');
    this.addSql('drop table document_line;');
    this.addSql('drop table invoice;');
    this.addSql('drop table quote;');
  }
}
