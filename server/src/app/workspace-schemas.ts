import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { Workspace } from '../identity/index.js';
import { loadMetadata, type WorkspaceMetadata } from '../metadata/index.js';

export interface SchemaEntry<TServer> {
  key: string;
  schema: GraphQLSchema;
  server: TServer;
}

export interface WorkspaceSchemasOptions<TServer> {
  core: SchemaEntry<TServer>;
  build: (metadata: WorkspaceMetadata) => GraphQLSchema;
  serve: (schema: GraphQLSchema) => Promise<TServer>;
  stop: (server: TServer) => Promise<void>;
  /** Workspaces whose schema stays built; the least recently used beyond that is dropped. */
  capacity?: number;
}

/**
 * Each workspace's merged schema (and the Apollo instance serving it), cached by
 * workspace and metadata version. Every request reads the version (one indexed
 * lookup, or read with the caller), so an admin's change is live for the next request of
 * every process.
 */
export class WorkspaceSchemas<TServer> {
  private readonly entries = new Map<string, { key: string; entry: Promise<SchemaEntry<TServer>> }>();
  private readonly capacity: number;

  constructor(private readonly options: WorkspaceSchemasOptions<TServer>) {
    this.capacity = options.capacity ?? 100;
  }

  get core(): SchemaEntry<TServer> {
    return this.options.core;
  }

  /** `workspace.metadataVersion`, when the caller's authentication read it, spares the lookup. */
  async forWorkspace(
    em: EntityManager,
    workspace: { id: string; metadataVersion?: number } | null | undefined,
  ): Promise<SchemaEntry<TServer>> {
    if (!workspace) return this.options.core;
    const workspaceId = workspace.id;
    const version =
      workspace.metadataVersion ??
      (await em.findOne(Workspace, { id: workspaceId }, { fields: ['metadataVersion'] }))?.metadataVersion;
    if (version === undefined) return this.options.core;
    const key = `${workspaceId}:${version}`;
    const cached = this.entries.get(workspaceId);
    this.entries.delete(workspaceId);
    if (cached?.key === key) {
      this.entries.set(workspaceId, cached);
      return cached.entry;
    }
    const entry = this.build(em, workspaceId);
    this.entries.set(workspaceId, { key, entry });
    entry.catch(() => this.entries.get(workspaceId)?.entry === entry && this.entries.delete(workspaceId));
    if (cached) this.retire(cached.entry);
    while (this.entries.size > this.capacity) {
      const [oldest, value] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.retire(value.entry);
    }
    return entry;
  }

  async close(): Promise<void> {
    const entries = await Promise.allSettled([...this.entries.values()].map((e) => e.entry));
    this.entries.clear();
    for (const result of entries)
      if (result.status === 'fulfilled') await this.options.stop(result.value.server);
  }

  private async build(em: EntityManager, workspaceId: string): Promise<SchemaEntry<TServer>> {
    const metadata = await loadMetadata(em.fork(), workspaceId);
    const schema = this.options.build(metadata);
    return { key: `${workspaceId}:${metadata.version}`, schema, server: await this.options.serve(schema) };
  }

  /** Requests that already hold an old schema finish on it; it stops a little later. */
  private retire(entry: Promise<SchemaEntry<TServer>>): void {
    setTimeout(
      () => void entry.then((e) => this.options.stop(e.server)).catch(() => undefined),
      30_000,
    ).unref();
  }
}
