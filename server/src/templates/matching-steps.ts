import { saveDefinitionIn, storedDefinition } from '../matching/index.js';
import type { PlanInput, Step } from './plan.js';
import { same } from './three-way.js';

/**
 * Match definitions by key, one definition a unit (like a rating model): added where the
 * workspace has none of that key, changed by an upgrade only while the workspace still holds
 * the installed version's definition; one the admin changed or removed stays as they left it.
 */
export async function matchingSteps(input: PlanInput): Promise<Step[]> {
  const steps: Step[] = [];
  for (const definition of input.template.matching ?? []) {
    const current = await storedDefinition(input.em, input.metadata.workspaceId, definition.key);
    const base = input.base?.matching?.find((d) => d.key === definition.key);
    if (base ? !current : current) continue; // removed by an admin, or the workspace's own
    if (current && (same(base, definition) || !same(stripped(current), stripped(base)))) continue;
    steps.push({
      // After fields (the criteria name them) and sample records (their pairs are the baseline).
      phase: 9,
      action: current ? 'UPDATE_MATCH_DEFINITION' : 'ADD_MATCH_DEFINITION',
      target: `matching.${definition.key}`,
      description: `${current ? 'Update' : 'Add'} the match definition ${definition.name} (${definition.criteria.length} criteria)`,
      apply: async (run) => {
        const metadata = await run.refresh();
        await saveDefinitionIn({ em: run.tx.em, metadata }, definition);
      },
    });
  }
  return steps;
}

/** As stored: JSON, so no undefined properties. */
const stripped = (d: object | undefined) =>
  d === undefined ? undefined : (JSON.parse(JSON.stringify(d)) as unknown);
