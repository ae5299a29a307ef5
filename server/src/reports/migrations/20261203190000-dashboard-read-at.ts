import { Migration } from '@mikro-orm/migrations';

/**
 * When a dashboard was last opened (at most once an hour is noted): a starting server warms the
 * rollups of the most recently opened dashboards first (reports/warm.ts).
 */
export class Migration20261203190000DashboardReadAt extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table dashboard add column read_at timestamptz;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table dashboard drop column read_at;');
  }
}
