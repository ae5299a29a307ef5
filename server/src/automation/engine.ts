import type { MikroORM } from '@mikro-orm/postgresql';
import type { ChangeConsumer } from '../consumers/index.js';
import type { JobTasks } from '../jobs/index.js';
import { ActiveRules } from './active-rules.js';
import { automationDispatcher } from './dispatcher.js';
import { runStepsTask } from './executor.js';
import { runTask } from './runs.js';
import type { AutomationRunServices } from './services.js';
import type { TimeTriggers } from './triggers/contract.js';
import { noTimeTriggers } from './triggers/no-time-triggers.js';

export interface Automation {
  /** For the change consumers: the dispatcher that starts runs from committed changes. */
  consumer: ChangeConsumer;
  /** For the job queue, once the record store exists: the run executor and the time triggers' jobs. */
  tasks(services: AutomationRunServices): JobTasks;
  timeTriggers: TimeTriggers;
}

/** The engine, wired the same in the server and in `pnpm worker`. */
export function createAutomation(orm: MikroORM, timeTriggers: TimeTriggers = noTimeTriggers): Automation {
  const rules = new ActiveRules(orm);
  return {
    consumer: automationDispatcher(rules, timeTriggers),
    tasks: (services) => ({
      ...timeTriggers.tasks,
      [runTask]: runStepsTask({ fork: () => orm.em.fork(), services }),
    }),
    timeTriggers,
  };
}
