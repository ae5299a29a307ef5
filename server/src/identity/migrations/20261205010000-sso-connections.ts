import { Migration } from '@mikro-orm/migrations';

/**
 * Single sign-on with OpenID Connect: a workspace's provider (its client secret sealed), the
 * e-mail domains whose people join just in time (a domain belongs to one workspace), the
 * sign-ins in flight between the redirect to the provider and its callback, and the workspace
 * an SSO session is confined to.
 */
export class Migration20261205010000SsoConnections extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table sso_connection (
      workspace_id uuid primary key references workspace (id) on delete cascade,
      issuer text not null,
      client_id text not null,
      client_secret_box text not null,
      join_role member_role not null default 'member',
      updated_at timestamptz not null default now()
    );`);
    this.addSql(`create table sso_domain (
      domain text primary key,
      workspace_id uuid not null references sso_connection (workspace_id) on delete cascade
    );`);
    this.addSql('create index sso_domain_workspace_idx on sso_domain (workspace_id);');
    this.addSql(`create table sso_flow (
      id_hash text primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      state text not null,
      nonce text not null,
      code_verifier text not null,
      expires_at timestamptz not null
    );`);
    this.addSql('create index sso_flow_expires_idx on sso_flow (expires_at);');
    this.addSql(
      'alter table session add column sso_workspace_id uuid references workspace (id) on delete cascade;',
    );
  }

  override async down(): Promise<void> {
    this.addSql('alter table session drop column sso_workspace_id;');
    this.addSql('drop table sso_flow;');
    this.addSql('drop table sso_domain;');
    this.addSql('drop table sso_connection;');
  }
}
