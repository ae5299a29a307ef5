import { Migration } from '@mikro-orm/migrations';

/**
 * Metadata is data: objects and fields per workspace. Records live in one PostgreSQL
 * schema per workspace (`ws_<id>`), a table per object and a column per field, named
 * by ids so a rename touches metadata only.
 */
export class Migration20261122190000Metadata extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table workspace add column metadata_version integer not null default 1;`);
    this.addSql(`alter table workspace add column schema_name text unique;`);
    this.addSql(`create table object_def (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      key text not null check (key ~ '^[a-z][a-zA-Z0-9]{0,62}$'),
      plural_key text not null check (plural_key ~ '^[a-z][a-zA-Z0-9]{0,62}$'),
      label_singular text not null,
      label_plural text not null,
      description text,
      icon text,
      label_field_id uuid,
      table_name text not null,
      is_standard boolean not null default false,
      position double precision not null default 0,
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
    this.addSql(`create unique index object_def_key_idx on object_def (workspace_id, key);`);
    this.addSql(`create unique index object_def_plural_key_idx on object_def (workspace_id, plural_key);`);
    this.addSql(`create table field_def (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      object_id uuid not null references object_def (id) on delete cascade,
      key text not null check (key ~ '^[a-z][a-zA-Z0-9]{0,62}$'),
      label text not null,
      type text not null,
      required boolean not null default false,
      is_unique boolean not null default false,
      default_value jsonb,
      help_text text,
      filterable boolean not null default true,
      sortable boolean not null default true,
      options jsonb not null default '{}',
      column_name text,
      is_standard boolean not null default false,
      position double precision not null default 0,
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
    this.addSql(`create unique index field_def_key_idx on field_def (object_id, key);`);
    this.addSql(`create index field_def_workspace_idx on field_def (workspace_id);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table field_def, object_def;');
    this.addSql('alter table workspace drop column schema_name, drop column metadata_version;');
  }
}
