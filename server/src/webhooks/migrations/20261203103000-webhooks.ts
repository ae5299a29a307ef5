import { Migration } from '@mikro-orm/migrations';

/**
 * Outgoing webhooks per workspace and their delivery log. A delivery keeps the body it
 * sends, so a retry or a redelivery sends the same event (receivers de-duplicate on its id).
 */
export class Migration20261203103000Webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table webhook (
      id uuid primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      name text not null check (char_length(name) between 1 and 200),
      url text not null check (char_length(url) between 1 and 2000),
      -- Empty: every object / every event.
      object_keys text[] not null default '{}',
      events text[] not null default '{}',
      enabled boolean not null default true,
      -- Shown once on create and rotate; the server needs it to sign.
      secret text not null,
      -- Changes with ids up to this one predate the webhook (or a replay's start).
      start_change_id bigint not null default 0,
      created_at timestamptz not null default now()
    );`);
    this.addSql('create index webhook_workspace_idx on webhook (workspace_id, created_at, id);');
    this.addSql(`create table webhook_delivery (
      id uuid primary key,
      webhook_id uuid not null references webhook (id) on delete cascade,
      workspace_id uuid not null references workspace (id) on delete cascade,
      change_id bigint not null,
      event text not null check (event in ('CREATE', 'UPDATE', 'DELETE', 'RESTORE')),
      object_key text not null,
      record_id uuid not null,
      body text not null,
      status text not null check (status in ('PENDING', 'DELIVERED', 'RETRYING', 'FAILED')),
      attempts integer not null default 0,
      response_status integer,
      response_body text,
      error text,
      next_attempt_at timestamptz,
      -- The retry window counts from the first attempt (a redelivery starts a new one).
      first_attempt_at timestamptz,
      created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
      delivered_at timestamptz
    );`);
    this.addSql(
      'create index webhook_delivery_webhook_idx on webhook_delivery (webhook_id, created_at desc, id desc);',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table webhook_delivery;');
    this.addSql('drop table webhook;');
  }
}
