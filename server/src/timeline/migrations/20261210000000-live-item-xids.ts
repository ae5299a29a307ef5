import { Migration } from '@mikro-orm/migrations';

/**
 * The trigger function that stamps a row with the transaction that last wrote it: a live
 * timeline resuming from a `changeCursor` (a snapshot) finds the items written after it with
 * `pg_visible_in_snapshot`. Tables of items with events of their own (comments, e-mail)
 * call it from their modules' migrations.
 */
export class Migration20261210000000LiveItemXids extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function stamp_changed_xid() returns trigger language plpgsql as $$
      begin
        new.changed_xid := pg_current_xact_id();
        return new;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function stamp_changed_xid();');
  }
}
