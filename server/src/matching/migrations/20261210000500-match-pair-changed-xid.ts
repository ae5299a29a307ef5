import { Migration } from '@mikro-orm/migrations';

/**
 * Which transaction last wrote a matched pair: a record page resuming its `matchesChanged` from a
 * snapshot (a `changeCursor`) hears at once that its matches changed since its read.
 * Rows written before this migration keep null: they are older than any snapshot.
 */
export class Migration20261210000500MatchPairChangedXid extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table match_pair add column changed_xid xid8;');
    this.addSql(`create trigger match_pair_changed_xid before insert or update on match_pair
      for each row execute function stamp_changed_xid();`);
    // A workspace holds many pairs: the catch-up reads only those written since the snapshot's xmin.
    this.addSql('create index match_pair_changed on match_pair (changed_xid);');
  }

  override async down(): Promise<void> {
    this.addSql('drop index match_pair_changed;');
    this.addSql('drop trigger match_pair_changed_xid on match_pair;');
    this.addSql('alter table match_pair drop column changed_xid;');
  }
}
