import type { EntityManager } from '@mikro-orm/postgresql';
import { Workspace } from '../identity/index.js';
import { readTogether, setBounded } from '../platform/index.js';
import { FieldDefRow, ObjectDefRow } from './entities.js';
import type { FieldDef, FieldOptions, ObjectDef, WorkspaceMetadata } from './model.js';
import { markShared } from './per-version.js';
import { systemFields } from './system-fields.js';

/** Stages saved before entry conditions existed read as having none. */
function withStageDefaults(options: FieldOptions): FieldOptions {
  if (!options.pipelines?.some((p) => p.stages.some((s) => !s.requires))) return options;
  const pipelines = options.pipelines.map((p) => ({
    ...p,
    stages: p.stages.map((s) => ({ ...s, requires: s.requires ?? [] })),
  }));
  return { ...options, pipelines };
}

export function toFieldDef(row: FieldDefRow): FieldDef {
  return {
    id: row.id,
    objectId: row.object.id,
    key: row.key,
    label: row.label,
    type: row.type,
    required: row.required,
    unique: row.unique,
    defaultValue: row.defaultValue ?? null,
    helpText: row.helpText ?? null,
    filterable: row.filterable,
    sortable: row.sortable,
    options: withStageDefaults(row.options),
    column: row.columnName ?? null,
    standard: row.standard,
    system: false,
    readOnly: row.type === 'RELATION' && row.options.relationKind === 'ONE_TO_MANY',
    position: row.position,
    archivedAt: row.archivedAt ?? null,
    translations: row.translations ?? {},
  };
}

function toObjectDef(row: ObjectDefRow, fields: FieldDef[]): ObjectDef {
  return {
    id: row.id,
    key: row.key,
    pluralKey: row.pluralKey,
    labelSingular: row.labelSingular,
    labelPlural: row.labelPlural,
    description: row.description ?? null,
    icon: row.icon ?? null,
    labelFieldId: row.labelFieldId ?? null,
    table: row.tableName,
    standard: row.standard,
    position: row.position,
    archivedAt: row.archivedAt ?? null,
    translations: row.translations ?? {},
    fields: [
      ...systemFields(row.id),
      ...fields.sort((a, b) => a.position - b.position || a.key.localeCompare(b.key)),
    ],
  };
}

/** Reads a workspace's whole metadata; callers cache it by version. */
export async function loadMetadata(em: EntityManager, workspaceId: string): Promise<WorkspaceMetadata> {
  const [workspace, objectRows, fieldRows] = await readTogether(em, [
    () => em.findOneOrFail(Workspace, { id: workspaceId }),
    () => em.find(ObjectDefRow, { workspace: workspaceId }, { orderBy: { position: 'asc', key: 'asc' } }),
    () => em.find(FieldDefRow, { workspace: workspaceId }),
  ]);
  const fieldsByObject = new Map<string, FieldDef[]>();
  for (const row of fieldRows) {
    const list = fieldsByObject.get(row.object.id) ?? [];
    list.push(toFieldDef(row));
    fieldsByObject.set(row.object.id, list);
  }
  return {
    workspaceId,
    version: workspace.metadataVersion,
    schema: workspace.schemaName ?? '',
    objects: objectRows.map((row) => toObjectDef(row, fieldsByObject.get(row.id) ?? [])),
  };
}

/**
 * Workspaces' metadata as of their current version, for what reads it often outside a cached
 * schema (subscriptions, co-editing, the reminder jobs): one indexed read of the version per
 * use, or none when the caller's authentication read it; a full load only after a metadata
 * change. The metadata is shared: callers must not change it.
 */
export class MetadataCache {
  private readonly entries = new Map<string, Promise<WorkspaceMetadata>>();

  constructor(private readonly capacity = 1_000) {}

  /**
   * Undefined for a workspace that no longer exists. `version`, the workspace's metadata
   * version as the caller's authentication read it, spares the lookup.
   */
  async get(
    em: EntityManager,
    workspaceId: string,
    version?: number,
  ): Promise<WorkspaceMetadata | undefined> {
    if (version === undefined) {
      const [row] = await em.execute<{ version: number }[]>(
        'select metadata_version as version from workspace where id = ?',
        [workspaceId],
      );
      if (!row) return undefined;
      version = row.version;
    }
    const cached = this.entries.get(workspaceId);
    if (cached && (await cached.catch(() => undefined))?.version === version) return cached;
    const loading = loadMetadata(em, workspaceId).then(markShared);
    setBounded(this.entries, workspaceId, loading, this.capacity);
    loading.catch(() => this.entries.get(workspaceId) === loading && this.entries.delete(workspaceId));
    return loading;
  }

  /** As `get`, for a workspace that must exist (a caller's): a missing one fails as loadMetadata does. */
  async require(em: EntityManager, workspaceId: string, version?: number): Promise<WorkspaceMetadata> {
    return (await this.get(em, workspaceId, version)) ?? loadMetadata(em, workspaceId);
  }
}
