import { Migration } from '@mikro-orm/migrations';

/**
 * Records written by an automation rule name the rule as their writer (`created_by`,
 * `updated_by` = the rule's id, shown as "Automation: <name>"), so those columns no longer
 * reference `app_user`, nor does a notification's actor. New object tables are created without it.
 */
export class Migration20261203102000AutomationWriters extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$
      declare c record;
      begin
        for c in
          select n.nspname as schema, t.relname as tab, k.conname as name
          from pg_constraint k
          join pg_class t on t.oid = k.conrelid
          join pg_namespace n on n.oid = t.relnamespace
          join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
          where k.contype = 'f' and k.confrelid = 'public.app_user'::regclass
            and n.nspname like 'ws\\_%' and a.attname in ('created_by', 'updated_by')
        loop
          execute format('alter table %I.%I drop constraint %I', c.schema, c.tab, c.name);
        end loop;
      end $$;`);
    // A notification an automation's write caused (an assignment) names the rule as its actor.
    this.addSql('alter table notification drop constraint if exists notification_actor_id_fkey;');
  }

  override async down(): Promise<void> {
    // The references are not restored: rows may name rules by now.
  }
}
