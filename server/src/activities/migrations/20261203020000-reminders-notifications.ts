import { Migration } from '@mikro-orm/migrations';

/**
 * Reminder rules (per DATE/DATETIME field, set by an admin) and the notification inbox
 * (per user and workspace). The job queue's own tables are graphile-worker's, migrated by it.
 */
export class Migration20261203020000RemindersNotifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table reminder_rule (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      object_id uuid not null references object_def (id) on delete cascade,
      field_id uuid not null references field_def (id) on delete cascade,
      position integer not null default 0,
      minutes_before integer not null default 0 check (minutes_before between 0 and 527040),
      time_of_day text check (time_of_day ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      recipient_field_ids jsonb not null check (jsonb_typeof(recipient_field_ids) = 'array'),
      done_field_id text,
      done_values jsonb not null default '[]' check (jsonb_typeof(done_values) = 'array'),
      created_at timestamptz not null default now()
    );`);
    this.addSql(
      `create index reminder_rule_object_idx on reminder_rule (workspace_id, object_id, position);`,
    );
    this.addSql(`create index reminder_rule_field_idx on reminder_rule (field_id);`);
    this.addSql(`create table notification (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      user_id uuid not null references app_user (id) on delete cascade,
      kind text not null check (kind in ('REMINDER')),
      object_id uuid not null references object_def (id) on delete cascade,
      record_id uuid not null,
      label text not null default '',
      due_at timestamptz,
      late boolean not null default false,
      dedupe_key text not null,
      -- Milliseconds, as a page cursor carries them.
      created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
      read_at timestamptz
    );`);
    this.addSql(
      `create unique index notification_dedupe_idx on notification (workspace_id, user_id, dedupe_key);`,
    );
    this.addSql(
      `create index notification_inbox_idx on notification (workspace_id, user_id, created_at desc, id desc);`,
    );
    this.addSql(
      `create index notification_unread_idx on notification (workspace_id, user_id) where read_at is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table notification;');
    this.addSql('drop table reminder_rule;');
  }
}
