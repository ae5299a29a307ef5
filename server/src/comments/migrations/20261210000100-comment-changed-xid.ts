import { Migration } from '@mikro-orm/migrations';

/**
 * Which transactions wrote and last changed a comment, and the comments deleted lately: a thread
 * or timeline resuming from a snapshot brings the ones added, edited or deleted since.
 * Rows written before this migration keep null: they are older than any snapshot.
 */
export class Migration20261210000100CommentChangedXid extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table comment add column changed_xid xid8, add column created_xid xid8;');
    // Set apart from the column, so the rows of before keep null (no rewrite of the table).
    this.addSql('alter table comment alter column created_xid set default pg_current_xact_id();');
    this.addSql(`create trigger comment_changed_xid before insert or update on comment
      for each row execute function stamp_changed_xid();`);
    // A removal outlives its comment (no key to it); old ones are cleared as new ones come.
    this.addSql(`create table comment_removal (
      workspace_id uuid not null references workspace (id) on delete cascade,
      record_id uuid not null,
      comment_id uuid not null,
      changed_xid xid8 not null default pg_current_xact_id(),
      removed_at timestamptz not null default now()
    );`);
    this.addSql('create index comment_removal_record on comment_removal (workspace_id, record_id);');
    this.addSql('create index comment_removal_age on comment_removal (removed_at);');
  }

  override async down(): Promise<void> {
    this.addSql('drop table comment_removal;');
    this.addSql('drop trigger comment_changed_xid on comment;');
    this.addSql('alter table comment drop column changed_xid, drop column created_xid;');
  }
}
