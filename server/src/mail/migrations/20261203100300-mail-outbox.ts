import { Migration } from '@mikro-orm/migrations';

/**
 * The mail outbox: every message the app means to send, durable before any sending. Until a
 * sender exists (the e-mail issue) messages stay QUEUED with the reason they were not sent.
 */
export class Migration20261203100300MailOutbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table mail_message (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      to_address text not null check (char_length(to_address) <= 320),
      subject text not null check (char_length(subject) <= 998),
      text_body text not null,
      html_body text,
      status text not null default 'QUEUED' check (status in ('QUEUED', 'SENDING', 'SENT', 'FAILED')),
      status_reason text,
      -- What asked for it: an automation rule's run (and step), for the run history and de-duplication.
      source_rule_id uuid,
      source_run_id uuid,
      idempotency_key text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    );`);
    this.addSql(
      'create unique index mail_message_idempotency_idx on mail_message (workspace_id, idempotency_key);',
    );
    this.addSql(`create index mail_message_queued_idx on mail_message (created_at) where status = 'QUEUED';`);
    this.addSql('create index mail_message_workspace_idx on mail_message (workspace_id, created_at desc);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table mail_message;');
  }
}
