import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import { queryRows } from '../platform/index.js';
import type { RatingModel } from './model.js';

/** Stored models: `rating_model` rows, one per object. */

export interface StoredModel {
  id: string;
  workspaceId: string;
  object: ObjectDef;
  model: RatingModel;
}

/** The workspace's models on live objects. */
export async function modelsOf(em: EntityManager, metadata: WorkspaceMetadata): Promise<StoredModel[]> {
  const rows = await queryRows<{ id: string; object_id: string; model: RatingModel }>(
    em,
    'select id, object_id, model from rating_model where workspace_id = ? order by object_id',
    [metadata.workspaceId],
  );
  return rows.flatMap((row) => {
    const object = metadata.objects.find((o) => o.id === row.object_id && !o.archivedAt);
    return object ? [{ id: row.id, workspaceId: metadata.workspaceId, object, model: row.model }] : [];
  });
}

export async function saveModel(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  model: RatingModel,
): Promise<void> {
  await queryRows(
    em,
    `insert into rating_model (id, workspace_id, object_id, model) values (?, ?, ?, ?::jsonb)
     on conflict (workspace_id, object_id) do update set model = excluded.model, updated_at = now()`,
    [randomUUID(), metadata.workspaceId, object.id, JSON.stringify(model)],
  );
}

export async function deleteModel(
  em: EntityManager,
  workspaceId: string,
  object: ObjectDef,
): Promise<boolean> {
  const rows = await queryRows(
    em,
    'delete from rating_model where workspace_id = ? and object_id = ? returning id',
    [workspaceId, object.id],
  );
  return rows.length > 0;
}

/** Every workspace with a model (the nightly pass). */
export async function workspacesWithModels(em: EntityManager): Promise<string[]> {
  const rows = await queryRows<{ workspace_id: string }>(
    em,
    'select distinct workspace_id from rating_model',
  );
  return rows.map((r) => r.workspace_id);
}

/** The model of one object, by key, or null. */
export async function modelOfObject(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  objectKey: string,
): Promise<RatingModel | null> {
  return (await modelsOf(em, metadata)).find((m) => m.object.key === objectKey)?.model ?? null;
}

/**
 * The fields rating writes (score and band) per object key: derived values, so a record
 * whose only changes are to them is still untouched by people (a template's sample data).
 */
export async function ratedFields(
  em: EntityManager,
  metadata: WorkspaceMetadata,
): Promise<Map<string, Set<string>>> {
  return new Map(
    (await modelsOf(em, metadata)).map((m) => [
      m.object.key,
      new Set([m.model.scoreField, m.model.bandField]),
    ]),
  );
}
