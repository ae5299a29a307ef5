import { Migration } from '@mikro-orm/migrations';

/**
 * E-mail templates per workspace (for one object's records), and what a message sent from a
 * record needs: cc and bcc, the member who sent it, the template, the records whose
 * timelines show it, and the attachments list (empty until the files module exists).
 */
export class Migration20261203120000MailTemplates extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table mail_template (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      object_id uuid not null,
      name text not null check (char_length(name) between 1 and 100),
      subject text not null check (char_length(subject) <= 998),
      body_html text not null check (char_length(body_html) <= 100000),
      body_text text check (char_length(body_text) <= 100000),
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (workspace_id, name)
    );`);
    this.addSql(`alter table mail_message
      add column cc_addresses text[] not null default '{}',
      add column bcc_addresses text[] not null default '{}',
      add column sender_user_id uuid,
      add column template_id uuid references mail_template (id) on delete set null,
      add column record_id uuid,
      add column timeline_record_ids uuid[] not null default '{}',
      add column attachments jsonb not null default '[]';`);
    this.addSql(
      'create index mail_message_timeline_idx on mail_message using gin (timeline_record_ids) where cardinality(timeline_record_ids) > 0;',
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table mail_message drop column cc_addresses, drop column bcc_addresses,
      drop column sender_user_id, drop column template_id, drop column record_id,
      drop column timeline_record_ids, drop column attachments;`);
    this.addSql('drop table mail_template;');
  }
}
