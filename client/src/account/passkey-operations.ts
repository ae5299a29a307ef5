import { gql, type TypedDocumentNode } from '@apollo/client/core';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';

/** One of the user's passkeys (docs/security.md "Passkeys"). */
export interface Passkey {
  id: string;
  name: string;
  deviceType: string;
  backedUp: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}

const passkeyFields = `id name deviceType backedUp createdAt lastUsedAt`;

export const MY_PASSKEYS: TypedDocumentNode<{ myPasskeys: Passkey[] }, Record<string, never>> = gql`
  query MyPasskeys {
    myPasskeys { ${passkeyFields} }
  }
`;

export const PASSKEY_REGISTRATION_OPTIONS: TypedDocumentNode<
  { passkeyRegistrationOptions: PublicKeyCredentialCreationOptionsJSON },
  Record<string, never>
> = gql`
  mutation PasskeyRegistrationOptions {
    passkeyRegistrationOptions
  }
`;

export const ADD_PASSKEY: TypedDocumentNode<
  { addPasskey: Passkey },
  { response: RegistrationResponseJSON; name: string }
> = gql`
  mutation AddPasskey($response: JSON!, $name: String!) {
    addPasskey(response: $response, name: $name) { ${passkeyFields} }
  }
`;

export const RENAME_PASSKEY: TypedDocumentNode<{ renamePasskey: Passkey }, { id: string; name: string }> =
  gql`
  mutation RenamePasskey($id: ID!, $name: String!) {
    renamePasskey(id: $id, name: $name) { ${passkeyFields} }
  }
`;

export const REMOVE_PASSKEY: TypedDocumentNode<{ removePasskey: boolean }, { id: string }> = gql`
  mutation RemovePasskey($id: ID!) {
    removePasskey(id: $id)
  }
`;
