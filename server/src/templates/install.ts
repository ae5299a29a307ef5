import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, recordAudit } from '../audit/index.js';
import type { TimeTriggers } from '../automation/index.js';
import { requirePermission, Workspace, type RequestContext } from '../identity/index.js';
import {
  changeMetadata,
  loadMetadata,
  metadataWritesOf,
  metadataTx,
  type MetadataServices,
  type MetadataTx,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { AppError, BadInput, Conflict, type EventBus, type Logger, NotFound } from '../platform/index.js';
import type { RecordStore } from '../records/index.js';
import { loadTemplate } from './catalog.js';
import { TemplateInstallRow } from './entity.js';
import type { Template } from './format.js';
import { planSteps, type Step, type StepRun, type TemplatePlan } from './plan.js';
import type { TemplatePhotoSettings } from './photo-settings.js';

/** What installing needs from the server besides a transaction. */
export interface TemplateServices {
  records: RecordStore;
  /** Where installed views are announced (`viewChanged`) once committed; none from the CLI. */
  events?: EventBus;
  schemaConflicts(metadata: WorkspaceMetadata): string[];
  templatesDir: string;
  /** Told of the automation rules an install writes (date-relative and scheduled rules' jobs). */
  automationTimeTriggers: TimeTriggers;
  /** Sample photos are stored, and photo URLs fetched, with these. */
  templatePhotos: TemplatePhotoSettings;
}

/** A template resolver's context: the request with the services templates and their metadata changes need. */
export type TemplateContext = RequestContext<TemplateServices & MetadataServices & { logger: Logger }>;

export interface InstallOptions {
  withSampleData: boolean;
  actorId: string;
}

function findInstall(em: EntityManager, workspaceId: string, key: string) {
  return em.findOne(TemplateInstallRow, { workspace: workspaceId, key });
}

function toPlan(template: Template, install: TemplateInstallRow | null, steps: Step[]): TemplatePlan {
  return {
    key: template.key,
    fromVersion: install?.version ?? null,
    toVersion: template.version,
    upToDate: steps.length === 0 && install?.version === template.version,
    steps: steps.map(({ action, target, description }) => ({ action, target, description })),
  };
}

async function stepsFor(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  template: Template,
  withSampleData: boolean,
) {
  const install = await findInstall(em, metadata.workspaceId, template.key);
  if (install && install.version > template.version)
    throw new Conflict(
      `Version ${install.version} of “${template.key}” is installed; this file is the older version ${template.version}.`,
    );
  const steps = await planSteps({
    em,
    metadata,
    template,
    base: install?.definition ?? null,
    baseVersion: install?.version ?? null,
    viewIds: install?.viewIds ?? {},
    sampleLoaded: (install?.sampleRecords.length ?? 0) > 0,
    withSampleData,
  });
  return { install, steps };
}

/** The dry run: what installing `template` would change in the workspace. */
export async function planTemplate(
  em: EntityManager,
  workspaceId: string,
  template: Template,
  withSampleData: boolean,
): Promise<TemplatePlan> {
  const { install, steps } = await stepsFor(
    em,
    await loadMetadata(em, workspaceId),
    template,
    withSampleData,
  );
  return toPlan(template, install, steps);
}

/**
 * Computes the plan under the metadata transaction's lock and applies it step by step,
 * then records the installed version. Any failure rolls the whole install back.
 */
export async function applyTemplate(
  tx: MetadataTx,
  template: Template,
  options: InstallOptions &
    Pick<
      TemplateServices,
      'records' | 'events' | 'automationTimeTriggers' | 'templatePhotos' | 'templatesDir'
    >,
): Promise<TemplatePlan> {
  const { install, steps } = await stepsFor(tx.em, tx.metadata, template, options.withSampleData);
  // One event per view and install: a view the install creates and then translates arrives once, CREATED.
  const announced = new Set<string>();
  let loadedAfter: number | undefined;
  const run: StepRun = {
    tx,
    records: options.records,
    timeTriggers: options.automationTimeTriggers,
    actorId: options.actorId,
    viewIds: { ...install?.viewIds },
    announceView: (viewId, kind) => {
      if (announced.has(viewId)) return;
      announced.add(viewId);
      tx.afterCommit(async () => {
        const event = { viewId, kind, ownerId: options.actorId, shared: true };
        await options.events?.publish('workspace.views', tx.workspaceId, event);
      });
    },
    sampleRecords: [...(install?.sampleRecords ?? [])],
    photos: options.templatePhotos,
    templatesDir: options.templatesDir,
    storedFiles: [],
    // Reloaded only after a step wrote metadata rows: most steps (views, reports, records) write none.
    refresh: async () => {
      await tx.em.flush();
      const writes = metadataWritesOf(tx.em);
      if (writes !== loadedAfter) {
        tx.metadata = await loadMetadata(tx.em, tx.workspaceId);
        loadedAfter = writes;
      }
      return tx.metadata;
    },
  };
  for (const [at, step] of steps.entries()) {
    try {
      if (!queueable(step)) await step.apply(run);
      else {
        // New objects and fields read nothing back: their rows and DDL go in one flush and one
        // batch at the end of the run of them (it was a flush and a round trip each).
        await tx.queue(() => step.apply(run));
        const next = steps[at + 1];
        if (!next || !queueable(next)) await tx.settle();
      }
    } catch (error) {
      // The transaction rolls back: the bytes of the files stored so far go with it.
      for (const id of run.storedFiles) await options.templatePhotos.store.removeFile(tx.workspaceId, id);
      if (!(error instanceof AppError)) throw error;
      const message = `Template “${template.key}”, ${step.action} ${step.target}: ${error.message}`;
      throw error.code === 'CONFLICT' ? new Conflict(message) : new BadInput(['key'], message);
    }
  }
  const plan = toPlan(template, install, steps);
  await tx.em.flush();
  saveInstall(tx.em, install, tx.workspaceId, template, run, options.actorId);
  await tx.em.flush();
  return plan;
}

function saveInstall(
  em: EntityManager,
  install: TemplateInstallRow | null,
  workspaceId: string,
  template: Template,
  state: Pick<StepRun, 'viewIds' | 'sampleRecords'>,
  actorId: string,
): void {
  const row =
    install ??
    em.create(TemplateInstallRow, {
      workspace: em.getReference(Workspace, workspaceId),
      key: template.key,
      version: template.version,
      definition: template,
    });
  row.version = template.version;
  row.definition = template;
  row.viewIds = state.viewIds;
  row.sampleRecords = state.sampleRecords;
  row.installedBy = actorId;
  row.updatedAt = new Date();
}

const queueable = (step: Step) => step.action === 'CREATE_OBJECT' || step.action === 'ADD_FIELD';

/** Installs or upgrades through GraphQL: admins only, one metadata transaction. */
export async function installTemplate(
  ctx: TemplateContext,
  services: TemplateServices,
  template: Template,
  withSampleData: boolean,
): Promise<TemplatePlan> {
  const access = requirePermission(ctx, 'templates.install');
  const preview = await planTemplate(ctx.em, access.workspaceId, template, withSampleData);
  if (preview.upToDate) return preview;
  const options = {
    withSampleData,
    actorId: access.caller.user.id,
    records: services.records,
    events: services.events,
    automationTimeTriggers: services.automationTimeTriggers,
    templatePhotos: services.templatePhotos,
    templatesDir: services.templatesDir,
  };
  const apply = async (tx: MetadataTx): Promise<TemplatePlan> => {
    const applied = await applyTemplate(tx, template, options);
    await recordAudit(tx.em, {
      workspaceId: access.workspaceId,
      action: 'template.installed',
      by: actorOf(ctx),
      objectKey: 'template',
      targetIds: [applied.key],
      targetNames: [applied.key],
      details: { fromVersion: applied.fromVersion, toVersion: applied.toVersion, withSampleData },
    });
    return applied;
  };
  const plan = preview.steps.length
    ? await changeMetadata(ctx, apply)
    : await ctx.em.transactional(async (em) => {
        // Only the version moves: no metadata change, so no new metadata version.
        return apply(metadataTx(em, await loadMetadata(em, access.workspaceId), []));
      });
  if (plan.steps.some((s) => s.action === 'ADD_SAMPLE_RECORDS' || s.action === 'CREATE_RELATED_RECORDS'))
    await ctx.services.events.publish('workspace.changes', access.workspaceId, { lastChangeId: '0' });
  return plan;
}

/**
 * Installs into a workspace without a request (a new workspace being created, the
 * demo, the command line): the same plan and steps, with the engine's lock and
 * version bump done here. Call inside a transaction; run the returned tasks after it commits.
 */
export async function installInTransaction(
  em: EntityManager,
  services: TemplateServices,
  workspaceId: string,
  template: Template,
  options: InstallOptions & { newWorkspace?: boolean },
): Promise<{ plan: TemplatePlan; afterCommit: (() => Promise<unknown>)[] }> {
  const workspace = await em.findOneOrFail(
    Workspace,
    { id: workspaceId },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  const tasks: (() => Promise<unknown>)[] = [];
  const tx = metadataTx(em, await loadMetadata(em, workspaceId), tasks);
  // A workspace being created has empty tables: indexes are built in the transaction.
  if (options.newWorkspace) for (const object of tx.metadata.objects) tx.newObjects.add(object.id);
  const plan = await applyTemplate(tx, template, { ...options, ...services });
  if (plan.steps.length) {
    const conflicts = services.schemaConflicts(await loadMetadata(em, workspaceId));
    if (conflicts.length)
      throw new BadInput(['template'], `This template would clash in the API: ${conflicts.join('; ')}`);
    workspace.metadataVersion += 1;
    await em.flush();
  }
  return { plan, afterCommit: tasks };
}

/** Loads a template by key for a workspace being created; an unknown key is bad input. */
export async function templateForNewWorkspace(dir: string, key: string, path: string[]): Promise<Template> {
  try {
    return await loadTemplate(dir, key);
  } catch (error) {
    if (error instanceof NotFound) throw new BadInput(path, `There is no template “${key.slice(0, 70)}”.`);
    throw error;
  }
}
