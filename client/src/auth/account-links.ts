import { gql, type TypedDocumentNode } from '@apollo/client/core';

/** Password reset and address verification: the links the server mails. */
export const REQUEST_PASSWORD_RESET: TypedDocumentNode<{ requestPasswordReset: boolean }, { email: string }> =
  gql`
    mutation RequestPasswordReset($email: String!) {
      requestPasswordReset(email: $email)
    }
  `;

export const RESET_PASSWORD: TypedDocumentNode<
  { resetPassword: boolean },
  { token: string; password: string }
> = gql`
  mutation ResetPassword($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password)
  }
`;

export const VERIFY_EMAIL: TypedDocumentNode<{ verifyEmail: boolean }, { token: string }> = gql`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token)
  }
`;

export const EMAIL_VERIFIED: TypedDocumentNode<
  { me: { emailVerified: boolean } | null },
  Record<string, never>
> = gql`
  query EmailVerified {
    me {
      emailVerified
    }
  }
`;

export const REQUEST_EMAIL_VERIFICATION: TypedDocumentNode<
  { requestEmailVerification: boolean },
  Record<string, never>
> = gql`
  mutation RequestEmailVerification {
    requestEmailVerification
  }
`;
