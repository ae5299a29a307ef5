import { Migration } from '@mikro-orm/migrations';

/** Workspaces, users, memberships with roles, browser sessions. */
export class Migration20261122180000Identity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type member_role as enum ('owner', 'admin', 'member', 'viewer');`);
    this.addSql(`create table workspace (
      id uuid primary key,
      name text not null check (length(name) between 1 and 100),
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create table app_user (
      id uuid primary key,
      email text not null unique check (email = lower(email)),
      name text not null,
      password_hash text not null,
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create table membership (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      user_id uuid not null references app_user (id) on delete cascade,
      role member_role not null,
      created_at timestamptz not null default now(),
      unique (workspace_id, user_id)
    );`);
    this.addSql(`create index membership_user_id_idx on membership (user_id);`);
    this.addSql(`create table session (
      id uuid primary key,
      token_hash text not null unique,
      user_id uuid not null references app_user (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      user_agent text
    );`);
    this.addSql(`create index session_user_id_idx on session (user_id);`);
    this.addSql(`create index session_expires_at_idx on session (expires_at);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table session, membership, app_user, workspace;');
    this.addSql('drop type member_role;');
  }
}
