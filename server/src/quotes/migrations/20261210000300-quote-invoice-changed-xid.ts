import { Migration } from '@mikro-orm/migrations';

/**
 * Which transaction last wrote a quote or an invoice: a quote editor, a deal's quote list or its
 * invoices resuming from a snapshot (a `changeCursor`) get the ones changed since. Every write to
 * a line or a payment touches its quote or invoice, so these two rows stand for everything.
 * Rows written before this migration keep null: they are older than any snapshot.
 */
export class Migration20261210000300QuoteInvoiceChangedXid extends Migration {
  override async up(): Promise<void> {
    for (const table of ['quote', 'invoice']) {
      this.addSql(`alter table ${table} add column changed_xid xid8;`);
      this.addSql(`create trigger ${table}_changed_xid before insert or update on ${table}
        for each row execute function stamp_changed_xid();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['quote', 'invoice']) {
      this.addSql(`drop trigger ${table}_changed_xid on ${table};`);
      this.addSql(`alter table ${table} drop column changed_xid;`);
    }
  }
}
