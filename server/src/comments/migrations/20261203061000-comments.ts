import { Migration } from '@mikro-orm/migrations';

/**
 * Comments on records and who follows a record, per workspace (beside the inbox: a
 * record id with its workspace and object, since records live in the workspace's schema).
 */
export class Migration20261203061000Comments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table comment (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      object_id uuid not null references object_def (id) on delete cascade,
      record_id uuid not null,
      author_id uuid references app_user (id) on delete set null,
      body text not null check (char_length(body) between 1 and 10000),
      mentions jsonb not null default '[]' check (jsonb_typeof(mentions) = 'array'),
      -- Milliseconds, as a page cursor carries them.
      created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
      edited_at timestamptz
    );`);
    this.addSql('create index comment_record_idx on comment (workspace_id, record_id, created_at, id);');
    this.addSql(`create table record_follower (
      workspace_id uuid not null references workspace (id) on delete cascade,
      object_id uuid not null references object_def (id) on delete cascade,
      record_id uuid not null,
      user_id uuid not null references app_user (id) on delete cascade,
      -- false: unfollowed on purpose, which commenting again or owning the record does not undo.
      following boolean not null,
      primary key (workspace_id, record_id, user_id)
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table record_follower;');
    this.addSql('drop table comment;');
  }
}
