import { Migration } from '@mikro-orm/migrations';

/**
 * Automation: rules as data (versioned, keyed for templates), their runs and each run's
 * steps (the run history), and the writes of runs by transaction id, which tells the
 * dispatcher that a change was made by a run and how deep its chain is (the loop guard).
 */
export class Migration20261203101000Automation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table automation_rule (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      key text,
      name text not null,
      description text not null default '',
      object_key text not null,
      enabled boolean not null,
      version integer not null default 1,
      disabled_reason text,
      trigger jsonb not null,
      condition jsonb,
      actions jsonb not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
    this.addSql(
      'create unique index automation_rule_key_idx on automation_rule (workspace_id, key) where key is not null;',
    );
    this.addSql('create index automation_rule_workspace_idx on automation_rule (workspace_id, object_key);');
    this.addSql(`create table automation_run (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      rule_id uuid not null references automation_rule (id) on delete cascade,
      rule_version integer not null,
      rule_name text not null,
      object_key text not null,
      record_id uuid,
      change_id bigint,
      trigger text not null,
      status text not null check (status in ('QUEUED', 'RUNNING', 'WAITING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'LOOP_STOPPED')),
      dry_run boolean not null default false,
      depth integer not null,
      actor_id uuid,
      error text,
      dedupe_key text not null,
      actions jsonb not null,
      pending jsonb not null default '[]',
      resume_at timestamptz,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      unique (workspace_id, dedupe_key)
    );`);
    this.addSql(
      'create index automation_run_rule_idx on automation_run (rule_id, created_at desc, id desc);',
    );
    this.addSql(
      'create index automation_run_record_idx on automation_run (workspace_id, record_id, created_at desc, id desc);',
    );
    this.addSql(`create table automation_step (
      run_id uuid not null references automation_run (id) on delete cascade,
      path text not null,
      type text not null,
      status text not null check (status in ('SUCCEEDED', 'FAILED', 'SKIPPED', 'WAITING')),
      input jsonb,
      output jsonb,
      error text,
      attempts integer not null default 1,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      primary key (run_id, path)
    );`);
    this.addSql(`create table automation_write (
      xid xid8 primary key,
      run_id uuid not null,
      rule_id uuid not null,
      depth integer not null,
      actor_id uuid,
      created_at timestamptz not null default now()
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table automation_write;');
    this.addSql('drop table automation_step;');
    this.addSql('drop table automation_run;');
    this.addSql('drop table automation_rule;');
  }
}
