import { Migration } from '@mikro-orm/migrations';

/**
 * Saved views per object: a table, board or calendar with its filter, sort, visible
 * fields and grouping, shared with the workspace or private to its owner.
 */
export class Migration20261122200000Views extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "view" (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      object_id uuid not null references object_def (id) on delete cascade,
      name text not null check (char_length(name) between 1 and 100),
      type text not null check (type in ('TABLE', 'BOARD', 'CALENDAR')),
      shared boolean not null default false,
      owner_id uuid not null references app_user (id) on delete cascade,
      filter jsonb,
      sort jsonb,
      fields jsonb not null default '[]' check (jsonb_typeof(fields) = 'array'),
      group_by_field_key text,
      calendar_field_key text,
      page_size integer not null default 50 check (page_size between 1 and 500),
      position double precision not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
    this.addSql(`create index view_workspace_object_idx on "view" (workspace_id, object_id, position);`);
    this.addSql(`create index view_object_idx on "view" (object_id);`);
    this.addSql(`create index view_owner_idx on "view" (owner_id);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table "view";');
  }
}
