import { Migration } from '@mikro-orm/migrations';

/** Comments written by an automation rule have no author account: they show this name instead. */
export class Migration20261203100200CommentAuthorLabel extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table comment add column author_label text check (char_length(author_label) <= 300);');
  }

  override async down(): Promise<void> {
    this.addSql('alter table comment drop column author_label;');
  }
}
