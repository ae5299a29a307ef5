import type { MikroORM } from '@mikro-orm/postgresql';
import { createAutomation, type Automation } from '../automation/index.js';
import {
  createChangeConsumers,
  type ChangeConsumer,
  type ChangeConsumers,
  type ConsumerDeps,
} from '../consumers/index.js';

/**
 * The automation engine, wired the same in the server and in `pnpm worker`: pass the time
 * triggers (DATE_RELATIVE, SCHEDULE) as `createAutomation`'s second argument here.
 */
export function appAutomation(orm: MikroORM): Automation {
  return createAutomation(orm);
}

/**
 * The change log's consumers, the same in the server and in `pnpm worker` (either may run
 * their jobs): automation's dispatcher, outgoing webhooks… Add one here.
 */
export function appChangeConsumers(
  deps: ConsumerDeps,
  consumers: readonly ChangeConsumer[] = [],
): ChangeConsumers {
  return createChangeConsumers(deps, consumers);
}
