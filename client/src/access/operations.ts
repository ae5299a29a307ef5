import { gql, type TypedDocumentNode } from '@apollo/client/core';

// Record shares (docs/permissions.md "Granting fields, teams, shares"): the record page's documents.

export type ShareLevel = 'read' | 'edit';

export interface RecordShare {
  id: string;
  recordId: string;
  userId: string | null;
  teamId: string | null;
  level: ShareLevel;
}

const shareFields = gql`
  fragment RecordShareFields on RecordShare {
    id
    recordId
    userId
    teamId
    level
  }
`;

export const RECORD_SHARES: TypedDocumentNode<
  { recordShares: RecordShare[] },
  { objectKey: string; recordId: string }
> = gql`
  query RecordShares($objectKey: String!, $recordId: ID!) {
    recordShares(objectKey: $objectKey, recordId: $recordId) {
      ...RecordShareFields
    }
  }
  ${shareFields}
`;

export const SHARE_RECORD: TypedDocumentNode<
  { shareRecord: RecordShare },
  {
    input: {
      objectKey: string;
      recordId: string;
      userId: string | null;
      teamId: string | null;
      level: ShareLevel;
    };
  }
> = gql`
  mutation ShareRecord($input: ShareRecordInput!) {
    shareRecord(input: $input) {
      ...RecordShareFields
    }
  }
  ${shareFields}
`;

export const UNSHARE_RECORD: TypedDocumentNode<{ unshareRecord: boolean }, { id: string }> = gql`
  mutation UnshareRecord($id: ID!) {
    unshareRecord(id: $id)
  }
`;

/** Teams to share with; only admins may list them. */
export const SHARE_TEAMS: TypedDocumentNode<{ teams: { id: string; name: string }[] }> = gql`
  query ShareTeams {
    teams {
      id
      name
    }
  }
`;
