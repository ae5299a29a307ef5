import { Migration } from '@mikro-orm/migrations';

/** A member marked away (holiday, leave): round-robin assignment passes them over. */
export class Migration20261203100000MemberAway extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table membership add column away boolean not null default false;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table membership drop column away;');
  }
}
