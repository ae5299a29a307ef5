import { Migration } from '@mikro-orm/migrations';

/** Saved reports (a definition over one object, optionally scheduled by e-mail) and dashboards of them. */
export class Migration20261203120000Reports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table report (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      object_id uuid not null references object_def (id) on delete cascade,
      name text not null check (char_length(name) between 1 and 100),
      shared boolean not null default false,
      owner_id uuid not null references app_user (id) on delete cascade,
      definition jsonb not null check (jsonb_typeof(definition) = 'object'),
      schedule jsonb,
      template_key text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
    this.addSql('create index report_workspace_idx on report (workspace_id, object_id);');
    this.addSql('create index report_owner_idx on report (owner_id);');
    this.addSql(`create table dashboard (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      name text not null check (char_length(name) between 1 and 100),
      shared boolean not null default false,
      owner_id uuid not null references app_user (id) on delete cascade,
      widgets jsonb not null default '[]' check (jsonb_typeof(widgets) = 'array'),
      filters jsonb not null default '{}' check (jsonb_typeof(filters) = 'object'),
      template_key text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
    this.addSql('create index dashboard_workspace_idx on dashboard (workspace_id);');
    this.addSql('create index dashboard_owner_idx on dashboard (owner_id);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table dashboard;');
    this.addSql('drop table report;');
  }
}
