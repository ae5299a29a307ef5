import { gql, type TypedDocumentNode } from '@apollo/client/core';
import type { ReportResult } from '../report-result';

export interface StageFunnel {
  stages: { stage: string; label: string; reached: number; conversion: number | null }[];
  won: number;
  lost: number;
  winRate: number | null;
}
export interface StageDuration {
  stage: string;
  label: string;
  averageSeconds: number;
  medianSeconds: number;
  visits: number;
}
export interface SalesCycle {
  outcome: string;
  count: number;
  averageDays: number | null;
  medianDays: number | null;
}
export interface SourcePerformance {
  source: string | null;
  count: number;
  won: number;
  conversion: number;
  wonAmount: number | null;
}

/** One request for a pipeline's analytics: funnel and win rate, time in stage, sales cycle, sources. */
export const PIPELINE_ANALYTICS: TypedDocumentNode<
  {
    stageFunnel: StageFunnel;
    stageDurations: StageDuration[];
    salesCycle: SalesCycle[];
    sourcePerformance?: SourcePerformance[];
  },
  { object: string; pipeline?: string | null; sourceField: string; withSources: boolean }
> = gql`
  query PipelineAnalytics(
    $object: String!
    $pipeline: String
    $sourceField: String!
    $withSources: Boolean!
  ) {
    stageFunnel(object: $object, pipeline: $pipeline) {
      stages {
        stage
        label
        reached
        conversion
      }
      won
      lost
      winRate
    }
    stageDurations(object: $object, pipeline: $pipeline) {
      stage
      label
      averageSeconds
      medianSeconds
      visits
    }
    salesCycle(object: $object, pipeline: $pipeline) {
      outcome
      count
      averageDays
      medianDays
    }
    sourcePerformance(object: $object, pipeline: $pipeline, sourceField: $sourceField)
      @include(if: $withSources) {
      source
      count
      won
      conversion
      wonAmount
    }
  }
`;

export const MEMBER_ACTIVITY: TypedDocumentNode<{ memberActivity: ReportResult }, { dateRange?: unknown }> =
  gql`
    query MemberActivity($dateRange: JSON) {
      memberActivity(dateRange: $dateRange) {
        object
        columns {
          key
          kind
          label
          fieldType
          field
          bucket
          measure
        }
        rows {
          keys
          labels
          values
          currency
        }
        totals {
          keys
          labels
          values
          currency
        }
        truncated
        timeZone
      }
    }
  `;
