import { Migration } from '@mikro-orm/migrations';

/** The hourly expiry job finds sent quotes past their date without scanning every quote. */
export class Migration20261206010000QuoteExpiryIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql("create index quote_sent_valid_until_idx on quote (valid_until) where status = 'SENT';");
  }

  override async down(): Promise<void> {
    this.addSql('drop index quote_sent_valid_until_idx;');
  }
}
