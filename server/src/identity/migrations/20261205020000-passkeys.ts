import { Migration } from '@mikro-orm/migrations';

/**
 * Passkeys (WebAuthn credentials) per user, the single-use challenges of their ceremonies, and
 * which sessions began with a verified passkey (multi-factor by itself: it meets a workspace's
 * two-factor demand).
 */
export class Migration20261205020000Passkeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table passkey (
      id uuid primary key,
      user_id uuid not null references app_user (id) on delete cascade,
      credential_id text not null unique,
      public_key bytea not null,
      counter bigint not null default 0,
      transports text[] not null default '{}',
      device_type text not null,
      backed_up boolean not null,
      name text not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz
    );`);
    this.addSql('create index passkey_user_idx on passkey (user_id);');
    this.addSql(`create table webauthn_challenge (
      challenge text primary key,
      purpose text not null check (purpose in ('register', 'sign_in')),
      user_id uuid references app_user (id) on delete cascade,
      expires_at timestamptz not null,
      used_at timestamptz
    );`);
    this.addSql('create index webauthn_challenge_expires_idx on webauthn_challenge (expires_at);');
    // Not a reference to the passkey: removing it later does not undo how that session began.
    this.addSql('alter table session add column multi_factor boolean not null default false;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table session drop column multi_factor;');
    this.addSql('drop table webauthn_challenge;');
    this.addSql('drop table passkey;');
  }
}
