import { Migration } from '@mikro-orm/migrations';

/**
 * Single-use links sent by mail (password reset, address verification), stored as SHA-256
 * only, and when each user's address was last proven theirs.
 */
export class Migration20261203110100AccountTokens extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table app_user add column email_verified_at timestamptz;');
    this.addSql(`create table account_token (
      token_hash text primary key,
      kind text not null check (kind in ('RESET_PASSWORD', 'VERIFY_EMAIL')),
      user_id uuid not null references app_user (id) on delete cascade,
      -- The address the link was sent to: verifying proves this one, not a later one.
      email text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );`);
    this.addSql('create index account_token_user_idx on account_token (user_id, kind);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table account_token;');
    this.addSql('alter table app_user drop column email_verified_at;');
  }
}
