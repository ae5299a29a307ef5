import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import {
  PipelineInputType,
  PipelineType,
  StageConditionInputType,
  StageKindEnum,
  StageType,
} from '../../metadata/index.js';

@InputType()
export class CreatePipelineInput {
  @Field(() => String, { description: 'Key of the object.' }) object!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The stage field to hold it; created when absent (default `stage`).',
  })
  field?: string | null;
  @Field(() => PipelineInputType) pipeline!: PipelineInputType;
}

@InputType()
export class UpdateStageInput {
  @Field(() => String, { nullable: true }) label?: string | null;
  @Field(() => String, { nullable: true }) color?: string | null;
  @Field(() => Float, { nullable: true }) probability?: number | null;
  @Field(() => StageKindEnum, { nullable: true }) kind?: StageKindEnum | null;
  @Field(() => [String], { nullable: true }) requiredFields?: string[] | null;
  @Field(() => [StageConditionInputType], {
    nullable: true,
    description: 'Replaces the entry conditions; send [] to remove them.',
  })
  requires?: StageConditionInputType[] | null;
  @Field(() => Int, { nullable: true, description: 'Send 0 to remove the limit.' }) wipLimit?: number | null;
}

@ObjectType('RemoveStageResult')
export class RemoveStageResultType {
  @Field(() => PipelineType) pipeline!: PipelineType;
  @Field(() => Int) movedRecords!: number;
}

@InputType()
export class MoveRecordInput {
  @Field(() => String) object!: string;
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The stage (column) it goes to.' }) stage!: string;
  @Field(() => ID, { nullable: true, description: 'The card that ends up just above it.' }) afterId?:
    string | null;
  @Field(() => ID, { nullable: true, description: 'The card that ends up just below it.' }) beforeId?:
    string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@ObjectType('MoveResult')
export class MoveResultType {
  @Field(() => ID) id!: string;
  @Field(() => String) stage!: string;
  @Field(() => String, { description: 'The fractional board position.' }) rank!: string;
  @Field(() => Int) version!: number;
  @Field(() => [String], { description: 'e.g. the column is over its limit.' }) warnings!: string[];
}

@ObjectType('StageVisit')
export class StageVisitType {
  @Field(() => String) field!: string;
  @Field(() => String) stage!: string;
  @Field(() => DateTimeResolver) enteredAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) leftAt!: Date | null;
  @Field(() => Int, { description: 'Seconds spent (until now for the current stage).' }) seconds!: number;
  @Field(() => ID, { nullable: true }) actorId!: string | null;
}

@ObjectType('StageTime')
export class StageTimeType {
  @Field(() => String) field!: string;
  @Field(() => String) stage!: string;
  @Field(() => Int) seconds!: number;
  @Field(() => Int) visits!: number;
}

@ObjectType('ForecastRow')
export class ForecastRowType {
  @Field(() => String) stage!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM of the expected close date.' }) month!:
    string | null;
  @Field(() => ID, { nullable: true }) ownerId!: string | null;
  @Field(() => Int) count!: number;
  @Field(() => Float) amount!: number;
  @Field(() => Float, { description: 'Amount × the stage’s win probability.' }) weighted!: number;
}

@ObjectType('BoardColumn')
export class BoardColumnType {
  @Field(() => StageType) stage!: StageType;
  @Field(() => Int) count!: number;
  @Field(() => Float, { nullable: true }) sum!: number | null;
  @Field(() => Float, { nullable: true }) weightedSum!: number | null;
  @Field(() => Boolean, { description: 'More cards than the stage’s column limit.' }) overLimit!: boolean;
  @Field(() => Boolean) hasMore!: boolean;
  @Field(() => [JSONResolver], {
    description: 'The first cards in board order, as the records API shows them.',
  })
  records!: unknown[];
}

@ObjectType('BoardCards')
export class BoardCardsType {
  @Field(() => [JSONResolver], { description: 'The next cards of the column, in board order.' })
  records!: unknown[];
  @Field(() => Boolean) hasMore!: boolean;
}

@ObjectType('BoardUnstaged', {
  description:
    'Records with no stage yet (say, from before the pipeline existed): on no column until moved into one.',
})
export class BoardUnstagedType {
  @Field(() => Int) count!: number;
  @Field(() => Boolean) hasMore!: boolean;
  @Field(() => [JSONResolver], { description: 'The first of them, oldest first.' }) records!: unknown[];
}

@ObjectType('Board')
export class BoardType {
  @Field(() => String, { description: 'The stage field grouping the columns.' }) field!: string;
  @Field(() => PipelineType) pipeline!: PipelineType;
  @Field(() => String, { nullable: true }) sumField!: string | null;
  @Field(() => [BoardColumnType]) columns!: BoardColumnType[];
  @Field(() => BoardUnstagedType) unstaged!: BoardUnstagedType;
}
