// Identity: workspaces, users, memberships and roles, sessions and API tokens, and
// the permission check every resolver goes through.
export { requireCaller, requirePermission, TwoFactorRequired, type WorkspaceAccess } from './access.js';
export { authenticate, type Credentials } from './authenticate.js';
export { CallerCache } from './caller-cache.js';
export { processRoutingKey as callerProcessRoutingKey } from './caller-presence.js';
export { pendingSignInUser } from './pending-sign-in.js';
export { passkeyOwner } from './passkeys/index.js';
export type {
  AuditedAction,
  AuditTrail,
  Caller,
  IdentityServices,
  IdentitySettings,
  RequestContext,
  SignInAccount,
  SsoSettings,
  TimeZoneChangedHook,
  WorkspaceCreatedHook,
} from './context.js';
export { identityEntities, Membership, User, Workspace } from './entities/index.js';
export { ApiTokenResolver } from './graphql/api-token-resolver.js';
export { AuthResolver } from './graphql/auth-resolver.js';
export { SecurityResolver } from './graphql/security-resolver.js';
export { PasskeyResolver } from './graphql/passkey-resolver.js';
export { SsoResolver } from './graphql/sso-resolver.js';
export { ssoRoutes } from './sso/index.js';
export { WorkspaceResolver } from './graphql/workspace-resolver.js';
export { workspaceName } from './workspaces.js';
export { UserType } from './graphql/types.js';
export { hashPassword } from './password.js';
export { LiveCredentials } from './live-credentials.js';
export { AuthRateLimiter } from './rate-limit.js';
export { can, Role, type Permission } from './roles.js';
export { readSessionCookie, sessionCookieName } from './session-cookie.js';
// The module's event topics (merged into platform's EventTopics) and their payloads.
export type { CallerChange, MemberEvent } from './topics.js';
export { identityMigrations } from './migrations/index.js';
