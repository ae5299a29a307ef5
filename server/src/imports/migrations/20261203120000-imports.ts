import { Migration } from '@mikro-orm/migrations';

/**
 * CSV/XLSX imports: the uploaded files, saved column mappings, the runs with their resumable
 * position, and each run's journal (what it created, and the values it changed, for undo).
 */
export class Migration20261203120000Imports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table import_upload (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      created_by uuid not null,
      file_name text not null,
      format text not null check (format in ('CSV', 'XLSX')),
      encoding text not null,
      size integer not null,
      data bytea not null,
      headers jsonb not null,
      row_count integer not null,
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create table import_mapping (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      object_key text not null,
      name text not null check (char_length(name) between 1 and 200),
      settings jsonb not null,
      created_by uuid not null,
      updated_at timestamptz not null default now(),
      unique (workspace_id, object_key, name)
    );`);
    this.addSql(`create table import_run (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      upload_id uuid not null references import_upload (id) on delete cascade,
      object_id uuid not null,
      actor_id uuid not null,
      settings jsonb not null,
      status text not null check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'UNDOING', 'UNDONE')),
      total_rows integer not null,
      -- Data rows settled so far: a resumed run starts here (each batch commits with it).
      position integer not null default 0,
      created integer not null default 0,
      updated integer not null default 0,
      skipped integer not null default 0,
      errors jsonb not null default '[]',
      error text,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      undone_at timestamptz
    );`);
    this.addSql(
      'create index import_run_workspace_idx on import_run (workspace_id, object_id, created_at desc);',
    );
    this.addSql(`create table import_run_record (
      run_id uuid not null references import_run (id) on delete cascade,
      record_id uuid not null,
      action text not null check (action in ('create', 'update')),
      -- For an update: the changed fields' values before the import (API values by key).
      before jsonb,
      primary key (run_id, record_id)
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table import_run_record;');
    this.addSql('drop table import_run;');
    this.addSql('drop table import_mapping;');
    this.addSql('drop table import_upload;');
  }
}
