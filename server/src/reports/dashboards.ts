import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User, Workspace, type WorkspaceAccess } from '../identity/index.js';
import { BadInput, isUuid } from '../platform/index.js';
import { readAccess, requireEditable, requireShare, requireVisible } from './access.js';
import { DashboardRow, ReportRow } from './entity.js';
import { chartTypes, type DashboardFilters, type DashboardWidget } from './model.js';
import { checkName } from './reports.js';
import type { ReportContext } from './services.js';

/** Dashboards: a grid of report widgets with filters applied to every widget. */

export type WidgetInput = Omit<DashboardWidget, 'id'> & { id?: string | null };

const gridColumns = 24;

async function checkWidgets(
  em: EntityManager,
  access: WorkspaceAccess,
  widgets: WidgetInput[],
  path: string[],
): Promise<DashboardWidget[]> {
  if (widgets.length > 50) throw new BadInput(path, 'At most 50 widgets on a dashboard.');
  const ids = [...new Set(widgets.map((w) => w.reportId))];
  ids.forEach((id) => {
    if (!isUuid(id)) throw new BadInput(path, `“${String(id).slice(0, 40)}” is not a report id.`);
  });
  const reports = await em.find(
    ReportRow,
    { id: { $in: ids }, workspace: access.workspaceId },
    { populate: ['owner'] },
  );
  return widgets.map((w, i) => {
    const at = [...path, String(i)];
    const report = reports.find((r) => r.id === w.reportId);
    if (!report || !(report.shared || report.owner.id === access.caller.user.id))
      throw new BadInput([...at, 'reportId'], 'No such report, or one you cannot see.');
    if (!(chartTypes as readonly string[]).includes(w.chart))
      throw new BadInput([...at, 'chart'], `chart: one of ${chartTypes.join(', ')}.`);
    const int = (value: number, min: number, max: number, key: string) => {
      if (!Number.isInteger(value) || value < min || value > max)
        throw new BadInput([...at, key], `${key}: a whole number from ${min} to ${max}.`);
      return value;
    };
    const x = int(w.x, 0, gridColumns - 1, 'x');
    return {
      id: w.id && isUuid(w.id) ? w.id : randomUUID(),
      reportId: report.id,
      chart: w.chart,
      title: w.title?.trim().slice(0, 100) || null,
      x,
      y: int(w.y, 0, 10_000, 'y'),
      w: int(w.w, 1, gridColumns - x, 'w'),
      h: int(w.h, 1, 48, 'h'),
    };
  });
}

function checkFilters(filters: DashboardFilters, path: string[]): DashboardFilters {
  const range = filters.dateRange;
  if (range !== null && (typeof range !== 'object' || Array.isArray(range)))
    throw new BadInput(
      [...path, 'dateRange'],
      'dateRange: a date filter such as {gte, lt} or {within: {period}}.',
    );
  (filters.members ?? []).forEach((id, i) => {
    if (!isUuid(id)) throw new BadInput([...path, 'members', String(i)], 'members: user ids.');
  });
  return {
    dateRange: range ?? null,
    members: filters.members?.length ? filters.members : null,
    memberField: filters.memberField || null,
  };
}

/** A dashboard the caller may change, for the change at hand. */
async function editableDashboard(
  em: EntityManager,
  access: WorkspaceAccess,
  id: string,
): Promise<DashboardRow> {
  const row = await em.findOne(DashboardRow, { id, workspace: access.workspaceId }, { populate: ['owner'] });
  return requireEditable(row, access, 'Dashboard');
}

export async function listDashboards(ctx: ReportContext): Promise<DashboardRow[]> {
  const access = readAccess(ctx);
  return ctx.em.find(
    DashboardRow,
    { workspace: access.workspaceId, $or: [{ shared: true }, { owner: access.caller.user.id }] },
    { populate: ['owner'], orderBy: [{ name: 'asc' }, { id: 'asc' }] },
  );
}

/**
 * Notes that a dashboard was opened, at most once an hour (a cheap update, usually of no row):
 * a starting server warms the last opened dashboards' rollups first (warm.ts).
 */
export async function noteDashboardRead(em: EntityManager, id: string): Promise<void> {
  await em.execute(
    `update dashboard set read_at = now() where id = ? and (read_at is null or read_at < now() - interval '1 hour')`,
    [id],
  );
}

export async function getDashboard(ctx: ReportContext, id: string): Promise<DashboardRow> {
  const access = readAccess(ctx);
  const row = await ctx.em.findOne(
    DashboardRow,
    { id, workspace: access.workspaceId },
    { populate: ['owner'] },
  );
  return requireVisible(row, access, 'Dashboard');
}

export async function createDashboard(
  ctx: ReportContext,
  input: {
    name: string;
    shared?: boolean | null;
    widgets?: WidgetInput[] | null;
    filters?: DashboardFilters | null;
  },
): Promise<DashboardRow> {
  const access = readAccess(ctx);
  if (input.shared) requireShare(access, 'dashboard');
  const name = checkName(input.name, ['input', 'name']);
  const created = await ctx.em.transactional(async (em) => {
    const row = em.create(DashboardRow, {
      workspace: em.getReference(Workspace, access.workspaceId),
      owner: em.getReference(User, access.caller.user.id),
      name,
      shared: input.shared ?? false,
      widgets: await checkWidgets(em, access, input.widgets ?? [], ['input', 'widgets']),
      filters: checkFilters(input.filters ?? { dateRange: null, members: null, memberField: null }, [
        'input',
        'filters',
      ]),
    });
    await em.flush();
    await em.populate(row, ['owner']);
    return row;
  });
  ctx.services.reportWarmer?.warmDashboard(access.workspaceId, created.id, created.widgets);
  return created;
}

export async function updateDashboard(
  ctx: ReportContext,
  id: string,
  patch: {
    name?: string | null;
    shared?: boolean | null;
    widgets?: WidgetInput[] | null;
    filters?: DashboardFilters | null;
  },
): Promise<DashboardRow> {
  const access = readAccess(ctx);
  const row = await ctx.em.transactional(async (em) => {
    const row = await editableDashboard(em, access, id);
    if (patch.shared && !row.shared) requireShare(access, 'dashboard');
    if (patch.name != null) row.name = checkName(patch.name, ['input', 'name']);
    if (patch.shared != null) row.shared = patch.shared;
    if (patch.widgets) row.widgets = await checkWidgets(em, access, patch.widgets, ['input', 'widgets']);
    if (patch.filters) row.filters = checkFilters(patch.filters, ['input', 'filters']);
    row.updatedAt = new Date();
    await em.flush();
    return row;
  });
  ctx.services.reportWatch.dashboardEdited(id);
  // New widgets, or new filters (another rollup for every widget); those kept already cost nothing.
  if (patch.widgets || patch.filters)
    ctx.services.reportWarmer?.warmDashboard(access.workspaceId, id, row.widgets);
  return row;
}

export async function deleteDashboard(ctx: ReportContext, id: string): Promise<boolean> {
  const access = readAccess(ctx);
  return ctx.em.transactional(async (em) => {
    const row = await editableDashboard(em, access, id);
    em.remove(row);
    await em.flush();
    return true;
  });
}
