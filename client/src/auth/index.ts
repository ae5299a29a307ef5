// Auth: sign-in and sign-up, the session (`me`) and its guard, and the workspace
// selection sent with every request.
export { ME_QUERY, type Me, type Membership, type Role, type User, type Workspace } from './operations';
export { createSessionGuard, twoFactorSetupPath } from './session-guard';
export { default as SignInPage } from './SignInPage.vue';
export { default as SignUpPage } from './SignUpPage.vue';
export { default as ForgotPasswordPage } from './ForgotPasswordPage.vue';
export { default as ResetPasswordPage } from './ResetPasswordPage.vue';
export { default as VerifyEmailPage } from './VerifyEmailPage.vue';
export { EMAIL_VERIFIED, REQUEST_EMAIL_VERIFICATION } from './account-links';
export { browserTimeZone, saveTimeZone, useMe } from './use-session';
export { saveLanguage } from './language';
export { passkeyCeremonyError } from './passkey-ceremony';
export { default as UserMenu } from './UserMenu.vue';
export {
  createWorkspaceSelection,
  currentMembership,
  workspaceSelection,
  workspaceStorageKey,
} from './workspace-selection';
