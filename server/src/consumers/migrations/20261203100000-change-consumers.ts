import { Migration } from '@mikro-orm/migrations';

/**
 * Durable cursors of the change consumers (automation, webhooks): per workspace and
 * consumer, the last change id consumed. Advanced in the transaction that acts on the
 * changes, so what a consumer enqueues commits with its cursor.
 */
export class Migration20261203100000ChangeConsumers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table change_consumer_cursor (
      workspace_id uuid not null references workspace (id) on delete cascade,
      consumer text not null,
      change_id bigint not null,
      updated_at timestamptz not null default now(),
      primary key (workspace_id, consumer)
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table change_consumer_cursor;');
  }
}
