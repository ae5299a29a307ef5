import { Migration } from '@mikro-orm/migrations';

/**
 * Campaigns to a saved view, their recipients, each workspace's suppression list (honoured by
 * every send of the outbox), the outbox's extra headers (List-Unsubscribe) and its SUPPRESSED
 * status, and the key unsubscribe links are signed with.
 */
export class Migration20261203130000MailCampaigns extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table mail_message
      add column headers jsonb,
      drop constraint mail_message_status_check,
      add constraint mail_message_status_check
        check (status in ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'BOUNCED', 'SUPPRESSED'));`);
    this.addSql(`create table mail_suppression (
      workspace_id uuid not null references workspace (id) on delete cascade,
      -- Lower-cased: the outbox compares lower(to_address).
      address text not null check (char_length(address) <= 320 and address = lower(address)),
      reason text not null check (reason in ('UNSUBSCRIBED', 'ADMIN')),
      campaign_id uuid,
      created_by uuid references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (workspace_id, address)
    );`);
    this.addSql(`create table mail_campaign (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      name text not null check (char_length(name) between 1 and 200),
      view_id uuid references view (id) on delete set null,
      object_id uuid not null,
      email_field_id uuid not null,
      template_id uuid,
      subject text not null check (char_length(subject) <= 998),
      text_body text not null,
      status text not null check (status in ('SCHEDULED', 'QUEUEING', 'SENDING', 'FAILED', 'CANCELLED')),
      status_reason text,
      scheduled_at timestamptz not null,
      -- Throttle: at most this many messages per interval_ms; null sends as fast as the outbox goes.
      throttle_messages integer check (throttle_messages between 1 and 100000),
      throttle_interval_ms integer check (throttle_interval_ms in (1000, 60000)),
      -- Where links in its mail point (PUBLIC_URL or the server's address when it was created).
      link_base text not null,
      created_by uuid references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      queued_at timestamptz
    );`);
    this.addSql('create index mail_campaign_workspace_idx on mail_campaign (workspace_id, created_at desc);');
    this.addSql(`create table mail_campaign_recipient (
      campaign_id uuid not null references mail_campaign (id) on delete cascade,
      record_id uuid not null,
      -- The order sendable recipients are queued in (the throttle spaces them by it).
      position integer not null,
      address text,
      status text not null check (status in ('PENDING', 'QUEUED', 'SUPPRESSED', 'NO_ADDRESS', 'DUPLICATE')),
      message_id uuid references mail_message (id) on delete set null,
      unsubscribed_at timestamptz,
      primary key (campaign_id, record_id)
    );`);
    this.addSql(
      `create index mail_campaign_recipient_pending_idx on mail_campaign_recipient (campaign_id, position) where status = 'PENDING';`,
    );
    this.addSql(
      'create index mail_campaign_recipient_address_idx on mail_campaign_recipient (campaign_id, address);',
    );
    this.addSql(`create table mail_signing_key (
      id integer primary key check (id = 1),
      key bytea not null
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table mail_signing_key;');
    this.addSql('drop table mail_campaign_recipient;');
    this.addSql('drop table mail_campaign;');
    this.addSql('drop table mail_suppression;');
    this.addSql(`update mail_message set status = 'FAILED' where status = 'SUPPRESSED';`);
    this.addSql(`alter table mail_message
      drop column headers,
      drop constraint mail_message_status_check,
      add constraint mail_message_status_check check (status in ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'BOUNCED'));`);
  }
}
