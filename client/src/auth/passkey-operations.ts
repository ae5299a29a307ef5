import { gql, type TypedDocumentNode } from '@apollo/client/core';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';

interface PasskeySignedIn {
  user: { id: string; name: string; email: string };
  workspace: { id: string; name: string } | null;
}

/** Signing in with a passkey (docs/security.md "Passkeys"). */
export const PASSKEY_SIGN_IN_OPTIONS: TypedDocumentNode<
  { passkeySignInOptions: PublicKeyCredentialRequestOptionsJSON },
  Record<string, never>
> = gql`
  mutation PasskeySignInOptions {
    passkeySignInOptions
  }
`;

export const SIGN_IN_WITH_PASSKEY: TypedDocumentNode<
  { signInWithPasskey: PasskeySignedIn },
  { response: AuthenticationResponseJSON }
> = gql`
  mutation SignInWithPasskey($response: JSON!) {
    signInWithPasskey(response: $response) {
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
