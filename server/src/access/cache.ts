import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Role } from '../identity/index.js';
import { loadMetadata, qualified, type ObjectDef, type WorkspaceMetadata } from '../metadata/index.js';
import { onEachEvent, type EventBus, type Logger } from '../platform/index.js';
import { ruleFor } from './model.js';
import { recordScopeOf, scopeSql } from './record-scope.js';
import { metadataForView, schemaViewKey } from './schema-view.js';
import {
  pgArrayLiteral,
  type RecordAccessViews,
  type RecordScope,
  type RecordView,
  type Sql,
} from '../records/index.js';
import { loadAccessSnapshot, type AccessSnapshot } from './snapshot.js';

/** The part of a change event the gate reads and trims. */
export interface GatedEvent {
  objectId: string;
  recordId: string;
  changes: Record<string, [unknown, unknown]>;
}

interface Cached {
  at: number;
  state: Promise<{ metadata: WorkspaceMetadata; snapshot: AccessSnapshot }>;
}

/** A backstop only: every access or metadata change is announced on the bus and drops the entry. */
const ttlMs = 30_000;

/**
 * The workspace's access snapshot outside a GraphQL schema (boards, reports, change events).
 * Change events as a subscriber's permission profile lets them see them: events of records
 * outside their read scope are dropped (shares and owner/granting fields checked against the
 * record as committed), hidden fields are taken out of the values. The workspace's profiles and
 * teams are cached here and dropped on every `workspace.metadata` announcement (which every
 * access change makes), so a change counts for the next event. Owners, admins and unrestricted
 * profiles pass without a query.
 */
export class AccessCache implements RecordAccessViews {
  private readonly cache = new Map<string, Cached>();
  /** What ends each workspace's watch. */
  private readonly watched = new Map<string, () => Promise<void>>();

  constructor(
    private readonly orm: MikroORM,
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  /** Null when the subscriber's role sees everything whatever the profiles say. */
  forSubscriber<E extends GatedEvent>(
    workspaceId: string,
    userId: string,
    role: Role,
  ): ((event: E) => Promise<E | null>) | null {
    if (role === Role.OWNER || role === Role.ADMIN) return null;
    return async (event) => {
      const { metadata, snapshot } = await this.current(workspaceId);
      const profile = snapshot.profileOf(userId, role);
      if (!profile) return event;
      const object = metadata.objects.find((o) => o.id === event.objectId);
      if (!object) return null;
      const predicate = scopeSql(snapshot, object, ruleFor(profile, object.id).read, {
        userId,
        alias: 't',
        editOnly: false,
      });
      const readers = await this.readable(this.orm.em.fork(), metadata, object, event.recordId, [
        [userId, predicate],
      ]);
      if (!readers.has(userId)) return null;
      const hidden = object.fields.filter((f) => profile.fields[f.id] === 'HIDDEN').map((f) => f.key);
      if (!hidden.some((key) => key in event.changes)) return event;
      const changes = { ...event.changes };
      for (const key of hidden) delete changes[key];
      return { ...event, changes };
    };
  }

  /**
   * Of `userIds`, the members whose profile lets them read the record (owners and admins
   * always; non-members never): who may be told of it (a comment's mentions and followers).
   */
  async readersAmong(
    workspaceId: string,
    objectId: string,
    recordId: string,
    userIds: readonly string[],
  ): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const em = this.orm.em.fork();
    const members = await em.execute<{ user_id: string; role: Role }[]>(
      `select user_id, role from membership where workspace_id = ? and user_id = any(?::uuid[])`,
      [workspaceId, pgArrayLiteral([...new Set(userIds)])],
    );
    const { metadata, snapshot } = await this.current(workspaceId);
    const object = metadata.objects.find((o) => o.id === objectId);
    if (!object) return new Set();
    const checks = members.map(({ user_id: userId, role }) => {
      const profile = snapshot.profileOf(userId, role);
      const scope = profile ? ruleFor(profile, object.id).read : 'ALL';
      return [userId, scopeSql(snapshot, object, scope, { userId, alias: 't', editOnly: false })] as const;
    });
    return this.readable(em, metadata, object, recordId, checks);
  }

  /** Those users whose read predicate (null: every record) holds for the record: one statement for all. */
  private async readable(
    em: Pick<EntityManager, 'execute'>,
    metadata: WorkspaceMetadata,
    object: ObjectDef,
    recordId: string,
    who: readonly (readonly [string, Sql | null])[],
  ): Promise<Set<string>> {
    const readers = new Set(who.filter(([, predicate]) => !predicate).map(([userId]) => userId));
    const checks = who.flatMap(([userId, predicate]) => (predicate ? [{ userId, ...predicate }] : []));
    if (!checks.length) return readers;
    const [row] = await em.execute<Record<string, boolean>[]>(
      `select ${checks.map((c, i) => `(${c.sql}) as r${i}`).join(', ')} from ${qualified(metadata.schema, object.table)} t where t.id = ?`,
      [...checks.flatMap((c) => c.params), recordId],
    );
    checks.forEach((c, i) => row?.[`r${i}`] && readers.add(c.userId));
    return readers;
  }

  /** The metadata as the caller may see it and their record scope; owners and admins skip the cache. */
  async forCaller(
    workspaceId: string,
    userId: string,
    role: Role,
    metadata: WorkspaceMetadata,
  ): Promise<{ metadata: WorkspaceMetadata; scope?: RecordScope }> {
    if (role === Role.OWNER || role === Role.ADMIN) return { metadata };
    const { snapshot } = await this.current(workspaceId);
    const scope = recordScopeOf(snapshot, userId, role);
    const view = metadataForView(snapshot, metadata, schemaViewKey(snapshot, userId, role));
    return scope ? { metadata: view, scope } : { metadata: view };
  }

  async readersOf(
    em: Pick<EntityManager, 'execute'>,
    at: { workspaceId: string; metadata: WorkspaceMetadata; object: ObjectDef; recordId: string },
    userIds: readonly string[],
  ): Promise<Map<string, RecordView | null>> {
    const readers = new Map<string, RecordView | null>(userIds.map((id) => [id, null]));
    if (!userIds.length) return readers;
    const members = await em.execute<{ user_id: string; role: Role }[]>(
      `select user_id, role from membership where workspace_id = ? and user_id = any(?::uuid[])`,
      [at.workspaceId, pgArrayLiteral([...new Set(userIds)])],
    );
    const views = new Map<string, RecordView>();
    const checks: (readonly [string, Sql | null])[] = [];
    for (const { user_id: userId, role } of members) {
      const view = await this.forCaller(at.workspaceId, userId, role, at.metadata);
      const object = view.metadata.objects.find((o) => o.id === at.object.id);
      if (!object || object.archivedAt) continue;
      views.set(userId, view);
      checks.push([userId, view.scope?.rows(object, 'read', 't') ?? null]);
    }
    for (const userId of await this.readable(em, at.metadata, at.object, at.recordId, checks)) {
      readers.set(userId, views.get(userId)!);
    }
    return readers;
  }

  close(): void {
    for (const stop of this.watched.values()) void stop();
    this.watched.clear();
    this.cache.clear();
  }

  private current(workspaceId: string): Cached['state'] {
    const hit = this.cache.get(workspaceId);
    if (hit && Date.now() - hit.at < ttlMs) return hit.state;
    this.watch(workspaceId);
    const state = (async () => {
      const em = this.orm.em.fork();
      const metadata = await loadMetadata(em, workspaceId);
      return { metadata, snapshot: await loadAccessSnapshot(em, metadata) };
    })();
    const entry = { at: Date.now(), state };
    this.cache.set(workspaceId, entry);
    state.catch(() => this.cache.get(workspaceId) === entry && this.cache.delete(workspaceId));
    return state;
  }

  private watch(workspaceId: string): void {
    if (this.watched.has(workspaceId)) return;
    const stop = onEachEvent(
      this.bus.subscribe('workspace.metadata', workspaceId),
      () => this.cache.delete(workspaceId),
      (error) => {
        this.watched.delete(workspaceId);
        this.cache.delete(workspaceId);
        this.logger.warn({ err: error }, 'access cache metadata watch ended');
      },
    );
    this.watched.set(workspaceId, stop);
  }
}
