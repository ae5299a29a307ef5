import type { Language } from '@crm/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventBus } from '../platform/index.js';
import type { AccountMailer } from './account-mail.js';
import type { User } from './entities/index.js';
import type { CallerCache } from './caller-cache.js';
import type { AuthRateLimiter } from './rate-limit.js';
import type { Role } from './roles.js';

/** Who is calling and, when a workspace is selected and they belong to it, with which role. */
export interface Caller {
  /** Not in the request's entity manager: a relation to it takes `em.getReference(User, user.id)`. */
  user: User;
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  /** A single sign-on session: the one workspace it reaches (its provider vouched for the user there). */
  ssoWorkspaceId?: string;
  /** The selected workspace and the effective role there; null when none is selected or allowed. */
  workspace: {
    id: string;
    role: Role;
    /** The workspace's metadata version as read with the caller, when it was (saves a lookup). */
    metadataVersion?: number;
    /** The workspace requires two-factor sign-in and the user has not set it up: no data. */
    twoFactorMissing?: boolean;
  } | null;
  /** Why `workspace` is null although one was asked for, for a clear error. */
  workspaceRefusal?: string;
}

export interface IdentitySettings {
  sessionTtlDays: number;
  cookieSecure: boolean;
  /** log2 of scrypt's N for new password hashes (PASSWORD_HASH_COST). */
  passwordHashCost: number;
  /** AES-256-GCM key for TOTP secrets (TWO_FACTOR_SECRET_KEY); none: kept unsealed. */
  twoFactorKey?: Buffer;
  /** The issuer an authenticator app shows beside the account (the server's host name). */
  twoFactorIssuer: string;
  /** PUBLIC_URL: passkeys belong to its host; unset, to the host each request names. */
  publicUrl?: string;
}

/**
 * Fills a workspace being created, inside its transaction: the app registers what other
 * modules add (its record schema and standard objects; on sign-up with a template, the
 * template), so identity knows none of them.
 */
export type WorkspaceCreatedHook = (
  em: EntityManager,
  workspace: { id: string; ownerId: string; template?: { key: string; path: string[] } },
) => Promise<void>;

/**
 * Inside the transaction that changed a user's time zone: what depends on it follows (their
 * reminders at a time of day), registered by the app so identity knows none of it.
 */
export type TimeZoneChangedHook = (em: EntityManager, userId: string) => Promise<void>;

/** What identity needs from the app, wired once per server. */
export interface IdentityServices {
  events: EventBus;
  identity: IdentitySettings;
  authLimiter: AuthRateLimiter;
  /** Recently authenticated callers; what revokes or changes one is announced through it. */
  callers: CallerCache;
  workspaceCreated: WorkspaceCreatedHook;
  timeZoneChanged: TimeZoneChangedHook;
  /** Invitations, password resets and address verification go out through it. */
  accountMail: AccountMailer;
  /** The admins' audit log (the app wires the audit module's), so identity knows none of it. */
  audit: AuditTrail;
  /** Single sign-on with OpenID Connect (docs/security.md). */
  sso: SsoSettings;
}

export interface SsoSettings {
  /** AES-256-GCM key that seals providers' client secrets (SSO_SECRET_KEY); none: SSO cannot be set up. */
  secretKey?: Buffer;
  /** Accept http:// issuers (SSO_ALLOW_HTTP_ISSUER): a provider on a private network, or tests. */
  allowHttpIssuer: boolean;
  /** Where this server is reached (PUBLIC_URL, else where it listens): the redirect URI starts with it. */
  publicBase: () => string;
}

/** What identity writes to the audit log: an action of the caller on members, invitations or tokens. */
export interface AuditedAction {
  workspaceId: string;
  /** Who acted when the request has no caller yet (a sign-in): the account's user. */
  actorUserId?: string | null;
  action: string;
  objectKey?: string;
  targetIds?: readonly string[];
  targetNames?: readonly string[];
  details?: Record<string, unknown>;
}

/** Whose sign-in it is: the e-mail typed, the pending two-factor sign-in's token, or the passkey offered. */
export type SignInAccount = { email: string } | { pendingToken: string } | { passkeyCredentialId: string };

export interface AuditTrail {
  /** Appends an entry by the caller of `ctx`, in the transaction of `db`. */
  record(db: Pick<EntityManager, 'execute'>, ctx: RequestContext, entry: AuditedAction): Promise<void>;
  /**
   * Runs a sign-in step and records its success (once a session exists, not after a password
   * that still needs a code) or failure for each workspace of the account `account` names.
   */
  signIn<T extends { user: { id: string }; twoFactorToken?: string | null }>(
    ctx: RequestContext,
    account: SignInAccount,
    attempt: () => Promise<T>,
  ): Promise<T>;
}

/** An identity resolver's context: the request with identity's own services. */
export type IdentityContext = RequestContext<IdentityServices>;

/**
 * Everything a resolver needs about its request, built once per request or socket
 * operation by the app. `services` holds what the app wired; each module types it with the
 * small interface it declares (IdentityServices, MetadataServices…) and sees nothing else.
 */
export interface RequestContext<Services = unknown> {
  /** A fork of the ORM's entity manager for this request alone. */
  em: EntityManager;
  caller: Caller | null;
  clientAddress: string;
  userAgent?: string;
  /** The Host header of the request (of the upgrade, on sockets): passkeys without PUBLIC_URL. */
  host?: string;
  /** Set-Cookie values produced by sign-in and sign-out; written by the HTTP layer, ignored on sockets. */
  responseCookies: string[];
  transport: 'http' | 'ws';
  /**
   * The caller's interface language: theirs if chosen, else the request's Accept-Language,
   * else the default. Metadata labels are answered in it.
   */
  language: Language;
  services: Services;
}
