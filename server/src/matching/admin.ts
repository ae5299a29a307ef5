import { requirePermission } from '../identity/index.js';
import { changeMetadata } from '../metadata/index.js';
import { NotFound } from '../platform/index.js';
import { resolveDefinition } from './check.js';
import type { CriterionKind, MatchDefinition } from './definition.js';
import { syncPairs } from './pairs.js';
import type { MatchingContext } from './services.js';
import { saveDefinition, storedDefinition, storedDefinitions } from './store.js';
import { publishMatchesChanged } from './topics.js';

/** A criterion as the admin screen sends it (GraphQL nulls for what is left out). */
export interface CriterionInput {
  key: string;
  label?: string | null;
  kind: CriterionKind;
  seeker: string;
  candidate: string;
  weight: number;
  required?: boolean | null;
  tolerancePercent?: number | null;
}

/** What an admin may change of a definition: its name, threshold and criteria (sides stay the template's). */
export interface DefinitionEdit {
  name?: string | null;
  minScore?: number | null;
  criteria: CriterionInput[];
}

const criterionOf = (c: CriterionInput): MatchDefinition['criteria'][number] => ({
  key: c.key,
  ...(c.label?.trim() ? { label: c.label.trim() } : {}),
  kind: c.kind,
  candidate: c.candidate,
  seeker: c.seeker,
  weight: c.weight,
  ...(c.required ? { required: true } : {}),
  ...(c.tolerancePercent != null ? { tolerancePercent: c.tolerancePercent } : {}),
});

/**
 * An admin's edit of a stored definition: checked like a template's (errors under `input`, e.g.
 * `input.criteria.2.seeker`), saved as a metadata change (so the consumer reloads it), and every
 * pair rescored in the same transaction; open record pages whose matches changed are told after
 * commit. Pairs the edit brings in are not notified (it would tell agents of old records at once).
 */
export async function editDefinition(
  ctx: MatchingContext,
  key: string,
  edit: DefinitionEdit,
): Promise<MatchDefinition> {
  const { definition, changed, workspaceId } = await changeMetadata(ctx, async (tx) => {
    const current = await storedDefinition(tx.em, tx.workspaceId, key);
    if (!current) throw new NotFound(`The match definition “${key}”`);
    const next: MatchDefinition = {
      ...current,
      ...(edit.name != null ? { name: edit.name } : {}),
      ...(edit.minScore != null ? { minScore: edit.minScore } : {}),
      criteria: edit.criteria.map(criterionOf),
    };
    const resolved = resolveDefinition(tx.metadata, next, ['input']);
    const definition = await saveDefinition(tx.em, tx.metadata, resolved.definition);
    const sync = await syncPairs(tx.em, tx.metadata, resolved, null, { baseline: true });
    return { definition, changed: [...sync.seekers, ...sync.candidates], workspaceId: tx.workspaceId };
  });
  await publishMatchesChanged(ctx.services.events, workspaceId, changed);
  return definition;
}

/** A stored definition for the admin screen, with why it does not run now (an archived field…). */
export interface DefinitionForAdmin {
  definition: MatchDefinition;
  problem: string | null;
}

export async function definitionsForAdmin(ctx: MatchingContext): Promise<DefinitionForAdmin[]> {
  const access = requirePermission(ctx, 'metadata.write');
  const metadata = await ctx.services.metadataCache.require(ctx.em, access.workspaceId);
  return (await storedDefinitions(ctx.em, access.workspaceId)).map((definition) => {
    try {
      resolveDefinition(metadata, definition);
      return { definition, problem: null };
    } catch (error) {
      return { definition, problem: error instanceof Error ? error.message : String(error) };
    }
  });
}
