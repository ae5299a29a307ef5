import { gql, type TypedDocumentNode } from '@apollo/client/core';

// Match definitions as an admin edits them (docs/matching.md "Admin screen").

export const criterionKinds = ['AT_MOST', 'AT_LEAST', 'EQUALS', 'ONE_OF', 'ALL_OF'] as const;
export type CriterionKind = (typeof criterionKinds)[number];

export interface MatchCriterion {
  key: string;
  label: string | null;
  kind: CriterionKind;
  seeker: string;
  candidate: string;
  weight: number;
  required: boolean;
  tolerancePercent: number | null;
}

export interface AdminMatchDefinition {
  key: string;
  name: string;
  seekerObject: string;
  candidateObject: string;
  minScore: number;
  criteria: MatchCriterion[];
  /** Why it does not run now (a field archived since), else null. */
  problem: string | null;
}

const definitionFields = `
  key
  name
  seekerObject
  candidateObject
  minScore
  problem
  criteria {
    key
    label
    kind
    seeker
    candidate
    weight
    required
    tolerancePercent
  }
`;

export const MATCH_DEFINITIONS_FOR_ADMIN: TypedDocumentNode<{
  matchDefinitionsForAdmin: AdminMatchDefinition[];
}> = gql`
  query MatchDefinitionsForAdmin {
    matchDefinitionsForAdmin { ${definitionFields} }
  }
`;

export interface MatchDefinitionEdit {
  name: string;
  minScore: number;
  criteria: Omit<MatchCriterion, never>[];
}

export const UPDATE_MATCH_DEFINITION: TypedDocumentNode<
  { updateMatchDefinition: AdminMatchDefinition },
  { key: string; input: MatchDefinitionEdit }
> = gql`
  mutation UpdateMatchDefinition($key: String!, $input: UpdateMatchDefinitionInput!) {
    updateMatchDefinition(key: $key, input: $input) { ${definitionFields} }
  }
`;
