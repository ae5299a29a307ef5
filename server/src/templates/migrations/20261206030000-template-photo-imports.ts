import { Migration } from '@mikro-orm/migrations';

/**
 * Photos a template upgrade copies from a URL field into an IMAGE field (copyUrlToImage): one
 * row per record and URL, the durable job's state and its last error, which admins read.
 */
export class Migration20261206030000TemplatePhotoImports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table template_photo_import (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      template_key text not null,
      template_version integer not null,
      object_id uuid not null,
      object_key text not null,
      record_id uuid not null,
      from_field_id uuid not null,
      to_field_id uuid not null,
      to_field_key text not null,
      position integer not null,
      url text not null,
      status text not null default 'PENDING' check (status in ('PENDING', 'DONE', 'FAILED')),
      error text,
      file_id uuid,
      attempts integer not null default 0,
      actor_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (workspace_id, record_id, to_field_id, url)
    );`);
    this.addSql(
      'create index template_photo_import_workspace on template_photo_import (workspace_id, template_key, created_at);',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table template_photo_import;');
  }
}
