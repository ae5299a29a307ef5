import { Migration } from '@mikro-orm/migrations';

/**
 * Labels in other languages: `{ "de": { "labelSingular": "Inserat" } }` on objects, and on fields
 * `{ "de": { "label": "Preis", "choices": { "sold": "Verkauft" }, "stages": {…}, "pipelines": {…} } }`.
 * The row's own labels stay the default every language falls back to.
 */
export class Migration20261208001000LabelTranslations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table object_def add column translations jsonb not null default '{}';`);
    this.addSql(`alter table field_def add column translations jsonb not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table object_def drop column translations;`);
    this.addSql(`alter table field_def drop column translations;`);
  }
}
