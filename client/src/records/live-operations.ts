import { gql, type TypedDocumentNode } from '@apollo/client/core';

export interface RecordChange {
  changeId: string;
  object: string;
  recordId: string;
  kind: 'create' | 'update' | 'delete' | 'restore' | 'convert';
  version: number;
  actorId: string | null;
  at: string;
  changedFields: string[];
  values: Record<string, unknown>;
  previous: Record<string, unknown>;
}

const changeFields = `
  changeId
  object
  recordId
  kind
  version
  actorId
  at
  changedFields
  values
  previous
`;

export const RECORD_CHANGED: TypedDocumentNode<
  { recordChanged: RecordChange },
  { object?: string; id?: string; after?: string | null }
> = gql`
  subscription RecordChanged($object: String, $id: ID, $after: String) {
    recordChanged(object: $object, id: $id, after: $after) {
      ${changeFields}
    }
  }
`;

export const RECORD_HISTORY: TypedDocumentNode<
  { recordHistory: RecordChange[] },
  { object: string; id: string; first?: number }
> = gql`
  query RecordHistory($object: String!, $id: ID!, $first: Int) {
    recordHistory(object: $object, id: $id, first: $first) {
      ${changeFields}
    }
  }
`;
