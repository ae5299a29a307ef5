import { Migration } from '@mikro-orm/migrations';

/** Bearer API tokens for integrations and invitations to join a workspace. */
export class Migration20261122181000ApiTokensInvitations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table api_token (
      id uuid primary key,
      token_hash text not null unique,
      workspace_id uuid not null references workspace (id) on delete cascade,
      user_id uuid not null references app_user (id) on delete cascade,
      name text not null check (length(name) between 1 and 100),
      role member_role not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    );`);
    this.addSql(`create index api_token_workspace_user_idx on api_token (workspace_id, user_id);`);
    this.addSql(`create table invitation (
      id uuid primary key,
      token_hash text not null unique,
      workspace_id uuid not null references workspace (id) on delete cascade,
      email text not null check (email = lower(email)),
      role member_role not null,
      invited_by_id uuid not null references app_user (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz
    );`);
    this.addSql(`create index invitation_workspace_idx on invitation (workspace_id);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table invitation, api_token;');
  }
}
