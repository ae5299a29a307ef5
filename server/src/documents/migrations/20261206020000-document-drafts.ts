import { Migration } from '@mikro-orm/migrations';

/**
 * Each generation keeps the texts its draft blocks printed (by block key), so a later edit of
 * the co-edited draft never changes what an earlier PDF is recorded to say.
 */
export class Migration20261206020000DocumentDrafts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table document_generation add column drafts jsonb not null default '{}'::jsonb;`);
  }
}
