import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { loadAccessSnapshot, schemaViewKey, type AccessSnapshot } from '../access/index.js';
import { Workspace, type Role } from '../identity/index.js';
import { loadMetadata, markShared, type WorkspaceMetadata } from '../metadata/index.js';

export interface SchemaEntry<TServer> {
  key: string;
  schema: GraphQLSchema;
  server: TServer;
}

export interface WorkspaceSchemasOptions<TServer> {
  core: SchemaEntry<TServer>;
  /** The schema of one view of the workspace (`view` '' is the full one; see schemaViewKey). */
  build: (metadata: WorkspaceMetadata, access: AccessSnapshot, view: string) => GraphQLSchema;
  serve: (schema: GraphQLSchema) => Promise<TServer>;
  stop: (server: TServer) => Promise<void>;
  /** Workspaces whose schemas stay built; the least recently used beyond that is dropped. */
  capacity?: number;
}

/** The caller as the cache needs it: who, and in which workspace with which role. */
export interface SchemaCaller {
  user: { id: string };
  workspace: { id: string; role: Role; metadataVersion?: number } | null;
}

interface WorkspaceEntry<TServer> {
  key: string;
  base: Promise<{ metadata: WorkspaceMetadata; access: AccessSnapshot }>;
  /** By view key: profiles that hide fields or objects get their own schema. */
  views: Map<string, Promise<SchemaEntry<TServer>>>;
}

/**
 * Each workspace's merged schemas (and the Apollo instances serving them), cached by
 * workspace and metadata version, then by the caller's schema view (a permission profile that
 * hides fields). Every request reads the version (one indexed lookup, or read with the
 * caller), and every metadata or access change bumps it, so an admin's change is live for
 * the next request of every process.
 */
export class WorkspaceSchemas<TServer> {
  private readonly entries = new Map<string, WorkspaceEntry<TServer>>();
  private readonly capacity: number;

  constructor(private readonly options: WorkspaceSchemasOptions<TServer>) {
    this.capacity = options.capacity ?? 100;
  }

  get core(): SchemaEntry<TServer> {
    return this.options.core;
  }

  /**
   * `workspace.metadataVersion`, when the caller's authentication read it, spares the lookup;
   * `request.em` (a request's, forked when first read) is read only for that lookup or a load.
   */
  async forWorkspace(
    request: { em: EntityManager },
    caller: SchemaCaller | null | undefined,
  ): Promise<SchemaEntry<TServer>> {
    const workspace = caller?.workspace;
    if (!caller || !workspace) return this.options.core;
    const workspaceId = workspace.id;
    const version =
      workspace.metadataVersion ??
      (await request.em.findOne(Workspace, { id: workspaceId }, { fields: ['metadataVersion'] }))
        ?.metadataVersion;
    if (version === undefined) return this.options.core;
    const entry = this.entryFor(request, workspaceId, `${workspaceId}:${version}`);
    const { metadata, access } = await entry.base;
    const view = schemaViewKey(access, caller.user.id, workspace.role);
    let built = entry.views.get(view);
    if (!built) {
      built = this.build(metadata, access, view);
      entry.views.set(view, built);
      built.catch(() => entry.views.get(view) === built && entry.views.delete(view));
    }
    return built;
  }

  async close(): Promise<void> {
    const views = [...this.entries.values()].flatMap((e) => [...e.views.values()]);
    this.entries.clear();
    for (const result of await Promise.allSettled(views))
      if (result.status === 'fulfilled') await this.options.stop(result.value.server);
  }

  private entryFor(
    request: { em: EntityManager },
    workspaceId: string,
    key: string,
  ): WorkspaceEntry<TServer> {
    const cached = this.entries.get(workspaceId);
    this.entries.delete(workspaceId);
    if (cached?.key === key) {
      this.entries.set(workspaceId, cached);
      return cached;
    }
    const base = (async () => {
      // A load every request of this version waits on, on a fork of its own.
      const fork = request.em.fork();
      const metadata = markShared(await loadMetadata(fork, workspaceId));
      return { metadata, access: await loadAccessSnapshot(fork, metadata) };
    })();
    const entry: WorkspaceEntry<TServer> = { key, base, views: new Map() };
    this.entries.set(workspaceId, entry);
    base.catch(() => this.entries.get(workspaceId) === entry && this.entries.delete(workspaceId));
    if (cached) this.retire(cached);
    while (this.entries.size > this.capacity) {
      const [oldest, value] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.retire(value);
    }
    return entry;
  }

  private async build(
    metadata: WorkspaceMetadata,
    access: AccessSnapshot,
    view: string,
  ): Promise<SchemaEntry<TServer>> {
    const schema = this.options.build(metadata, access, view);
    return {
      key: `${metadata.workspaceId}:${metadata.version}:${view}`,
      schema,
      server: await this.options.serve(schema),
    };
  }

  /** Requests that already hold an old schema finish on it; it stops a little later. */
  private retire(entry: WorkspaceEntry<TServer>): void {
    setTimeout(() => {
      for (const view of entry.views.values())
        void view.then((e) => this.options.stop(e.server)).catch(() => undefined);
    }, 30_000).unref();
  }
}
