import { modelOfObject, saveModelIn } from '../leads/index.js';
import type { PlanInput, Step } from './plan.js';
import { same } from './three-way.js';

/**
 * Lead-rating models by object, one model a unit (like an automation rule): added where the
 * object has none, changed by an upgrade only while the workspace still holds the installed
 * version's model; a model the admin edited or removed stays as the admin left it.
 */
export async function ratingSteps(input: PlanInput): Promise<Step[]> {
  const steps: Step[] = [];
  for (const { object, model } of input.template.ratingModels ?? []) {
    const current = await modelOfObject(input.em, input.metadata, object);
    const base = input.base?.ratingModels?.find((m) => m.object === object)?.model;
    if (base ? !current : current) continue; // removed by an admin, or the workspace's own
    if (current && (same(base, model) || !sameModel(current, base))) continue;
    steps.push({
      // After fields (the model may add its own) and sample records (rated by the model's first pass).
      phase: 9,
      action: current ? 'UPDATE_RATING_MODEL' : 'ADD_RATING_MODEL',
      target: `ratingModel.${object}`,
      description: `${current ? 'Update' : 'Add'} the lead-rating model of ${object} (${model.rules.length} rules)`,
      apply: async (run) => {
        await run.refresh();
        await saveModelIn(run.tx, object, model);
      },
    });
  }
  return steps;
}

/** The stored model against the installed version's (as saved: defaults filled in). */
function sameModel(current: object, base: object | undefined): boolean {
  const filled = {
    scoreField: 'leadScore',
    bandField: 'leadBand',
    thresholds: { hot: 60, warm: 30 },
    conversion: null,
  };
  const strip = (m: object) => JSON.parse(JSON.stringify({ ...filled, ...m })) as unknown;
  return base !== undefined && same(strip(current), strip(base));
}
