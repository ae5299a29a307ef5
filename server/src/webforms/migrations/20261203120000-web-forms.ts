import { Migration } from '@mikro-orm/migrations';

/**
 * Public web forms and their submission log; the dealer lead feed (one secret URL per
 * workspace) and the raw messages it received, kept for inspection.
 */
export class Migration20261203120000WebForms extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table web_form (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      key text,
      name text not null check (char_length(name) between 1 and 200),
      object_key text not null,
      fields jsonb not null default '[]',
      settings jsonb not null default '{}',
      enabled boolean not null default true,
      secret text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (workspace_id, key)
    );`);
    this.addSql('create index web_form_workspace_idx on web_form (workspace_id, created_at, id);');
    this.addSql(`create table web_form_submission (
      id uuid primary key,
      form_id uuid not null references web_form (id) on delete cascade,
      workspace_id uuid not null references workspace (id) on delete cascade,
      outcome text not null check (outcome in ('CREATED', 'UPDATED', 'SPAM', 'REJECTED')),
      reason text,
      record_id uuid,
      person_id uuid,
      source text,
      address text,
      payload jsonb not null default '{}',
      created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp())
    );`);
    this.addSql(
      'create index web_form_submission_form_idx on web_form_submission (form_id, created_at desc, id desc);',
    );
    this.addSql(
      'create index web_form_submission_person_idx on web_form_submission (form_id, person_id, created_at desc) where record_id is not null;',
    );
    this.addSql(`create table lead_feed (
      workspace_id uuid primary key references workspace (id) on delete cascade,
      secret text not null unique,
      enabled boolean not null default true,
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create table lead_feed_message (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      outcome text not null check (outcome in ('CREATED', 'UPDATED', 'REJECTED')),
      reason text,
      record_id uuid,
      person_id uuid,
      body text not null,
      created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp())
    );`);
    this.addSql(
      'create index lead_feed_message_idx on lead_feed_message (workspace_id, created_at desc, id desc);',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table lead_feed_message;');
    this.addSql('drop table lead_feed;');
    this.addSql('drop table web_form_submission;');
    this.addSql('drop table web_form;');
  }
}
