import { Migration } from '@mikro-orm/migrations';

/**
 * The admins' audit log: one row per audited action of a workspace, with who did it (the
 * member and, for API calls, the token, named as they were then), from where, on what, and
 * the details. Kept apart from the record change log: it covers identity, metadata and
 * exports too, and has its own retention (`audit_setting` overrides the server's default).
 */
export class Migration20261204120000AuditLog extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table audit_entry (
      id bigint generated always as identity primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      at timestamptz not null default now(),
      action text not null,
      actor_user_id uuid,
      actor_name text,
      actor_token_id uuid,
      actor_token_name text,
      address text,
      user_agent text,
      object_key text,
      target_ids text[] not null default '{}',
      target_names text[] not null default '{}',
      details jsonb not null default '{}'
    );`);
    this.addSql(`create index audit_entry_workspace_id on audit_entry (workspace_id, id desc);`);
    this.addSql(`create index audit_entry_workspace_at on audit_entry (workspace_id, at);`);
    this.addSql(`create index audit_entry_targets on audit_entry using gin (target_ids);`);
    this.addSql(
      `create index audit_entry_token_use on audit_entry (actor_token_id, at) where action = 'api_token.used';`,
    );
    this.addSql(`create table audit_setting (
      workspace_id uuid primary key references workspace (id) on delete cascade,
      retention_days integer not null check (retention_days between 1 and 3650)
    );`);
  }
}
