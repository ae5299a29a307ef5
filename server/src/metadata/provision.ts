import type { EntityManager } from '@mikro-orm/postgresql';
import { Workspace } from '../identity/index.js';
import { createWorkspaceSchemaSql, schemaNameFor, type WorkspaceSchemaPart } from './ddl.js';
import { addObject } from './objects.js';
import { standardObjects } from './standard-objects.js';
import { metadataTx } from './transaction.js';

/**
 * Gives a new workspace its record schema, with the tables of every part the app lists
 * (the change log, the stage history…), and the standard objects, inside the transaction
 * that creates the workspace: it exists complete or not at all.
 */
export async function provisionWorkspace(
  em: EntityManager,
  workspaceId: string,
  parts: readonly WorkspaceSchemaPart[],
): Promise<void> {
  const workspace = await em.findOneOrFail(Workspace, { id: workspaceId });
  const schema = schemaNameFor(workspaceId);
  workspace.schemaName = schema;
  const tasks: (() => Promise<unknown>)[] = [];
  const tx = metadataTx(em, { workspaceId, version: workspace.metadataVersion, schema, objects: [] }, tasks, {
    queued: true,
  });
  await tx.ddl(createWorkspaceSchemaSql(schema, parts));
  for (const object of standardObjects) {
    await addObject(tx, {
      ...object,
      standard: true,
      fields: object.fields?.map((f) => ({ ...f, standard: true })),
    });
  }
  await tx.settle();
  if (tasks.length) throw new Error('provisioning must not defer work past its transaction');
}
