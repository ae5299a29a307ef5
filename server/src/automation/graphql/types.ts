import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { runStatuses, type RunStatus } from '../model.js';

export const AutomationRunStatus = Object.fromEntries(runStatuses.map((s) => [s, s])) as {
  [K in RunStatus]: K;
};
export type AutomationRunStatus = RunStatus;
export enum AutomationStepStatus {
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
  WAITING = 'WAITING',
}
registerEnumType(AutomationRunStatus, { name: 'AutomationRunStatus' });
registerEnumType(AutomationStepStatus, { name: 'AutomationStepStatus' });

@ObjectType({ description: 'A rule: a trigger, a condition and actions (docs/automation.md).' })
export class AutomationRuleType {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'Stable name a template installs it under.' })
  key!: string | null;
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
  @Field(() => String) objectKey!: string;
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => Int) version!: number;
  @Field(() => JSONResolver, { description: 'RuleTrigger' }) trigger!: unknown;
  @Field(() => JSONResolver, { nullable: true, description: 'A record filter (view filter language).' })
  condition!: unknown;
  @Field(() => JSONResolver, { description: '[RuleAction]' }) actions!: unknown;
  @Field(() => String, { nullable: true, description: 'Why the rule is off: a metadata change broke it.' })
  disabledReason!: string | null;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver) updatedAt!: Date;
}

@InputType()
export class AutomationRuleInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String) objectKey!: string;
  @Field(() => Boolean, { defaultValue: true }) enabled!: boolean;
  @Field(() => JSONResolver) trigger!: unknown;
  @Field(() => JSONResolver, { nullable: true }) condition?: unknown;
  @Field(() => JSONResolver) actions!: unknown;
}

@ObjectType()
export class AutomationStepType {
  @Field(() => String, { description: '"2", "3.then.0"' }) path!: string;
  @Field(() => String, { description: 'The action type.' }) type!: string;
  @Field(() => AutomationStepStatus) status!: AutomationStepStatus;
  @Field(() => JSONResolver, { nullable: true, description: 'What the step was asked to do.' })
  input!: unknown;
  @Field(() => JSONResolver, { nullable: true, description: 'What it did (ids written, users notified…).' })
  output!: unknown;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Int) attempts!: number;
  @Field(() => DateTimeResolver) startedAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) finishedAt!: Date | null;
}

@ObjectType()
export class AutomationRunType {
  @Field(() => ID) id!: string;
  @Field(() => ID) ruleId!: string;
  @Field(() => String) ruleName!: string;
  @Field(() => Int) ruleVersion!: number;
  @Field(() => String) objectKey!: string;
  @Field(() => ID, { nullable: true }) recordId!: string | null;
  @Field(() => String, { nullable: true }) changeId!: string | null;
  @Field(() => String) trigger!: string;
  @Field(() => AutomationRunStatus) status!: AutomationRunStatus;
  @Field(() => Boolean) dryRun!: boolean;
  @Field(() => Int, { description: 'Chain depth (1 = caused by a person’s write).' }) depth!: number;
  @Field(() => String, { nullable: true, description: 'Why FAILED / SKIPPED / LOOP_STOPPED, in words.' })
  error!: string | null;
  @Field(() => [AutomationStepType]) steps!: AutomationStepType[];
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) finishedAt!: Date | null;
}

@ObjectType()
export class AutomationRunPage {
  @Field(() => [AutomationRunType]) nodes!: AutomationRunType[];
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}
