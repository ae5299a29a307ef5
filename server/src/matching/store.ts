import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkspaceMetadata } from '../metadata/index.js';
import { queryRows } from '../platform/index.js';
import { resolveDefinition, type ResolvedDefinition } from './check.js';
import type { MatchDefinition } from './definition.js';

/** Stored definitions: `match_definition` rows, one per key. */

/** The workspace's definitions that still fit its metadata (one whose field was archived is skipped). */
export async function definitionsOf(
  em: EntityManager,
  metadata: WorkspaceMetadata,
): Promise<ResolvedDefinition[]> {
  const rows = await queryRows<{ definition: MatchDefinition }>(
    em,
    'select definition from match_definition where workspace_id = ? order by key',
    [metadata.workspaceId],
  );
  return rows.flatMap((row) => {
    try {
      return [resolveDefinition(metadata, row.definition)];
    } catch {
      return [];
    }
  });
}

/** The stored definition of `key`, as saved (unchecked), or null. */
export async function storedDefinition(
  em: EntityManager,
  workspaceId: string,
  key: string,
): Promise<MatchDefinition | null> {
  const [row] = await queryRows<{ definition: MatchDefinition }>(
    em,
    'select definition from match_definition where workspace_id = ? and key = ?',
    [workspaceId, key],
  );
  return row?.definition ?? null;
}

/** Checks and saves a definition (a template's install or upgrade), replacing one of its key. */
export async function saveDefinition(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  input: unknown,
): Promise<MatchDefinition> {
  const { definition } = resolveDefinition(metadata, input);
  await queryRows(
    em,
    `insert into match_definition (id, workspace_id, key, definition) values (?, ?, ?, ?::jsonb)
     on conflict (workspace_id, key) do update set definition = excluded.definition, updated_at = now()`,
    [randomUUID(), metadata.workspaceId, definition.key, JSON.stringify(definition)],
  );
  return definition;
}

/** Every stored definition of a workspace, unchecked (a template export). */
export async function storedDefinitions(em: EntityManager, workspaceId: string): Promise<MatchDefinition[]> {
  const rows = await queryRows<{ definition: MatchDefinition }>(
    em,
    'select definition from match_definition where workspace_id = ? order by key',
    [workspaceId],
  );
  return rows.map((r) => r.definition);
}
