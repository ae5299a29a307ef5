import { Migration } from '@mikro-orm/migrations';

/** A view's name in other languages (`{ "de": { "name": "Besichtigungen" } }`); `name` stays the default. */
export class Migration20261208002000ViewTranslations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "view" add column translations jsonb not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "view" drop column translations;`);
  }
}
