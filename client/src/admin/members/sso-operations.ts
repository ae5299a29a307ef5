import { gql, type TypedDocumentNode } from '@apollo/client/core';
import type { Role } from '../../workspaces';

// Single sign-on settings of the current workspace (owners; docs/security.md "Single sign-on").

export interface SsoConnection {
  issuer: string;
  clientId: string;
  domains: string[];
  joinRole: Role;
  updatedAt: string;
}

export interface SsoSettings {
  available: boolean;
  redirectUri: string;
  connection: SsoConnection | null;
}

export interface SsoInput {
  issuer: string;
  clientId: string;
  clientSecret?: string | null;
  domains: string[];
  joinRole: Role;
}

const settingsFields = gql`
  fragment SsoSettingsFields on SsoSettings {
    available
    redirectUri
    connection {
      issuer
      clientId
      domains
      joinRole
      updatedAt
    }
  }
`;

export const SSO_SETTINGS: TypedDocumentNode<{ ssoSettings: SsoSettings }> = gql`
  query SsoSettings {
    ssoSettings {
      ...SsoSettingsFields
    }
  }
  ${settingsFields}
`;

export const CONFIGURE_SSO: TypedDocumentNode<{ configureSso: SsoSettings }, { input: SsoInput }> = gql`
  mutation ConfigureSso($input: SsoInput!) {
    configureSso(input: $input) {
      ...SsoSettingsFields
    }
  }
  ${settingsFields}
`;

export const REMOVE_SSO: TypedDocumentNode<{ removeSso: boolean }> = gql`
  mutation RemoveSso {
    removeSso
  }
`;
