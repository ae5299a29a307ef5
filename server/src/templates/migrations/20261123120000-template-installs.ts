import { Migration } from '@mikro-orm/migrations';

/**
 * Templates installed per workspace: the installed version's definition (the base of a
 * three-way upgrade), the views it made and the sample records it created.
 */
export class Migration20261123120000TemplateInstalls extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table template_install (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      key text not null,
      version integer not null check (version >= 1),
      definition jsonb not null,
      view_ids jsonb not null default '{}',
      sample_records jsonb not null default '[]',
      installed_by uuid references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (workspace_id, key)
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table template_install;');
  }
}
