import { Migration } from '@mikro-orm/migrations';

/**
 * Where a rule's record triggers start: the change log's last drawn id when it turned active
 * (created enabled, enabled, or fixed). The dispatcher may read changes older than the rule
 * (its cursor lags while no rule is on their object); those never start the rule's runs.
 * Null for rules saved before this column: they fire as before.
 */
export class Migration20261209000000RuleFiresAfter extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table automation_rule add column fires_after_change bigint;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table automation_rule drop column fires_after_change;');
  }
}
