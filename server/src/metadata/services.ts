import type { EntityManager } from '@mikro-orm/postgresql';
import type { IdentityServices, RequestContext, Role } from '../identity/index.js';
import type { EventBus } from '../platform/index.js';
import type { ObjectDef, WorkspaceMetadata } from './model.js';

/** A value a field type change could not convert, logged as a change so nothing is silently lost. */
export interface LostValueChange {
  objectId: string;
  recordId: string;
  kind: 'convert';
  /** Field key → [old, new] API values. */
  changes: Record<string, [unknown, unknown]>;
  version: number;
}

/** What metadata needs from the app, wired once per server. */
export interface MetadataServices {
  events: EventBus;
  /** A new metadata version is announced through it: cached callers carry the version. */
  callers: IdentityServices['callers'];
  /** Why a workspace's metadata could not become a GraphQL schema (name clashes); empty when it can. */
  schemaConflicts(metadata: WorkspaceMetadata): string[];
  /**
   * Inside the metadata change's transaction, with the metadata before and after it: the
   * app records it in the audit log, so metadata knows none of it.
   */
  metadataChanged(
    em: EntityManager,
    ctx: RequestContext,
    before: WorkspaceMetadata,
    after: WorkspaceMetadata,
  ): Promise<void>;
  /**
   * The metadata as a caller's permission profile sees it: hidden fields and unreadable objects
   * archived, and the fields it may see but not write (the access module computes it; owners
   * and admins see it all).
   */
  metadataViews: {
    forCaller(
      workspaceId: string,
      userId: string,
      role: Role,
      metadata: WorkspaceMetadata,
    ): Promise<{
      metadata: WorkspaceMetadata;
      scope?: { readOnlyKeys(object: ObjectDef): ReadonlySet<string> };
    }>;
  };
  /** The record store's logged writes, for the values a field type change rewrites. */
  records: {
    writeLogged(
      ctx: {
        em: EntityManager;
        metadata: WorkspaceMetadata;
        actorId: string;
        deferAfterCommit?: (task: () => Promise<void>) => void;
      },
      work: (em: EntityManager) => Promise<LostValueChange[]>,
    ): Promise<unknown>;
  };
}

/** A metadata resolver's context: the request with metadata's own services. */
export type MetadataContext = RequestContext<MetadataServices>;
