import { Migration } from '@mikro-orm/migrations';

/** Each user's interface language; metadata labels are answered in it. */
export class Migration20261208000000UserLanguage extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table app_user add column language text check (language in ('en', 'de', 'it', 'zh'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table app_user drop column language;`);
  }
}
