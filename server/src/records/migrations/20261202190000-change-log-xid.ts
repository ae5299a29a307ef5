import { Migration } from '@mikro-orm/migrations';

/**
 * Writers stop serialising on a workspace lock: every change row records its writing
 * transaction (`xid`), and readers settle ids by transaction (see records/store/change-log.ts).
 * Rows already logged were committed in id order under the old lock; they get xid 0,
 * below every transaction now running. Each workspace schema is altered in place.
 */
export class Migration20261202190000ChangeLogXid extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$
      declare ws text;
      begin
        for ws in
          select n.nspname from pg_namespace n join pg_class c on c.relnamespace = n.oid
          where n.nspname like 'ws\\_%' and c.relname = 'record_change' and c.relkind = 'r'
        loop
          execute format('alter table %I.record_change add column if not exists xid xid8 not null default %L', ws, '0');
          execute format('alter table %I.record_change alter column xid set default pg_current_xact_id()', ws);
          execute format('create index if not exists record_change_xid_idx on %I.record_change (xid)', ws);
        end loop;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`do $$
      declare ws text;
      begin
        for ws in
          select n.nspname from pg_namespace n join pg_class c on c.relnamespace = n.oid
          where n.nspname like 'ws\\_%' and c.relname = 'record_change' and c.relkind = 'r'
        loop
          execute format('alter table %I.record_change drop column if exists xid', ws);
        end loop;
      end $$;`);
  }
}
