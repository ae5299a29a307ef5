import { Migration } from '@mikro-orm/migrations';

/**
 * Which transaction last wrote a sent message (queued, each status move) and logged a received
 * one on a record: a record's timeline resuming from a snapshot brings the ones written since.
 * Rows written before this migration keep null: they are older than any snapshot.
 */
export class Migration20261210000200MailChangedXid extends Migration {
  override async up(): Promise<void> {
    for (const table of ['mail_message', 'mail_inbound_record']) {
      this.addSql(`alter table ${table} add column changed_xid xid8;`);
      this.addSql(`create trigger ${table}_changed_xid before insert or update on ${table}
        for each row execute function stamp_changed_xid();`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['mail_message', 'mail_inbound_record']) {
      this.addSql(`drop trigger ${table}_changed_xid on ${table};`);
      this.addSql(`alter table ${table} drop column changed_xid;`);
    }
  }
}
