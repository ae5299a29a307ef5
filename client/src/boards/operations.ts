import { gql, type TypedDocumentNode } from '@apollo/client/core';
import { i18n } from '../i18n';

export type StageKind = 'OPEN' | 'WON' | 'LOST';

export interface BoardStage {
  key: string;
  label: string;
  color: string;
  kind: StageKind;
  probability: number;
  requiredFields: string[];
  wipLimit: number | null;
}

/** A card as the board query answers it: the record's row (relations as ids). */
export type BoardCard = { id: string; version: number } & Record<string, unknown>;

export interface BoardColumnData {
  stage: BoardStage;
  count: number;
  sum: number | null;
  weightedSum: number | null;
  overLimit: boolean;
  hasMore: boolean;
  records: BoardCard[];
}

/** Records with no stage yet: shown in a column of their own, before the stages. */
export interface BoardUnstaged {
  count: number;
  hasMore: boolean;
  records: BoardCard[];
}

export interface BoardData {
  field: string;
  sumField: string | null;
  pipeline: { key: string; label: string };
  columns: BoardColumnData[];
  unstaged: BoardUnstaged;
}

/** The key of the client's "No stage" column (no stage has an empty key). */
export const noStageKey = '';

/** The "No stage" column the board shows first while some records have no stage. */
export function unstagedColumn(unstaged: BoardUnstaged): BoardColumnData {
  return {
    stage: {
      key: noStageKey,
      // Shown as `boards.noStage` by the column; this is for anything else that reads it.
      label: i18n.global.t('boards.noStage'),
      color: '#94a3b8',
      kind: 'OPEN',
      probability: 0,
      requiredFields: [],
      wipLimit: null,
    },
    count: unstaged.count,
    sum: null,
    weightedSum: null,
    overLimit: false,
    hasMore: unstaged.hasMore,
    records: unstaged.records,
  };
}

export const stageFields = `
  key
  label
  color
  kind
  probability
  requiredFields
  wipLimit
`;

export const BOARD_QUERY: TypedDocumentNode<
  { board: BoardData; changeCursor: string },
  { object: string; pipeline?: string | null; search?: string | null; first?: number }
> = gql`
  query Board($object: String!, $pipeline: String, $search: String, $first: Int) {
    changeCursor
    board(object: $object, pipeline: $pipeline, search: $search, first: $first) {
      field
      sumField
      pipeline {
        key
        label
      }
      columns {
        stage {
          ${stageFields}
        }
        count
        sum
        weightedSum
        overLimit
        hasMore
        records
      }
      unstaged {
        count
        hasMore
        records
      }
    }
  }
`;

export interface BoardCardsData {
  records: BoardCard[];
  hasMore: boolean;
}

export const BOARD_CARDS_QUERY: TypedDocumentNode<
  { boardCards: BoardCardsData },
  {
    object: string;
    stage: string;
    pipeline?: string | null;
    after?: string | null;
    search?: string | null;
    first?: number;
  }
> = gql`
  query BoardCards(
    $object: String!
    $stage: String!
    $pipeline: String
    $after: ID
    $search: String
    $first: Int
  ) {
    boardCards(
      object: $object
      stage: $stage
      pipeline: $pipeline
      after: $after
      search: $search
      first: $first
    ) {
      records
      hasMore
    }
  }
`;

export interface MoveInput {
  object: string;
  id: string;
  stage: string;
  afterId: string | null;
  beforeId: string | null;
  expectedVersion?: number | null;
}

export interface MoveResult {
  id: string;
  stage: string;
  rank: string;
  version: number;
  warnings: string[];
}

export const MOVE_RECORD: TypedDocumentNode<{ moveRecord: MoveResult }, { input: MoveInput }> = gql`
  mutation MoveRecord($input: MoveRecordInput!) {
    moveRecord(input: $input) {
      id
      stage
      rank
      version
      warnings
    }
  }
`;
