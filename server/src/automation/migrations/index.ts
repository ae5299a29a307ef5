import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203100400AutomationRotation } from './20261203100400-automation-rotation.js';
import { Migration20261203101000Automation } from './20261203101000-automation.js';
import { Migration20261209000000RuleFiresAfter } from './20261209000000-rule-fires-after.js';

/** This module's migrations, oldest first; app/database.ts sets the order of application. */
export const automationMigrations: MigrationObject[] = [
  { name: 'Migration20261203101000Automation', class: Migration20261203101000Automation },
  { name: 'Migration20261203100400AutomationRotation', class: Migration20261203100400AutomationRotation },
  { name: 'Migration20261209000000RuleFiresAfter', class: Migration20261209000000RuleFiresAfter },
];
