import type { EntityManager } from '@mikro-orm/postgresql';
import { startCursor } from '../consumers/index.js';
import type { WorkspaceMetadata } from '../metadata/index.js';
import { resolveDefinition } from './check.js';
import type { MatchDefinition } from './definition.js';
import { matchingConsumerName } from './engine.js';
import { syncPairs } from './pairs.js';
import { saveDefinition } from './store.js';

/**
 * Installs a definition in the caller's transaction (a template's install or upgrade): saved,
 * its pairs among the records already there taken as known (no one is notified of matches that
 * predate it), and the consumer's cursor started where the log is now.
 */
export async function saveDefinitionIn(
  tx: { em: EntityManager; metadata: WorkspaceMetadata },
  input: unknown,
): Promise<MatchDefinition> {
  const definition = await saveDefinition(tx.em, tx.metadata, input);
  await syncPairs(tx.em, tx.metadata, resolveDefinition(tx.metadata, definition), null, { baseline: true });
  await startCursor(tx.em, tx.metadata, matchingConsumerName, { restart: true });
  return definition;
}
