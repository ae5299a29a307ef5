import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('FunnelStage')
export class FunnelStageType {
  @Field(() => String) stage!: string;
  @Field(() => String) label!: string;
  @Field(() => Int, { description: 'Records that reached this stage or a later open/won one.' })
  reached!: number;
  @Field(() => Float, { nullable: true, description: 'Percent reaching the next stage; null for the last.' })
  conversion!: number | null;
}

@ObjectType('StageFunnel')
export class StageFunnelType {
  @Field(() => [FunnelStageType]) stages!: FunnelStageType[];
  @Field(() => Int) won!: number;
  @Field(() => Int) lost!: number;
  @Field(() => Float, { nullable: true, description: 'won / (won + lost), percent.' }) winRate!:
    number | null;
}

@ObjectType('StageDuration')
export class StageDurationType {
  @Field(() => String) stage!: string;
  @Field(() => String) label!: string;
  @Field(() => Int) visits!: number;
  @Field(() => Float) averageSeconds!: number;
  @Field(() => Float) medianSeconds!: number;
}

@ObjectType('SalesCycle')
export class SalesCycleType {
  @Field(() => String, { description: 'WON or LOST.' }) outcome!: string;
  @Field(() => Int) count!: number;
  @Field(() => Float, { nullable: true }) averageDays!: number | null;
  @Field(() => Float, { nullable: true }) medianDays!: number | null;
}

@ObjectType('SourcePerformance')
export class SourcePerformanceType {
  @Field(() => String, { nullable: true }) source!: string | null;
  @Field(() => Int) count!: number;
  @Field(() => Int) won!: number;
  @Field(() => Float, { description: 'won / count, percent.' }) conversion!: number;
  @Field(() => Float, { nullable: true }) wonAmount!: number | null;
}
