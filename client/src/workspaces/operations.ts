import { gql, type TypedDocumentNode } from '@apollo/client/core';
import type { Role, Workspace } from '../auth';

// Defined with the session, which lists the signed-in user's memberships.
export type { Membership, Role, Workspace } from '../auth';

export interface Member {
  role: Role;
  joinedAt: string;
  user: { id: string; name: string; email: string };
}

export const MEMBERS_QUERY: TypedDocumentNode<{ members: Member[] }, Record<string, never>> = gql`
  query Members {
    members {
      role
      joinedAt
      user {
        id
        name
        email
      }
    }
  }
`;

export const CREATE_WORKSPACE_MUTATION: TypedDocumentNode<
  { createWorkspace: Workspace },
  { input: { name: string } }
> = gql`
  mutation CreateWorkspace($input: CreateWorkspaceInput!) {
    createWorkspace(input: $input) {
      id
      name
    }
  }
`;
