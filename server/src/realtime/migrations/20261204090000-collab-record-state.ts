import { Migration } from '@mikro-orm/migrations';

/**
 * `record_state`: the state vector of the document whose text the record last took.
 * A process projects its copy only when that copy has seen at least this much, so a
 * copy that has not yet received a write made on another process cannot overwrite it.
 */
export class Migration20261204090000CollabRecordState extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table collab_document add column record_state bytea;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table collab_document drop column record_state;');
  }
}
