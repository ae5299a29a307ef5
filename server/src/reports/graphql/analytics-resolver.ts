import { JSONResolver } from 'graphql-scalars';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RecordFilter } from '../../records/index.js';
import { readerFor } from '../access.js';
import { memberActivity, salesCycle, sourcePerformance, stageDurations, stageFunnel } from '../analytics.js';
import type { ReportContext } from '../services.js';
import {
  SalesCycleType,
  SourcePerformanceType,
  StageDurationType,
  StageFunnelType,
} from './analytics-types.js';
import { ReportResultType } from './types.js';

const args = (object: string, pipeline: string | null, filter: unknown) => ({
  object,
  pipeline,
  filter: (filter ?? null) as RecordFilter | null,
});

/** Pipeline analytics for charts; `forecast`, `stageHistory` and `timeInStage` are the pipelines module's. */
@Resolver()
export class AnalyticsResolver {
  @Query(() => StageFunnelType, {
    description: 'Conversion funnel of a pipeline (from stage history) and win rate.',
  })
  async stageFunnel(
    @Arg('object', () => String) object: string,
    @Arg('pipeline', () => String, { nullable: true }) pipeline: string | null,
    @Arg('filter', () => JSONResolver, { nullable: true }) filter: unknown,
    @Ctx() ctx: ReportContext,
  ): Promise<StageFunnelType> {
    return stageFunnel(await readerFor(ctx), args(object, pipeline, filter));
  }

  @Query(() => [StageDurationType], {
    description: 'Average and median time in each stage, in pipeline order.',
  })
  async stageDurations(
    @Arg('object', () => String) object: string,
    @Arg('pipeline', () => String, { nullable: true }) pipeline: string | null,
    @Arg('filter', () => JSONResolver, { nullable: true }) filter: unknown,
    @Ctx() ctx: ReportContext,
  ): Promise<StageDurationType[]> {
    return stageDurations(await readerFor(ctx), args(object, pipeline, filter));
  }

  @Query(() => [SalesCycleType], {
    description: 'Days from creation to winning (or losing), for closed records.',
  })
  async salesCycle(
    @Arg('object', () => String) object: string,
    @Arg('pipeline', () => String, { nullable: true }) pipeline: string | null,
    @Arg('filter', () => JSONResolver, { nullable: true }) filter: unknown,
    @Ctx() ctx: ReportContext,
  ): Promise<SalesCycleType[]> {
    return salesCycle(await readerFor(ctx), args(object, pipeline, filter));
  }

  @Query(() => [SourcePerformanceType], {
    description: 'Per lead source: records, won, conversion and won amount.',
  })
  async sourcePerformance(
    @Arg('object', () => String) object: string,
    @Arg('sourceField', () => String) sourceField: string,
    @Arg('amountField', () => String, { nullable: true }) amountField: string | null,
    @Arg('pipeline', () => String, { nullable: true }) pipeline: string | null,
    @Arg('filter', () => JSONResolver, { nullable: true }) filter: unknown,
    @Ctx() ctx: ReportContext,
  ): Promise<SourcePerformanceType[]> {
    return sourcePerformance(await readerFor(ctx), {
      ...args(object, pipeline, filter),
      sourceField,
      amountField,
    });
  }

  @Query(() => ReportResultType, {
    description:
      'Tasks done per assignee and type (calls, meetings…), optionally within a date range on updatedAt.',
  })
  async memberActivity(
    @Arg('dateRange', () => JSONResolver, { nullable: true }) dateRange: unknown,
    @Ctx() ctx: ReportContext,
  ): Promise<ReportResultType> {
    return memberActivity(await readerFor(ctx), (dateRange ?? null) as Record<string, unknown> | null);
  }
}
