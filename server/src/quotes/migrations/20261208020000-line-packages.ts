import { Migration } from '@mikro-orm/migrations';

/**
 * Lines taken together from a unit (a boat with its engines and trailer) share a package id and
 * label, so a quote shows the package's total above its parts' own prices.
 */
export class Migration20261208020000LinePackages extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table document_line add column package_id uuid, add column package_label text;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table document_line drop column package_id, drop column package_label;');
  }
}
