import { Migration } from '@mikro-orm/migrations';

/**
 * Where each round-robin ASSIGN step of a rule stands: the member it gave the last record to.
 * A step locks its row in its transaction, so concurrent runs take turns one after another.
 */
export class Migration20261203100400AutomationRotation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table automation_rotation (
      workspace_id uuid not null references workspace (id) on delete cascade,
      rule_id uuid not null,
      -- The action's place in the rule ('2', '3.then.0'): a rule may rotate more than one field.
      step_path text not null,
      last_user_id uuid,
      turns bigint not null default 0,
      updated_at timestamptz not null default now(),
      primary key (rule_id, step_path)
    );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table automation_rotation;');
  }
}
