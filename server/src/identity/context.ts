import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkspaceMetadata } from '../metadata/index.js';
import type { ChangeFeed } from '../realtime/index.js';
import type { FilterLimits, RecordStore } from '../records/index.js';
import type { EventBus, Logger } from '../platform/index.js';
import type { User } from './entities/index.js';
import type { AuthRateLimiter } from './rate-limit.js';
import type { Role } from './roles.js';

/** Who is calling and, when a workspace is selected and they belong to it, with which role. */
export interface Caller {
  user: User;
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  /** The selected workspace and the effective role there; null when none is selected or allowed. */
  workspace: {
    id: string;
    role: Role;
    /** The workspace's metadata version as read with the caller, when it was (saves a lookup). */
    metadataVersion?: number;
  } | null;
  /** Why `workspace` is null although one was asked for, for a clear error. */
  workspaceRefusal?: string;
}

export interface IdentitySettings {
  sessionTtlDays: number;
  cookieSecure: boolean;
}

/** Long-lived collaborators shared by every request of one server. */
export interface AppServices {
  events: EventBus;
  logger: Logger;
  identity: IdentitySettings;
  authLimiter: AuthRateLimiter;
  /** Gives a new workspace its record schema and standard objects, in the creating transaction. */
  provisionWorkspace: (em: EntityManager, workspaceId: string) => Promise<void>;
  /** Why a workspace's metadata could not become a GraphQL schema (name clashes); empty when it can. */
  schemaConflicts: (metadata: WorkspaceMetadata) => string[];
  /** Committed record changes, live and resumable. */
  changeFeed: ChangeFeed;
  /** The record store, for core resolvers that write records (board moves). */
  records: RecordStore;
  /** How deep and large a filter (typed argument, board filter, saved view) may be. */
  filterLimits: FilterLimits;
  /** Folder of the vertical templates. */
  templatesDir: string;
  /** Installs a template with its sample data into a workspace being created, in its transaction. */
  installTemplate: (
    em: EntityManager,
    workspaceId: string,
    actorId: string,
    key: string,
    path: string[],
  ) => Promise<void>;
}

/** Everything a resolver needs about its request, built once per request or socket operation. */
export interface RequestContext {
  /** A fork of the ORM's entity manager for this request alone. */
  em: EntityManager;
  caller: Caller | null;
  clientAddress: string;
  userAgent?: string;
  /** Set-Cookie values produced by sign-in and sign-out; written by the HTTP layer, ignored on sockets. */
  responseCookies: string[];
  transport: 'http' | 'ws';
  services: AppServices;
}
