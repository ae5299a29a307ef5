import { Migration } from '@mikro-orm/migrations';

/**
 * Files and images of FILE and IMAGE fields: one row per upload, its record once a write
 * puts it in a field, and its soft delete (with the record, or when removed from the field).
 */
export class Migration20261203150000Files extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table file (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      object_id uuid not null,
      field_id uuid not null,
      record_id uuid,
      name text not null check (char_length(name) between 1 and 255),
      size bigint not null,
      content_type text not null,
      width integer,
      height integer,
      variants text[] not null,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      deleted_at timestamptz,
      deleted_with_record boolean not null default false
    );`);
    this.addSql(`create index file_record on file (workspace_id, record_id);`);
    this.addSql(`create index file_deleted on file (deleted_at) where deleted_at is not null;`);
  }
}
