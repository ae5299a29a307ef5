import { Migration } from '@mikro-orm/migrations';

/**
 * Notifications from people, not only reminders: mentions, comments and assignments carry
 * who caused them and a short excerpt. Each member's settings choose, per kind, the channels
 * (in-app now; e-mail stored for the mail module).
 */
export class Migration20261203060000NotificationSources extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table notification drop constraint notification_kind_check;');
    this.addSql(
      `alter table notification add constraint notification_kind_check
         check (kind in ('REMINDER', 'MENTION', 'COMMENT', 'ASSIGNMENT'));`,
    );
    this.addSql(
      'alter table notification add column actor_id uuid references app_user (id) on delete set null;',
    );
    this.addSql(`alter table notification add column excerpt text not null default '';`);
    this.addSql(`create table notification_setting (
      workspace_id uuid not null references workspace (id) on delete cascade,
      user_id uuid not null references app_user (id) on delete cascade,
      kind text not null check (kind in ('REMINDER', 'MENTION', 'COMMENT', 'ASSIGNMENT')),
      in_app boolean not null,
      email boolean not null,
      primary key (workspace_id, user_id, kind)
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table notification_setting;');
    this.addSql('alter table notification drop column excerpt;');
    this.addSql('alter table notification drop column actor_id;');
    this.addSql("delete from notification where kind <> 'REMINDER';");
    this.addSql('alter table notification drop constraint notification_kind_check;');
    this.addSql(
      `alter table notification add constraint notification_kind_check check (kind in ('REMINDER'));`,
    );
  }
}
