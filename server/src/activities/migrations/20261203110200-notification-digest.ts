import { Migration } from '@mikro-orm/migrations';

/** Members who get a daily e-mail digest of their unread notifications, at an hour of their day. */
export class Migration20261203110200NotificationDigest extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table notification_digest (
      workspace_id uuid not null references workspace (id) on delete cascade,
      user_id uuid not null references app_user (id) on delete cascade,
      hour smallint not null check (hour between 0 and 23),
      -- Notifications after this went into no digest yet.
      last_sent_at timestamptz,
      primary key (workspace_id, user_id)
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table notification_digest;');
  }
}
