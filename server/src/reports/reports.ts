import type { EntityManager } from '@mikro-orm/postgresql';
import { User, Workspace, type WorkspaceAccess } from '../identity/index.js';
import { expectEmail } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import { readAccess, readerFor, requireEditable, requireShare, requireVisible } from './access.js';
import { ReportRow } from './entity.js';
import type { ReportDefinition, ReportSchedule } from './model.js';
import { resolveReport } from './resolve.js';
import { planSchedule } from './schedule.js';
import { reportConditions, type ReportReader } from './run.js';
import type { ReportContext } from './services.js';

/** Saved reports: checked against metadata when saved, read again against it when run. */

export interface ReportPatch {
  name?: string;
  shared?: boolean;
  definition?: ReportDefinition;
}

export function checkName(name: string, path: string[]): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100) throw new BadInput(path, 'name: 1 to 100 characters.');
  return trimmed;
}

/** Refuses a definition that could not run: unknown fields, bad measures, a filter that does not compile. */
export function checkDefinition(reader: ReportReader, definition: ReportDefinition, path: string[]) {
  const report = resolveReport(reader.metadata, definition, path);
  reportConditions(reader, report, null, path);
  return report;
}

/** A report the caller may change, for the change at hand. */
async function editableReport(em: EntityManager, access: WorkspaceAccess, id: string): Promise<ReportRow> {
  const row = await em.findOne(ReportRow, { id, workspace: access.workspaceId }, { populate: ['owner'] });
  return requireEditable(row, access, 'Report');
}

export async function listReports(ctx: ReportContext, objectKey: string | null): Promise<ReportRow[]> {
  const reader = await readerFor(ctx);
  const access = readAccess(ctx);
  const live = reader.metadata.objects.filter((o) => !o.archivedAt && (!objectKey || o.key === objectKey));
  if (objectKey && !live.length)
    throw new BadInput(['object'], `No object “${objectKey.slice(0, 70)}” in this workspace.`);
  return ctx.em.find(
    ReportRow,
    {
      workspace: access.workspaceId,
      objectId: { $in: live.map((o) => o.id) },
      $or: [{ shared: true }, { owner: access.caller.user.id }],
    },
    { populate: ['owner'], orderBy: [{ name: 'asc' }, { id: 'asc' }] },
  );
}

export async function getReport(
  ctx: ReportContext,
  id: string,
  em: EntityManager = ctx.em,
): Promise<ReportRow> {
  const access = readAccess(ctx);
  const row = await em.findOne(ReportRow, { id, workspace: access.workspaceId }, { populate: ['owner'] });
  return requireVisible(row, access, 'Report');
}

export async function createReport(
  ctx: ReportContext,
  input: { name: string; shared?: boolean | null; definition: ReportDefinition },
): Promise<ReportRow> {
  const access = readAccess(ctx);
  if (input.shared) requireShare(access, 'report');
  const name = checkName(input.name, ['input', 'name']);
  const created = await ctx.em.transactional(async (em) => {
    const reader = await readerFor(ctx, em);
    const report = checkDefinition(reader, input.definition, ['input', 'definition']);
    const row = em.create(ReportRow, {
      workspace: em.getReference(Workspace, access.workspaceId),
      objectId: report.object.id,
      owner: em.getReference(User, access.caller.user.id),
      name,
      shared: input.shared ?? false,
      definition: input.definition,
    });
    await em.flush();
    await em.populate(row, ['owner']);
    return row;
  });
  ctx.services.reportWarmer?.warmReport(access.workspaceId, created.id);
  return created;
}

export async function updateReport(ctx: ReportContext, id: string, patch: ReportPatch): Promise<ReportRow> {
  const access = readAccess(ctx);
  const updated = await ctx.em.transactional(async (em) => {
    const row = await editableReport(em, access, id);
    if (patch.shared && !row.shared) requireShare(access, 'report');
    if (patch.name !== undefined) row.name = checkName(patch.name, ['input', 'name']);
    if (patch.shared !== undefined) row.shared = patch.shared;
    if (patch.definition) {
      const report = checkDefinition(await readerFor(ctx, em), patch.definition, ['input', 'definition']);
      row.definition = patch.definition;
      row.objectId = report.object.id;
    }
    row.updatedAt = new Date();
    await em.flush();
    return row;
  });
  // A new definition is a new rollup (its key is its SQL); the old one ages out of the process's kept set.
  if (patch.definition) ctx.services.reportWarmer?.warmReport(access.workspaceId, id);
  return updated;
}

export async function deleteReport(ctx: ReportContext, id: string): Promise<boolean> {
  const access = readAccess(ctx);
  return ctx.em.transactional(async (em) => {
    const row = await editableReport(em, access, id);
    em.remove(row);
    await em.flush();
    await planSchedule(em, { ...row, schedule: null } as ReportRow);
    return true;
  });
}

/** Sets (or with null, clears) when the report is mailed; the owner or an admin. */
export async function setReportSchedule(
  ctx: ReportContext,
  id: string,
  schedule: ReportSchedule | null,
): Promise<ReportRow> {
  const access = readAccess(ctx);
  if (schedule) {
    if (!Number.isInteger(schedule.hour) || schedule.hour < 0 || schedule.hour > 23)
      throw new BadInput(['schedule', 'hour'], 'hour: 0 to 23.');
    if (!schedule.recipients.length || schedule.recipients.length > 20)
      throw new BadInput(['schedule', 'recipients'], 'recipients: 1 to 20 addresses.');
    schedule.recipients = schedule.recipients.map((to, i) =>
      expectEmail(to, ['schedule', 'recipients', String(i)]),
    );
  }
  return ctx.em.transactional(async (em) => {
    const row = await editableReport(em, access, id);
    row.schedule = schedule;
    row.updatedAt = new Date();
    await em.flush();
    await planSchedule(em, row);
    return row;
  });
}
