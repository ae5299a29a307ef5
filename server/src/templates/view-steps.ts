import { User, Workspace } from '../identity/index.js';
import { BadInput } from '../platform/index.js';
import { checkView, defaultColumns, specOf, type ViewPatch, ViewRow } from '../views/index.js';
import type { TemplateView } from './format.js';
import type { PlanInput, Step, StepRun } from './plan.js';
import { same } from './three-way.js';

/** Shared views: added once, and changed by an upgrade only while nobody edited them. */

function viewPatch(view: TemplateView): ViewPatch & { name: string } {
  return {
    name: view.name,
    type: view.type,
    shared: true,
    filter: (view.filter as ViewPatch['filter']) ?? null,
    sort: view.sort ?? null,
    ...(view.fields
      ? { fields: view.fields.map((f) => (typeof f === 'string' ? { key: f, width: null } : f)) }
      : {}),
    groupByField: view.groupByField ?? null,
    calendarField: view.calendarField ?? null,
    pageSize: view.pageSize ?? 50,
  };
}

function matches(row: ViewRow, view: TemplateView): boolean {
  const spec = specOf(row);
  const wanted = viewPatch(view);
  return (Object.keys(wanted) as (keyof typeof wanted)[]).every((key) =>
    same(spec[key as keyof typeof spec], wanted[key]),
  );
}

function activeObject(run: StepRun, key: string) {
  const object = run.tx.metadata.objects.find((o) => o.key === key && !o.archivedAt);
  if (!object) throw new BadInput(['key'], `The view’s object “${key}” is not in the workspace.`);
  return object;
}

async function addView(run: StepRun, view: TemplateView): Promise<void> {
  const metadata = await run.refresh();
  const object = activeObject(run, view.object);
  const patch = checkView(metadata, object, null, viewPatch(view));
  const em = run.tx.em;
  const row = em.create(ViewRow, {
    workspace: em.getReference(Workspace, run.tx.workspaceId),
    objectId: object.id,
    owner: em.getReference(User, run.actorId),
    name: view.name,
    type: view.type,
    shared: true,
    filter: patch.filter ?? null,
    sort: patch.sort ?? null,
    fields: patch.fields ?? defaultColumns(object),
    groupByFieldKey: patch.groupByField ?? null,
    calendarFieldKey: patch.calendarField ?? null,
    pageSize: patch.pageSize ?? 50,
    position: await em.count(ViewRow, { workspace: run.tx.workspaceId, objectId: object.id }),
  });
  await em.flush();
  run.viewIds[view.key] = row.id;
  run.announceView(row.id, 'CREATED');
}

async function updateView(run: StepRun, id: string, view: TemplateView): Promise<void> {
  const metadata = await run.refresh();
  const object = activeObject(run, view.object);
  const row = await run.tx.em.findOneOrFail(ViewRow, { id });
  const patch = checkView(metadata, object, specOf(row), viewPatch(view));
  Object.assign(row, {
    name: patch.name,
    type: patch.type,
    filter: patch.filter,
    sort: patch.sort,
    ...(patch.fields ? { fields: patch.fields } : {}),
    groupByFieldKey: patch.groupByField,
    calendarFieldKey: patch.calendarField,
    pageSize: patch.pageSize,
    updatedAt: new Date(),
  });
  run.announceView(id, 'UPDATED');
}

export async function viewSteps(input: PlanInput): Promise<Step[]> {
  const steps: Step[] = [];
  for (const view of input.template.views ?? []) {
    const id = input.viewIds[view.key];
    const target = `${view.object}.${view.key}`;
    if (!id) {
      steps.push({
        phase: 6,
        action: 'ADD_VIEW',
        target,
        description: `Add the shared ${view.type.toLowerCase()} view “${view.name}” of ${view.object}`,
        apply: (run) => addView(run, view),
      });
      continue;
    }
    const base = input.base?.views?.find((v) => v.key === view.key);
    if (!base || same(base, view)) continue;
    const row = await input.em.findOne(ViewRow, { id, workspace: input.metadata.workspaceId });
    if (!row || !matches(row, base)) continue; // deleted or edited in the workspace: left alone
    steps.push({
      phase: 6,
      action: 'UPDATE_VIEW',
      target,
      description: `Update the shared view “${view.name}” of ${view.object}`,
      apply: (run) => updateView(run, id, view),
    });
  }
  return steps;
}
