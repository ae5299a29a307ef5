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

/** Two-factor sign-in (docs/security.md "Two-factor sign-in"). */
export const TWO_FACTOR_STATUS: TypedDocumentNode<
  { me: { user: { id: string }; twoFactorEnabled: boolean } | null; recoveryCodesLeft: number },
  Record<string, never>
> = gql`
  query TwoFactorStatus {
    me {
      user {
        id
      }
      twoFactorEnabled
    }
    recoveryCodesLeft
  }
`;

export const START_TWO_FACTOR_SETUP: TypedDocumentNode<
  { startTwoFactorSetup: { secret: string; otpauthUri: string } },
  Record<string, never>
> = gql`
  mutation StartTwoFactorSetup {
    startTwoFactorSetup {
      secret
      otpauthUri
    }
  }
`;

export const CONFIRM_TWO_FACTOR: TypedDocumentNode<{ confirmTwoFactor: string[] }, { code: string }> = gql`
  mutation ConfirmTwoFactor($code: String!) {
    confirmTwoFactor(code: $code)
  }
`;

export const DISABLE_TWO_FACTOR: TypedDocumentNode<
  { disableTwoFactor: boolean },
  { code?: string | null; password?: string | null }
> = gql`
  mutation DisableTwoFactor($code: String, $password: String) {
    disableTwoFactor(code: $code, password: $password)
  }
`;

/** One of the user's signed-in browsers. */
export interface AccountSession {
  id: string;
  device: string;
  clientAddress: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  current: boolean;
}

export const MY_SESSIONS: TypedDocumentNode<{ mySessions: AccountSession[] }, Record<string, never>> = gql`
  query MySessions {
    mySessions {
      id
      device
      clientAddress
      createdAt
      lastUsedAt
      current
    }
  }
`;

export const SIGN_OUT_SESSION: TypedDocumentNode<{ signOutSession: boolean }, { id: string }> = gql`
  mutation SignOutSession($id: ID!) {
    signOutSession(id: $id)
  }
`;

export const SIGN_OUT_OTHER_SESSIONS: TypedDocumentNode<
  { signOutOtherSessions: number },
  Record<string, never>
> = gql`
  mutation SignOutOtherSessions {
    signOutOtherSessions
  }
`;
