import { Migration } from '@mikro-orm/migrations';

/**
 * Boards and pipelines: every record table gets a `rank` (fractional board position)
 * and every workspace a `stage_history`. Workspaces provisioned from now on have both.
 */
export class Migration20261122201000Pipelines extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$
      declare t record;
      begin
        for t in select w.schema_name, o.table_name from object_def o join workspace w on w.id = o.workspace_id
                 where w.schema_name is not null loop
          execute format('alter table %I.%I add column if not exists rank text collate "C"', t.schema_name, t.table_name);
        end loop;
        for t in select schema_name from workspace where schema_name is not null loop
          execute format('create table if not exists %I.stage_history (
            id bigserial primary key, object_id uuid not null, record_id uuid not null, field_id uuid not null,
            stage text not null, entered_at timestamptz not null default now(), left_at timestamptz, actor_id uuid)',
            t.schema_name);
          execute format('create index if not exists stage_history_record_idx on %I.stage_history (record_id, field_id, entered_at)',
            t.schema_name);
        end loop;
      end $$;`);
  }

  override async down(): Promise<void> {
    // Columns and tables stay: dropping them would lose board order and stage history.
  }
}
