import { gql, type TypedDocumentNode } from '@apollo/client/core';

/** A workspace as the signed-in user's memberships list it (the workspaces feature re-exports these). */
export type Role = 'OWNER' | 'ADMIN' | 'MEMBER' | 'VIEWER';

export interface Workspace {
  id: string;
  name: string;
}

export interface Membership {
  role: Role;
  workspace: Workspace;
}

export interface User {
  id: string;
  name: string;
  email: string;
}

export interface Me {
  user: User;
  memberships: Membership[];
  /** Where relative dates (today, this week) are read; null until chosen (read as UTC). */
  timeZone: string | null;
  /** The chosen interface language; null until chosen (the browser's). */
  language: string | null;
  /** The selected workspace requires two-factor sign-in and the user has not set it up. */
  twoFactorRequired: boolean;
}

export interface SignInInput {
  email: string;
  password: string;
}

export interface SignUpInput extends SignInInput {
  name: string;
  workspaceName?: string;
  /** From an invitation link: joins that workspace instead of creating one. */
  invitationToken?: string;
}

/** What signUp and signIn answer; the workspace is null for a user without one. */
interface AuthPayload {
  user: User;
  workspace: Workspace | null;
  /** Set when a code is due before a session exists: pass it to signInWithCode. */
  twoFactorToken?: string | null;
}

// currentWorkspace and role are left out on purpose: the client derives both from
// memberships and its own selection, so a stale x-workspace-id cannot mislead it.
export const ME_QUERY: TypedDocumentNode<{ me: Me | null }, Record<string, never>> = gql`
  query Me {
    me {
      user {
        id
        name
        email
      }
      memberships {
        role
        workspace {
          id
          name
        }
      }
      timeZone
      language
      twoFactorRequired
    }
  }
`;

export const SIGN_IN_MUTATION: TypedDocumentNode<{ signIn: AuthPayload }, { input: SignInInput }> = gql`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      user {
        id
        name
        email
      }
      workspace {
        id
        name
      }
      twoFactorToken
    }
  }
`;

export const SIGN_IN_WITH_CODE: TypedDocumentNode<
  { signInWithCode: AuthPayload },
  { token: string; code: string }
> = gql`
  mutation SignInWithCode($token: String!, $code: String!) {
    signInWithCode(token: $token, code: $code) {
      user {
        id
        name
        email
      }
      workspace {
        id
        name
      }
    }
  }
`;

export const SIGN_UP_MUTATION: TypedDocumentNode<{ signUp: AuthPayload }, { input: SignUpInput }> = gql`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      user {
        id
        name
        email
      }
      workspace {
        id
        name
      }
    }
  }
`;

export const SIGN_OUT_MUTATION: TypedDocumentNode<{ signOut: boolean }, Record<string, never>> = gql`
  mutation SignOut {
    signOut
  }
`;

export const SET_LANGUAGE: TypedDocumentNode<{ setLanguage: string }, { language: string }> = gql`
  mutation SetLanguage($language: String!) {
    setLanguage(language: $language)
  }
`;

export const SET_TIME_ZONE: TypedDocumentNode<{ setTimeZone: string }, { timeZone: string }> = gql`
  mutation SetTimeZone($timeZone: String!) {
    setTimeZone(timeZone: $timeZone)
  }
`;
