import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { BadInput, maxLatest, openingWithNewest, parseId } from '../../platform/index.js';
import { gated } from '../../realtime/index.js';
import {
  createRule,
  dryRun,
  editRule,
  manualRules,
  readRule,
  readRules,
  readRuns,
  runWatch,
  removeRule,
  rerun,
  runManually,
  setRuleEnabled,
} from '../service.js';
import type { AutomationContext } from '../services.js';
import type { AutomationRunChanged } from '../topics.js';
import { toRuleSpec, toRuleType, toRunType } from './mappers.js';
import { AutomationRuleInput, AutomationRuleType, AutomationRunPage, AutomationRunType } from './types.js';

/** The spec calls the object `object`; the API `objectKey`: bad input names the API's. */
async function asInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const path =
      error instanceof BadInput ? (error.extensions.argumentPath as string[] | undefined) : undefined;
    if (path?.[0] === 'input' && path[1] === 'object')
      throw new BadInput(['input', 'objectKey', ...path.slice(2)], (error as BadInput).message);
    throw error;
  }
}

@Resolver()
export class AutomationResolver {
  @Query(() => [AutomationRuleType], { description: 'The workspace’s automation rules (admins).' })
  async automationRules(
    @Arg('objectKey', () => String, { nullable: true }) objectKey: string | null,
    @Ctx() ctx: AutomationContext,
  ): Promise<AutomationRuleType[]> {
    return (await readRules(ctx, objectKey)).map(toRuleType);
  }

  @Query(() => AutomationRuleType, { nullable: true })
  async automationRule(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: AutomationContext,
  ): Promise<AutomationRuleType | null> {
    const rule = await readRule(ctx, parseId('id', id));
    return rule ? toRuleType(rule) : null;
  }

  @Query(() => AutomationRunPage, {
    description: 'Runs, newest first: of a rule (admins) or on a record (members who can read it).',
  })
  async automationRuns(
    @Arg('ruleId', () => ID, { nullable: true }) ruleId: string | null,
    @Arg('recordId', () => ID, { nullable: true }) recordId: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: AutomationContext,
  ): Promise<AutomationRunPage> {
    const page = await readRuns(
      ctx,
      { ruleId: ruleId && parseId('ruleId', ruleId), recordId: recordId && parseId('recordId', recordId) },
      first,
      after,
    );
    return { ...page, nodes: page.nodes.map(toRunType) };
  }

  @Query(() => [AutomationRuleType], {
    description: 'The MANUAL rules of an object: the record page’s buttons.',
  })
  async manualAutomations(
    @Arg('objectKey', () => String) objectKey: string,
    @Ctx() ctx: AutomationContext,
  ): Promise<AutomationRuleType[]> {
    return (await manualRules(ctx, objectKey)).map(toRuleType);
  }

  @Mutation(() => AutomationRuleType)
  async createAutomationRule(
    @Arg('input', () => AutomationRuleInput) input: AutomationRuleInput,
    @Ctx() ctx: AutomationContext,
  ): Promise<AutomationRuleType> {
    return toRuleType(await asInput(() => createRule(ctx, toRuleSpec(input))));
  }

  @Mutation(() => AutomationRuleType)
  async updateAutomationRule(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => AutomationRuleInput) input: AutomationRuleInput,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: AutomationContext,
  ): Promise<AutomationRuleType> {
    return toRuleType(
      await asInput(() => editRule(ctx, parseId('id', id), toRuleSpec(input), expectedVersion)),
    );
  }

  @Mutation(() => AutomationRuleType)
  async setAutomationRuleEnabled(
    @Arg('id', () => ID) id: string,
    @Arg('enabled', () => Boolean) enabled: boolean,
    @Ctx() ctx: AutomationContext,
  ): Promise<AutomationRuleType> {
    return toRuleType(await setRuleEnabled(ctx, parseId('id', id), enabled));
  }

  @Mutation(() => Boolean)
  async deleteAutomationRule(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: AutomationContext,
  ): Promise<boolean> {
    return removeRule(ctx, parseId('id', id));
  }

  @Mutation(() => AutomationRunType, {
    description: 'Runs a MANUAL rule on a record (members with write access).',
  })
  async runAutomation(
    @Arg('ruleId', () => ID) ruleId: string,
    @Arg('recordId', () => ID) recordId: string,
    @Ctx() ctx: AutomationContext,
  ): Promise<AutomationRunType> {
    return toRunType(await runManually(ctx, parseId('ruleId', ruleId), parseId('recordId', recordId)));
  }

  @Mutation(() => AutomationRunType, {
    description: 'The rule on a record without writing: the steps say what would happen.',
  })
  async dryRunAutomation(
    @Arg('ruleId', () => ID) ruleId: string,
    @Arg('recordId', () => ID) recordId: string,
    @Ctx() ctx: AutomationContext,
  ): Promise<AutomationRunType> {
    return toRunType(await dryRun(ctx, parseId('ruleId', ruleId), parseId('recordId', recordId)));
  }

  @Mutation(() => AutomationRunType, { description: 'Runs a failed run again, as a new run.' })
  async rerunAutomationRun(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: AutomationContext,
  ): Promise<AutomationRunType> {
    return toRunType(await rerun(ctx, parseId('id', id)));
  }

  @Subscription(() => AutomationRunType, {
    description:
      'Each run of a rule (admins) or on a record (members) as it moves on: started, a step done, waiting, finished — the run as it now is. With `latest`, it opens with the newest runs as they are once it listens (oldest of them first), so a list read just before subscribing misses nothing.',
    subscribe: async ({ args, context }) => {
      const { ruleId, recordId, latest } = args as {
        ruleId?: string | null;
        recordId?: string | null;
        latest: number;
      };
      const ctx = context as AutomationContext;
      const filter = {
        ruleId: ruleId && parseId('ruleId', ruleId),
        recordId: recordId && parseId('recordId', recordId),
      };
      return openingWithNewest(
        latest,
        async (count) => (await readRuns(ctx, filter, count, null)).nodes.map((run) => ({ run })),
        async () => {
          const { route, gate } = await runWatch(ctx, filter);
          const events = ctx.services.events.subscribe('automation.runChanged', route);
          if (!gate) return events;
          return gated(events, async (event: AutomationRunChanged) => {
            const run = await gate(event.run);
            return run ? { ...event, run } : null;
          });
        },
      );
    },
  })
  automationRunChanged(
    @Root() event: AutomationRunChanged,
    @Arg('ruleId', () => ID, { nullable: true }) _ruleId: string | null,
    @Arg('recordId', () => ID, { nullable: true }) _recordId: string | null,
    @Arg('latest', () => Int, {
      defaultValue: 0,
      description: `Open with this many newest runs (0 to ${maxLatest}) before the changes.`,
    })
    _latest: number,
  ): AutomationRunType {
    return toRunType(event.run);
  }
}
