import { gql, type TypedDocumentNode } from '@apollo/client/core';

// Matches on a record page (docs/matching.md): listings for a buyer, buyers for a listing.

export interface MatchDefinitionInfo {
  key: string;
  name: string;
  seekerObject: string;
  candidateObject: string;
}

export interface Match {
  definitionKey: string;
  object: string;
  recordId: string;
  label: string;
  score: number;
  matched: { key: string; label: string }[];
}

const MATCH_FIELDS = 'definitionKey object recordId label score matched { key label }';

export const MATCH_DEFINITIONS: TypedDocumentNode<{ matchDefinitions: MatchDefinitionInfo[] }> = gql`
  query MatchDefinitions {
    matchDefinitions {
      key
      name
      seekerObject
      candidateObject
    }
  }
`;

export interface RecordMatchesData {
  matchesForSeeker?: Match[];
  matchesForCandidate?: Match[];
  /** Where `matchesChanged` resumes from. */
  matchesCursor?: string;
}

export const RECORD_MATCHES: TypedDocumentNode<
  RecordMatchesData,
  { object: string; id: string; seeker: boolean; candidate: boolean }
> = gql`
  query RecordMatches($object: String!, $id: ID!, $seeker: Boolean!, $candidate: Boolean!) {
    matchesForSeeker(object: $object, id: $id) @include(if: $seeker) { ${MATCH_FIELDS} }
    matchesForCandidate(object: $object, id: $id) @include(if: $candidate) { ${MATCH_FIELDS} }
    matchesCursor: changeCursor
  }
`;

export const MATCHES_CHANGED: TypedDocumentNode<
  { matchesChanged: { recordId: string; matches: Match[] } },
  { object: string; id: string; after: string | null }
> = gql`
  subscription MatchesChanged($object: String!, $id: ID!, $after: String) {
    matchesChanged(object: $object, id: $id, after: $after) { recordId matches { ${MATCH_FIELDS} } }
  }
`;

export const EMAIL_MATCHES: TypedDocumentNode<{ emailMatches: number }, { object: string; id: string }> = gql`
  mutation EmailMatches($object: String!, $id: ID!) {
    emailMatches(object: $object, id: $id)
  }
`;
