import { Migration } from '@mikro-orm/migrations';

/**
 * Document templates (blocks with merge fields, rendered to PDF) and every generation of one
 * for a record: the file it made, with the template's version at the time.
 */
export class Migration20261205090000Documents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table document_template (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      template_key text,
      object_id uuid not null,
      name text not null check (char_length(name) between 1 and 100),
      file_field_id uuid,
      blocks jsonb not null,
      version integer not null default 1,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
    this.addSql(
      `create unique index document_template_name on document_template (workspace_id, lower(name));`,
    );
    this.addSql(
      `create unique index document_template_key on document_template (workspace_id, template_key) where template_key is not null;`,
    );
    this.addSql(`create table document_generation (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      template_id uuid not null references document_template (id) on delete cascade,
      template_version integer not null,
      object_id uuid not null,
      record_id uuid not null,
      field_id uuid not null,
      file_id uuid not null,
      created_by uuid not null,
      created_at timestamptz not null default now()
    );`);
    this.addSql(
      `create index document_generation_record on document_generation (workspace_id, record_id, created_at);`,
    );
  }
}
