import { Migration } from '@mikro-orm/migrations';

/** Each user's time zone, where relative dates in filters and day-based reminders are read. */
export class Migration20261203060000UserTimeZone extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table app_user add column time_zone text check (length(time_zone) <= 64);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table app_user drop column time_zone;`);
  }
}
