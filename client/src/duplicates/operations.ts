import { gql, type TypedDocumentNode } from '@apollo/client/core';

// Duplicates, merge, lead rating and conversion: the server's `duplicates` and `leads` modules.

export interface DuplicateRecord {
  id: string;
  label: string;
  values: Record<string, unknown>;
}

export interface DuplicateGroup {
  fields: string[];
  records: DuplicateRecord[];
}

export interface LikelyDuplicate extends DuplicateRecord {
  fields: string[];
  score: number;
}

export interface RecordMerge {
  id: string;
  survivorId: string;
  mergedIds: string[];
  undoneAt: string | null;
}

export const DUPLICATE_GROUPS: TypedDocumentNode<
  { duplicateGroups: DuplicateGroup[] },
  { objectKey: string }
> = gql`
  query DuplicateGroups($objectKey: String!) {
    duplicateGroups(objectKey: $objectKey) {
      fields
      records {
        id
        label
        values
      }
    }
  }
`;

export const LIKELY_DUPLICATES: TypedDocumentNode<
  { likelyDuplicates: LikelyDuplicate[] },
  { objectKey: string; values: Record<string, unknown> }
> = gql`
  query LikelyDuplicates($objectKey: String!, $values: JSON!) {
    likelyDuplicates(objectKey: $objectKey, values: $values) {
      id
      label
      values
      fields
      score
    }
  }
`;

const mergeParts = gql`
  fragment MergeParts on RecordMerge {
    id
    survivorId
    mergedIds
    undoneAt
  }
`;

export const MERGE_RECORDS: TypedDocumentNode<
  { mergeRecords: RecordMerge },
  {
    input: {
      objectKey: string;
      survivorId: string;
      mergedIds: string[];
      values: { field: string; recordId: string }[];
    };
  }
> = gql`
  mutation MergeRecords($input: MergeRecordsInput!) {
    mergeRecords(input: $input) {
      ...MergeParts
    }
  }
  ${mergeParts}
`;

export const UNDO_MERGE: TypedDocumentNode<{ undoMerge: RecordMerge }, { id: string }> = gql`
  mutation UndoMerge($id: ID!) {
    undoMerge(id: $id) {
      ...MergeParts
    }
  }
  ${mergeParts}
`;
