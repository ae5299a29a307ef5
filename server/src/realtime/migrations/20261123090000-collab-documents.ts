import { Migration } from '@mikro-orm/migrations';

/**
 * Co-edited long text: one Yjs document per record field. `state` is the compacted
 * document; `collab_update` holds every update received since, appended before the
 * client is told it was applied. `record_text` is the field value the document last
 * agreed with (projected from it, or taken from the record).
 */
export class Migration20261123090000CollabDocuments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table collab_document (
      name text primary key,
      workspace_id uuid not null references workspace (id) on delete cascade,
      state bytea,
      record_text text,
      updated_at timestamptz not null default now()
    );`);
    this.addSql(`create index collab_document_workspace_id_idx on collab_document (workspace_id);`);
    this.addSql(`create table collab_update (
      id bigserial primary key,
      name text not null references collab_document (name) on delete cascade,
      update bytea not null,
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create index collab_update_name_id_idx on collab_update (name, id);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table collab_update, collab_document;');
  }
}
