import { callerView } from '../../records/index.js';
import { JSONResolver } from 'graphql-scalars';
import type { PipelineContext } from '../services.js';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requirePermission } from '../../identity/index.js';
import {
  loadMetadata,
  localizeField,
  type PipelineDef,
  PipelineType,
  StageInputType,
} from '../../metadata/index.js';
import type { RecordFilter } from '../../records/index.js';
import {
  addStage,
  createPipeline,
  removeStage,
  renamePipeline,
  reorderStages,
  updateStage,
} from '../admin.js';
import { loadBoard, loadBoardCards } from '../board.js';
import { activeObject } from '../find.js';
import { forecast } from '../forecast.js';
import { stageHistory, timeInStage } from '../history.js';
import { moveRecord } from '../move.js';
import {
  BoardCardsType,
  BoardColumnType,
  BoardType,
  CreatePipelineInput,
  ForecastRowType,
  MoveRecordInput,
  MoveResultType,
  RemoveStageResultType,
  StageTimeType,
  StageVisitType,
  UpdateStageInput,
} from './types.js';

/** The metadata model and its GraphQL type differ only in enum typing. */
const asPipeline = (pipeline: PipelineDef) => pipeline as unknown as PipelineType;

/** A member's read of an object's board: the record context and the object. */
async function readBoard(ctx: PipelineContext, object: string) {
  const access = requirePermission(ctx, 'records.read');
  const full = await loadMetadata(ctx.em, access.workspaceId);
  // The caller's profile: its hidden fields are archived here, its scope narrows every column.
  const { metadata, scope } = await callerView(ctx.services.recordAccess, access, full);
  const target = activeObject(metadata, object, ['object']);
  return {
    context: {
      em: ctx.em,
      metadata,
      actorId: access.caller.user.id,
      timeZone: access.caller.user.timeZone,
      filterLimits: ctx.services.filterLimits,
      ...(scope ? { scope } : {}),
    },
    target,
  };
}

@Resolver()
export class PipelineResolver {
  @Mutation(() => PipelineType, { description: 'Adds a pipeline to an object (admins).' })
  createPipeline(
    @Arg('input', () => CreatePipelineInput) input: CreatePipelineInput,
    @Ctx() ctx: PipelineContext,
  ) {
    return createPipeline(ctx, input).then(asPipeline);
  }

  @Mutation(() => PipelineType)
  renamePipeline(
    @Arg('object', () => String) object: string,
    @Arg('pipeline', () => String) pipeline: string,
    @Arg('label', () => String) label: string,
    @Ctx() ctx: PipelineContext,
  ) {
    return renamePipeline(ctx, object, pipeline, label).then(asPipeline);
  }

  @Mutation(() => PipelineType, { description: 'Adds a stage, at the end or before another.' })
  addStage(
    @Arg('object', () => String) object: string,
    @Arg('pipeline', () => String) pipeline: string,
    @Arg('input', () => StageInputType) input: StageInputType,
    @Arg('before', () => String, { nullable: true }) before: string | null,
    @Ctx() ctx: PipelineContext,
  ) {
    return addStage(ctx, object, pipeline, input, before).then(asPipeline);
  }

  @Mutation(() => PipelineType, { description: 'Renames, recolours or changes the rules of a stage.' })
  updateStage(
    @Arg('object', () => String) object: string,
    @Arg('stage', () => String) stage: string,
    @Arg('input', () => UpdateStageInput) input: UpdateStageInput,
    @Ctx() ctx: PipelineContext,
  ) {
    return updateStage(ctx, object, stage, {
      ...input,
      wipLimit: input.wipLimit === 0 ? null : input.wipLimit,
    }).then(asPipeline);
  }

  @Mutation(() => PipelineType)
  reorderStages(
    @Arg('object', () => String) object: string,
    @Arg('pipeline', () => String) pipeline: string,
    @Arg('stageKeys', () => [String]) stageKeys: string[],
    @Ctx() ctx: PipelineContext,
  ) {
    return reorderStages(ctx, object, pipeline, stageKeys).then(asPipeline);
  }

  @Mutation(() => RemoveStageResultType, {
    description: 'Removes a stage; its records move to `moveRecordsTo`, required when it has any.',
  })
  async removeStage(
    @Arg('object', () => String) object: string,
    @Arg('stage', () => String) stage: string,
    @Arg('moveRecordsTo', () => String, { nullable: true }) moveRecordsTo: string | null,
    @Ctx() ctx: PipelineContext,
  ): Promise<RemoveStageResultType> {
    const { pipeline, moved } = await removeStage(ctx, object, stage, moveRecordsTo);
    return { pipeline: asPipeline(pipeline), movedRecords: moved };
  }

  @Mutation(() => MoveResultType, {
    description: 'Moves a card on a board: to a stage, between two neighbours (a fractional position).',
  })
  async moveRecord(
    @Arg('input', () => MoveRecordInput) input: MoveRecordInput,
    @Ctx() ctx: PipelineContext,
  ): Promise<MoveResultType> {
    const { record, stage, rank, warnings } = await moveRecord(
      ctx,
      ctx.services.records,
      input,
      ctx.services.recordAccess,
    );
    return { id: record.id, stage, rank, version: record.version, warnings };
  }

  @Query(() => BoardType, {
    description: 'A pipeline as a board: per stage the count, sums and first cards.',
  })
  async board(
    @Arg('object', () => String) object: string,
    @Arg('pipeline', () => String, { nullable: true }) pipeline: string | null,
    @Arg('filter', () => JSONResolver, { nullable: true }) filter: RecordFilter | null,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('sumField', () => String, { nullable: true }) sumField: string | null,
    @Ctx() ctx: PipelineContext,
  ): Promise<BoardType> {
    const { context, target } = await readBoard(ctx, object);
    const board = await loadBoard(context, target, {
      pipeline,
      filter,
      search,
      first,
      sumField,
    });
    // Stage and pipeline labels in the caller's language.
    const shown = localizeField(board.field, ctx.language).options.pipelines?.find(
      (p) => p.key === board.pipeline.key,
    );
    const stageLabel = (key: string) => shown?.stages.find((s) => s.key === key)?.label;
    return {
      field: board.field.key,
      pipeline: asPipeline(shown ?? board.pipeline),
      sumField: board.sumField?.key ?? null,
      columns: board.columns.map((column) => ({
        ...column,
        stage: { ...column.stage, label: stageLabel(column.stage.key) ?? column.stage.label },
      })) as unknown as BoardColumnType[],
      unstaged: board.unstaged,
    };
  }

  @Query(() => BoardCardsType, {
    description: 'More cards of one board column, after the last one shown (board order).',
  })
  async boardCards(
    @Arg('object', () => String) object: string,
    @Arg('stage', () => String) stage: string,
    @Arg('pipeline', () => String, { nullable: true }) pipeline: string | null,
    @Arg('after', () => ID, { nullable: true }) after: string | null,
    @Arg('filter', () => JSONResolver, { nullable: true }) filter: RecordFilter | null,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: PipelineContext,
  ): Promise<BoardCardsType> {
    const { context, target } = await readBoard(ctx, object);
    return loadBoardCards(context, target, { stage, pipeline, after, filter, search, first });
  }

  @Query(() => [StageVisitType], { description: 'Every stage a record entered and left, oldest first.' })
  stageHistory(
    @Arg('object', () => String) object: string,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: PipelineContext,
  ) {
    return stageHistory(ctx, object, id);
  }

  @Query(() => [StageTimeType], { description: 'Total time a record spent in each stage.' })
  timeInStage(
    @Arg('object', () => String) object: string,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: PipelineContext,
  ) {
    return timeInStage(ctx, object, id);
  }

  @Query(() => [ForecastRowType], {
    description:
      'Weighted pipeline per stage, expected close month and owner (open stages unless includeClosed).',
  })
  forecast(
    @Arg('object', () => String) object: string,
    @Arg('pipeline', () => String, { nullable: true }) pipeline: string | null,
    @Arg('amountField', () => String, { nullable: true }) amountField: string | null,
    @Arg('closeDateField', () => String, { nullable: true }) closeDateField: string | null,
    @Arg('includeClosed', () => Boolean, { nullable: true }) includeClosed: boolean | null,
    @Ctx() ctx: PipelineContext,
  ) {
    return forecast(
      ctx,
      { object, pipeline, amountField, closeDateField, includeClosed },
      ctx.services.recordAccess,
    );
  }
}
