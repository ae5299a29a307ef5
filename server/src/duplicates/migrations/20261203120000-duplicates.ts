import { Migration } from '@mikro-orm/migrations';

/**
 * Duplicate rules per object, merges with what undoing them needs, and pg_trgm for fuzzy
 * name rules (created only when the server has it: without it fuzzy rules compare
 * lower-cased names exactly, see docs/duplicates-and-rating.md).
 */
export class Migration20261203120000Duplicates extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$ begin
      if exists (select 1 from pg_available_extensions where name = 'pg_trgm') then
        create extension if not exists pg_trgm with schema public;
      end if;
    end $$;`);
    this.addSql(`create table duplicate_rule_set (
      workspace_id uuid not null references workspace (id) on delete cascade,
      object_id uuid not null references object_def (id) on delete cascade,
      rules jsonb not null check (jsonb_typeof(rules) = 'array'),
      primary key (workspace_id, object_id)
    );`);
    this.addSql(`create table record_merge (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      object_id uuid not null references object_def (id) on delete cascade,
      survivor_id uuid not null,
      merged_ids uuid[] not null,
      actor_id uuid references app_user (id) on delete set null,
      undo jsonb not null,
      created_at timestamptz not null default now(),
      undone_at timestamptz,
      undone_by uuid references app_user (id) on delete set null
    );`);
    this.addSql('create index record_merge_survivor_idx on record_merge (workspace_id, survivor_id);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table record_merge;');
    this.addSql('drop table duplicate_rule_set;');
  }
}
