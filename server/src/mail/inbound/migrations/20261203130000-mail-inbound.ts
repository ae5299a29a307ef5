import { Migration } from '@mikro-orm/migrations';

/**
 * Inbound mail: each workspace's forwarding-address token, its connected IMAP mailbox (the
 * password encrypted, where reading stopped), and the messages received with the records
 * they were logged on (once per Message-ID per workspace).
 */
export class Migration20261203130000MailInbound extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table mail_inbound_address (
      workspace_id uuid primary key references workspace (id) on delete cascade,
      token text not null unique
    );`);
    this.addSql(`create table mail_mailbox (
      workspace_id uuid primary key references workspace (id) on delete cascade,
      host text not null check (char_length(host) <= 253),
      port integer not null check (port between 1 and 65535),
      -- TLS from the start, STARTTLS required, or NONE (cleartext: a local server only).
      security text not null check (security in ('TLS', 'STARTTLS', 'NONE')),
      username text not null check (char_length(username) <= 320),
      -- AES-256-GCM under MAIL_SECRET_KEY: iv.tag.ciphertext, base64url.
      password_box text not null,
      folder text not null default 'INBOX' check (char_length(folder) <= 200),
      create_object_id uuid,
      connected_by uuid references app_user (id) on delete set null,
      connected_at timestamptz not null default now(),
      -- Bumped by each connect: a read that began before it must not write its outcome over it.
      generation integer not null default 0,
      uid_validity text,
      last_uid bigint not null default 0,
      last_sync_at timestamptz,
      last_error text,
      last_error_at timestamptz
    );`);
    this.addSql(`create table mail_inbound (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      message_id text not null check (char_length(message_id) <= 998),
      via text not null check (via in ('IMAP', 'HTTP')),
      from_address text,
      from_name text,
      to_addresses text[] not null,
      cc_addresses text[] not null,
      subject text not null,
      text_body text not null,
      sent_at timestamptz,
      received_at timestamptz not null default now(),
      in_reply_to text,
      reply_to_mail_id uuid references mail_message (id) on delete set null,
      unique (workspace_id, message_id)
    );`);
    this.addSql(
      'create index mail_inbound_received_idx on mail_inbound (workspace_id, received_at desc, id desc);',
    );
    this.addSql(`create table mail_inbound_record (
      inbound_id uuid not null references mail_inbound (id) on delete cascade,
      workspace_id uuid not null,
      object_id uuid not null,
      record_id uuid not null,
      -- The record was made for this message's unknown sender.
      created boolean not null default false,
      primary key (inbound_id, record_id)
    );`);
    this.addSql('create index mail_inbound_record_idx on mail_inbound_record (workspace_id, record_id);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table mail_inbound_record;');
    this.addSql('drop table mail_inbound;');
    this.addSql('drop table mail_mailbox;');
    this.addSql('drop table mail_inbound_address;');
  }
}
