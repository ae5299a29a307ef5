import { Migration } from '@mikro-orm/migrations';

/**
 * Which transaction added a notification: an inbox resuming from a snapshot (a `changeCursor`)
 * gets the ones added since. Marking read is not an addition, so no trigger restamps it.
 * Rows written before this migration keep null: they are older than any snapshot.
 */
export class Migration20261210000400NotificationCreatedXid extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table notification add column created_xid xid8;');
    // Set apart from the column, so the rows of before keep null (no rewrite of the table).
    this.addSql('alter table notification alter column created_xid set default pg_current_xact_id();');
  }

  override async down(): Promise<void> {
    this.addSql('alter table notification drop column created_xid;');
  }
}
