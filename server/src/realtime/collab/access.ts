import type { IncomingMessage } from 'node:http';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  authenticate,
  can,
  readSessionCookie,
  TwoFactorRequired,
  type Caller,
  type Credentials,
  type Role,
} from '../../identity/index.js';
import {
  activeFields,
  activeObjects,
  type FieldDef,
  type MetadataCache,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../../metadata/index.js';
import { AppError } from '../../platform/index.js';
import {
  checkRowScope,
  guardWrite,
  type RecordAccessViews,
  type RecordContext,
  type RecordRow,
  type RecordStore,
} from '../../records/index.js';
import {
  parseDocumentName,
  type DocumentName,
  type DraftDocumentName,
  type FieldDocumentName,
} from './document-name.js';
import type { DraftSource } from './draft-documents.js';

/** What a connection to one document carries in its Hocuspocus context. */
export interface CollabContext {
  userId: string;
  /** The name presence shows for this connection, whatever the client claims. */
  userName: string;
  role: Role;
  document: DocumentName;
  /** The caller as authenticated, so the socket closes when its session or token is revoked. */
  caller?: Caller;
}

/**
 * A refusal sent to the provider as `authenticationFailed` with this reason. Its message
 * is empty on purpose: Hocuspocus prints hook errors that have one to the console.
 */
export class CollabRefusal extends Error {
  constructor(readonly reason: string) {
    super('');
    this.name = 'CollabRefusal';
  }
}

export interface AuthorizeRequest {
  documentName: string;
  /** The provider's `token`; empty when it sent none. */
  token: string;
  request: IncomingMessage;
}

/** What authorizing a document needs from the endpoint. */
export interface AuthorizeDeps {
  orm: MikroORM;
  store: RecordStore;
  /** The workspace's metadata by the version read with the caller: no full load per connection. */
  metadataCache: MetadataCache;
  recordAccess?: RecordAccessViews;
  drafts?: DraftSource;
}

/**
 * Authenticates like the API — a bearer token (the provider's `token`) or the session
 * cookie of the upgrade request — for the workspace the document name selects, and
 * checks that the document exists. Viewers get a read-only connection.
 */
export async function authorizeDocument(
  { orm, store, metadataCache, recordAccess, drafts }: AuthorizeDeps,
  { documentName, token, request }: AuthorizeRequest,
): Promise<{ context: CollabContext; readOnly: boolean }> {
  const document = parseDocumentName(documentName);
  if (!document) throw new CollabRefusal(`Unknown document "${documentName.slice(0, 200)}".`);
  const credentials: Credentials = token
    ? { bearerToken: token, workspaceId: document.workspaceId }
    : { sessionSecret: readSessionCookie(request.headers.cookie), workspaceId: document.workspaceId };
  if (!credentials.bearerToken && !credentials.sessionSecret) {
    throw new CollabRefusal('Unauthenticated: send a session cookie or a token.');
  }
  const em = orm.em.fork();
  const caller = await authenticate(em, credentials).catch((error: unknown) => {
    if (error instanceof AppError) throw new CollabRefusal(`Unauthenticated: ${error.message}`);
    throw error;
  });
  if (!caller) throw new CollabRefusal('Unauthenticated: the session has expired; sign in again.');
  if (caller.workspace?.id !== document.workspaceId) {
    throw new CollabRefusal(
      `Forbidden: ${caller.workspaceRefusal ?? 'this document belongs to another workspace.'}`,
    );
  }
  if (caller.workspace.twoFactorMissing)
    throw new CollabRefusal(`Forbidden: ${new TwoFactorRequired().message}`);
  const { role, metadataVersion } = caller.workspace;
  const metadata = () => metadataCache.require(em, document.workspaceId, metadataVersion);
  let outOfScope = false;
  if (document.kind === 'field') {
    if (recordAccess) {
      outOfScope = await checkProfile(
        em,
        store,
        recordAccess,
        await metadata(),
        document,
        caller.user.id,
        role,
      );
    } else await resolveFieldDocument(em, store, await metadata(), document, caller.user.id);
  }
  if (document.kind === 'draft') {
    outOfScope = await checkDraft(em, store, drafts, recordAccess, metadata, document, caller.user.id, role);
  }
  return {
    context: { userId: caller.user.id, userName: caller.user.name, role, document, caller },
    // Presence rooms have no content: awareness only, for everyone.
    readOnly: document.kind === 'presence' || !can(role, 'records.write') || outOfScope,
  };
}

/**
 * The caller's permission profile on a field document: a hidden field or a record outside the
 * read scope is an unknown document (existence not revealed); answers whether the record or
 * field is out of the update scope, which makes the connection read-only.
 */
async function checkProfile(
  em: EntityManager,
  store: RecordStore,
  recordAccess: RecordAccessViews,
  full: WorkspaceMetadata,
  name: FieldDocumentName,
  userId: string,
  role: Role,
): Promise<boolean> {
  const { metadata, scope } = await recordAccess.forCaller(name.workspaceId, userId, role, full);
  const { object, field } = findLongTextField(metadata, name);
  const [record] = await store.getMany(
    { em, metadata, actorId: userId, ...(scope ? { scope } : {}) },
    object,
    [name.recordId],
  );
  if (!record) throw new CollabRefusal(`Unknown document: no ${object.labelSingular} ${name.recordId}.`);
  if (!scope) return false;
  return updateRefused({ em, metadata, actorId: userId, scope }, object, name.recordId, [
    { [field.key]: null },
  ]);
}

/** Whether the profile refuses updating the record (these fields of it): a read-only connection. */
async function updateRefused(
  ctx: RecordContext,
  object: ObjectDef,
  recordId: string,
  inputs: Record<string, unknown>[],
): Promise<boolean> {
  try {
    guardWrite(ctx, object, { action: 'update', inputs });
    await checkRowScope(ctx, object, 'update', [recordId]);
    return false;
  } catch (error) {
    if (error instanceof AppError) return true;
    throw error;
  }
}

/**
 * A draft has the record's rights: a template without that draft block, or a record the caller
 * cannot read, is an unknown document; a record they cannot update gives a read-only connection.
 */
async function checkDraft(
  em: EntityManager,
  store: RecordStore,
  drafts: DraftSource | undefined,
  recordAccess: RecordAccessViews | undefined,
  workspaceMetadata: () => Promise<WorkspaceMetadata>,
  name: DraftDocumentName,
  userId: string,
  role: Role,
): Promise<boolean> {
  const unknown = () =>
    new CollabRefusal(`Unknown document: no draft “${name.blockKey}” for ${name.recordId}.`);
  const objectId = await drafts?.objectOf(em, name.workspaceId, name.templateId, name.blockKey);
  if (!objectId) throw unknown();
  const full = await workspaceMetadata();
  const { metadata, scope } = recordAccess
    ? await recordAccess.forCaller(name.workspaceId, userId, role, full)
    : { metadata: full, scope: undefined };
  const object = activeObjects(metadata).find((o) => o.id === objectId);
  if (!object) throw unknown();
  const ctx: RecordContext = { em, metadata, actorId: userId, ...(scope ? { scope } : {}) };
  const [record] = await store.getMany(ctx, object, [name.recordId]);
  if (!record) throw unknown();
  return scope ? updateRefused(ctx, object, name.recordId, []) : false;
}

export interface ResolvedField {
  metadata: WorkspaceMetadata;
  object: ObjectDef;
  field: FieldDef;
  record: RecordRow;
}

/** The live object and long-text field a document name points at, or a refusal. */
export function findLongTextField(
  metadata: WorkspaceMetadata,
  name: FieldDocumentName,
): { object: ObjectDef; field: FieldDef } {
  const object = activeObjects(metadata).find((o) => o.key === name.objectKey);
  const field = object && activeFields(object).find((f) => f.key === name.fieldKey);
  if (!object || !field || field.type !== 'LONG_TEXT' || !field.column) {
    throw new CollabRefusal(`Unknown document: no long-text field "${name.objectKey}.${name.fieldKey}".`);
  }
  return { object, field };
}

/** The record a document belongs to (not deleted), or a refusal. */
export async function findRecord(
  em: EntityManager,
  store: RecordStore,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  name: FieldDocumentName,
  actorId: string,
): Promise<RecordRow> {
  const [record] = await store.getMany({ em, metadata, actorId }, object, [name.recordId]);
  if (!record) throw new CollabRefusal(`Unknown document: no ${object.labelSingular} ${name.recordId}.`);
  return record;
}

/** The live object, long-text field and record a document name points at, or a refusal. */
export async function resolveFieldDocument(
  em: EntityManager,
  store: RecordStore,
  metadata: WorkspaceMetadata,
  name: FieldDocumentName,
  actorId: string,
): Promise<ResolvedField> {
  const { object, field } = findLongTextField(metadata, name);
  const record = await findRecord(em, store, metadata, object, name, actorId);
  return { metadata, object, field, record };
}

/** A long-text value as the document's text: null is the empty text. */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
