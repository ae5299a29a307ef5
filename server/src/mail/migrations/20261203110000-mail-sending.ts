import { Migration } from '@mikro-orm/migrations';

/**
 * Sending: attempts and the server's answer per message, BOUNCED, account mail that belongs to
 * no workspace (a password reset), the body of a secret-bearing message cleared once sent, each
 * workspace's sender name and reply-to, and the one row saying whether a mail server is set.
 */
export class Migration20261203110000MailSending extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table mail_message
      alter column workspace_id drop not null,
      add column attempts integer not null default 0,
      add column server_message_id text,
      add column secret boolean not null default false,
      drop constraint mail_message_status_check,
      add constraint mail_message_status_check check (status in ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'BOUNCED'));`);
    this.addSql(`create table mail_workspace_setting (
      workspace_id uuid primary key references workspace (id) on delete cascade,
      sender_name text check (char_length(sender_name) <= 100),
      reply_to text check (char_length(reply_to) <= 320)
    );`);
    // Written by each process at start: queueing reads it to say why a message waits.
    this.addSql(`create table mail_transport (
      id integer primary key check (id = 1),
      configured boolean not null,
      updated_at timestamptz not null default now()
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table mail_transport;');
    this.addSql('drop table mail_workspace_setting;');
    this.addSql(`delete from mail_message where workspace_id is null or status = 'BOUNCED';`);
    this.addSql(`alter table mail_message
      alter column workspace_id set not null,
      drop column attempts, drop column server_message_id, drop column secret,
      drop constraint mail_message_status_check,
      add constraint mail_message_status_check check (status in ('QUEUED', 'SENDING', 'SENT', 'FAILED'));`);
  }
}
