import { Migration } from '@mikro-orm/migrations';

/** Every write to an invoice bumps its version, so a client keeps the newest of what it hears. */
export class Migration20261207070000InvoiceVersion extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table invoice add column version integer not null default 1;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table invoice drop column version;');
  }
}
