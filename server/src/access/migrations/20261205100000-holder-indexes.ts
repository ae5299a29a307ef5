import { Migration } from '@mikro-orm/migrations';

/**
 * Record-scoped reads (issue 20) find a member's records by index: every record table gets
 * `<table>_owner` on (owner_id, created_at, id) and every granting USER field `<column>_holder`,
 * as new objects and newly flagged fields get them. Built in the migration's transaction, once
 * at upgrade, before the server serves: a table of a million records takes a few seconds.
 */
export class Migration20261205100000HolderIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$
      declare h record;
      begin
        for h in
          select 'ws_' || replace(o.workspace_id::text, '-', '') as schema, o.table_name as tab,
                 o.table_name || '_owner' as name, 'owner_id' as col
          from object_def o
          union all
          select 'ws_' || replace(f.workspace_id::text, '-', ''), o.table_name,
                 f.column_name || '_holder', f.column_name
          from access_granting_field g
          join field_def f on f.id = g.field_id
          join object_def o on o.id = f.object_id
          where f.column_name is not null
        loop
          if to_regclass(format('%I.%I', h.schema, h.tab)) is not null then
            execute format(
              'create index if not exists %I on %I.%I (%I, created_at, id) where deleted_at is null',
              h.name, h.schema, h.tab, h.col);
          end if;
        end loop;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`do $$
      declare i record;
      begin
        for i in
          select schemaname, indexname from pg_indexes
          where schemaname like 'ws\\_%' and (indexname like '%\\_owner' or indexname like '%\\_holder')
        loop
          execute format('drop index if exists %I.%I', i.schemaname, i.indexname);
        end loop;
      end $$;`);
  }
}
