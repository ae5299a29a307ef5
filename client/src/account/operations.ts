import { gql, type TypedDocumentNode } from '@apollo/client/core';
import type { Role } from '../workspaces';

/** A bearer token for integrations (docs/api.md "Authentication, workspaces and roles"). */
export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const tokenFields = `id name role createdAt expiresAt lastUsedAt revokedAt`;

export const API_TOKENS: TypedDocumentNode<{ apiTokens: ApiToken[] }, Record<string, never>> = gql`
  query ApiTokens {
    apiTokens { ${tokenFields} }
  }
`;

export interface CreateApiTokenInput {
  name: string;
  role: Role;
  expiresInDays: number | null;
}

export const CREATE_API_TOKEN: TypedDocumentNode<
  { createApiToken: { token: string; apiToken: ApiToken } },
  { input: CreateApiTokenInput }
> = gql`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) { token apiToken { ${tokenFields} } }
  }
`;

export const REVOKE_API_TOKEN: TypedDocumentNode<{ revokeApiToken: ApiToken }, { id: string }> = gql`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) { ${tokenFields} }
  }
`;
