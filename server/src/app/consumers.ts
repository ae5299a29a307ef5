import {
  createChangeConsumers,
  type ChangeConsumer,
  type ChangeConsumers,
  type ConsumerDeps,
} from '../consumers/index.js';

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
