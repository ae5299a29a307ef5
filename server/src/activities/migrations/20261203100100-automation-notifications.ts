import { Migration } from '@mikro-orm/migrations';

const before = `'REMINDER', 'MENTION', 'COMMENT', 'ASSIGNMENT'`;
const after = `${before}, 'AUTOMATION'`;

/** Automation rules notify members too (the NOTIFY action): a kind of its own, with its setting. */
export class Migration20261203100100AutomationNotifications extends Migration {
  override async up(): Promise<void> {
    this.widen(after);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from notification where kind = 'AUTOMATION';`);
    this.addSql(`delete from notification_setting where kind = 'AUTOMATION';`);
    this.widen(before);
  }

  private widen(kinds: string): void {
    for (const table of ['notification', 'notification_setting']) {
      this.addSql(`alter table ${table} drop constraint ${table}_kind_check;`);
      this.addSql(`alter table ${table} add constraint ${table}_kind_check check (kind in (${kinds}));`);
    }
  }
}
