import { Migration } from '@mikro-orm/migrations';

/**
 * Two-factor sign-in (a TOTP secret per user, hashed single-use recovery codes, the short-lived
 * token between a sign-in's password and code), the workspace setting that demands it, and a
 * session's last use and address for the session list.
 */
export class Migration20261204110000TwoFactorSessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table app_user
      add column totp_secret text,
      add column totp_pending_secret text,
      add column totp_enabled_at timestamptz,
      add column totp_last_step bigint;`);
    this.addSql(`create table recovery_code (
      user_id uuid not null references app_user (id) on delete cascade,
      code_hash text not null,
      used_at timestamptz,
      primary key (user_id, code_hash)
    );`);
    this.addSql(`create table pending_sign_in (
      token_hash text primary key,
      user_id uuid not null references app_user (id) on delete cascade,
      expires_at timestamptz not null,
      used_at timestamptz
    );`);
    this.addSql('create index pending_sign_in_user_idx on pending_sign_in (user_id);');
    this.addSql('alter table session add column last_used_at timestamptz, add column client_address text;');
    this.addSql('alter table workspace add column require_two_factor boolean not null default false;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table workspace drop column require_two_factor;');
    this.addSql('alter table session drop column last_used_at, drop column client_address;');
    this.addSql('drop table pending_sign_in;');
    this.addSql('drop table recovery_code;');
    this.addSql(`alter table app_user drop column totp_secret, drop column totp_pending_secret,
      drop column totp_enabled_at, drop column totp_last_step;`);
  }
}
