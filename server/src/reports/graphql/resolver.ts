import { Arg, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { loadMetadata } from '../../metadata/index.js';
import { resumedFrom } from '../../realtime/index.js';
import { objectsChangedSince } from '../../records/index.js';
import { BadInput, parseId } from '../../platform/index.js';
import { readAccess, readerFor } from '../access.js';
import {
  createDashboard,
  deleteDashboard,
  getDashboard,
  listDashboards,
  noteDashboardRead,
  updateDashboard,
} from '../dashboards.js';
import { drillDownFilter } from '../drill-down.js';
import type { DashboardRefresh } from '../live.js';
import {
  createReport,
  deleteReport,
  getReport,
  listReports,
  setReportSchedule,
  updateReport,
} from '../reports.js';
import { cachedRun, savedReportResult, watchedWidgets } from '../results.js';
import type { ReportContext } from '../services.js';
import {
  CreateDashboardInput,
  CreateReportInput,
  ReportDefinitionInput,
  ReportScheduleInput,
  UpdateDashboardInput,
  UpdateReportInput,
} from './inputs.js';
import { toDashboardType, toDefinition, toFilters, toReportType, toSchedule, toWidgets } from './mappers.js';
import {
  DashboardRefreshType,
  DashboardType,
  ReportDrillDownType,
  ReportResultType,
  ReportType,
} from './types.js';

const callerZone = (ctx: ReportContext) => readAccess(ctx).caller.user.timeZone ?? null;

async function present(ctx: ReportContext, row: Parameters<typeof toReportType>[0]): Promise<ReportType> {
  const access = readAccess(ctx);
  return toReportType(row, access, await loadMetadata(ctx.em, access.workspaceId));
}

@Resolver()
export class ReportResolver {
  @Query(() => [ReportType], {
    description: 'The reports you can see (shared and your own), of one object or all.',
  })
  async reports(
    @Arg('object', () => String, { nullable: true }) object: string | null,
    @Ctx() ctx: ReportContext,
  ): Promise<ReportType[]> {
    const access = readAccess(ctx);
    const metadata = await loadMetadata(ctx.em, access.workspaceId);
    return (await listReports(ctx, object)).map((row) => toReportType(row, access, metadata));
  }

  @Query(() => ReportType, { description: 'A report you can see (NOT_FOUND otherwise).' })
  async report(@Arg('id', () => ID) id: string, @Ctx() ctx: ReportContext): Promise<ReportType> {
    return present(ctx, await getReport(ctx, parseId('id', id)));
  }

  @Query(() => ReportResultType, {
    description:
      'A saved report’s data; with `dashboard`, as that dashboard’s widget (its date range and members applied).',
  })
  async reportResult(
    @Arg('id', () => ID) id: string,
    @Arg('dashboard', () => ID, { nullable: true }) dashboard: string | null,
    @Ctx() ctx: ReportContext,
  ): Promise<ReportResultType> {
    return savedReportResult(ctx, parseId('id', id), dashboard ? parseId('dashboard', dashboard) : null);
  }

  @Query(() => ReportResultType, { description: 'Runs an unsaved definition: the builder’s live preview.' })
  async runReport(
    @Arg('definition', () => ReportDefinitionInput) definition: ReportDefinitionInput,
    @Arg('dashboard', () => ID, { nullable: true }) dashboard: string | null,
    @Ctx() ctx: ReportContext,
  ): Promise<ReportResultType> {
    const filters = dashboard ? (await getDashboard(ctx, parseId('dashboard', dashboard))).filters : null;
    return cachedRun(ctx, toDefinition(definition, callerZone(ctx)), filters);
  }

  @Query(() => ReportDrillDownType, {
    description:
      'The view filter selecting the records of one cell (keys: one per group-by, as in ReportRow.keys). Give a saved report `id` or a `definition`.',
  })
  async reportDrillDown(
    @Arg('keys', () => [String], { nullable: 'items' }) keys: (string | null)[],
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('definition', () => ReportDefinitionInput, { nullable: true })
    definition: ReportDefinitionInput | null,
    @Arg('dashboard', () => ID, { nullable: true }) dashboard: string | null,
    @Arg('currency', () => String, {
      nullable: true,
      description:
        'The cell’s ReportRow.currency when the report measures money: only records in that currency (null: those without an amount). Omitted: every currency.',
    })
    currency: string | null | undefined,
    @Ctx() ctx: ReportContext,
  ): Promise<ReportDrillDownType> {
    const saved = id ? (await getReport(ctx, parseId('id', id))).definition : null;
    const chosen = saved ?? (definition ? toDefinition(definition, callerZone(ctx)) : null);
    if (!chosen) throw new BadInput(['id'], 'Give a report id or a definition.');
    const filters = dashboard ? (await getDashboard(ctx, parseId('dashboard', dashboard))).filters : null;
    return drillDownFilter(await readerFor(ctx), chosen, filters, keys, currency);
  }

  @Mutation(() => ReportType, {
    description: 'Saves a report, private unless shared (sharing takes a member).',
  })
  async createReport(
    @Arg('input', () => CreateReportInput) input: CreateReportInput,
    @Ctx() ctx: ReportContext,
  ): Promise<ReportType> {
    const row = await createReport(ctx, {
      name: input.name,
      shared: input.shared,
      definition: toDefinition(input.definition, callerZone(ctx)),
    });
    return present(ctx, row);
  }

  @Mutation(() => ReportType, {
    description: 'Changes a report: your own, or a shared one if you are an admin.',
  })
  async updateReport(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateReportInput) input: UpdateReportInput,
    @Ctx() ctx: ReportContext,
  ): Promise<ReportType> {
    const row = await updateReport(ctx, parseId('id', id), {
      name: input.name ?? undefined,
      shared: input.shared ?? undefined,
      definition: input.definition ? toDefinition(input.definition, callerZone(ctx)) : undefined,
    });
    return present(ctx, row);
  }

  @Mutation(() => Boolean)
  async deleteReport(@Arg('id', () => ID) id: string, @Ctx() ctx: ReportContext): Promise<boolean> {
    return deleteReport(ctx, parseId('id', id));
  }

  @Mutation(() => ReportType, { description: 'Mails the report on a schedule (null stops it).' })
  async setReportSchedule(
    @Arg('id', () => ID) id: string,
    @Arg('schedule', () => ReportScheduleInput, { nullable: true }) schedule: ReportScheduleInput | null,
    @Ctx() ctx: ReportContext,
  ): Promise<ReportType> {
    return present(
      ctx,
      await setReportSchedule(ctx, parseId('id', id), schedule ? toSchedule(schedule) : null),
    );
  }

  @Query(() => [DashboardType], { description: 'The dashboards you can see.' })
  async dashboards(@Ctx() ctx: ReportContext): Promise<DashboardType[]> {
    const access = readAccess(ctx);
    return (await listDashboards(ctx)).map((row) => toDashboardType(row, access));
  }

  @Query(() => DashboardType)
  async dashboard(@Arg('id', () => ID) id: string, @Ctx() ctx: ReportContext): Promise<DashboardType> {
    const row = await getDashboard(ctx, parseId('id', id));
    // A hint for start-up warming: the answer does not wait for it.
    void noteDashboardRead(ctx.em.fork(), row.id).catch(() => undefined);
    return toDashboardType(row, readAccess(ctx));
  }

  @Mutation(() => DashboardType)
  async createDashboard(
    @Arg('input', () => CreateDashboardInput) input: CreateDashboardInput,
    @Ctx() ctx: ReportContext,
  ): Promise<DashboardType> {
    const row = await createDashboard(ctx, {
      name: input.name,
      shared: input.shared,
      widgets: input.widgets ? toWidgets(input.widgets) : null,
      filters: input.filters ? toFilters(input.filters) : null,
    });
    return toDashboardType(row, readAccess(ctx));
  }

  @Mutation(() => DashboardType, {
    description: 'Changes what is given: widgets (the whole grid), filters, name, sharing.',
  })
  async updateDashboard(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateDashboardInput) input: UpdateDashboardInput,
    @Ctx() ctx: ReportContext,
  ): Promise<DashboardType> {
    const row = await updateDashboard(ctx, parseId('id', id), {
      name: input.name,
      shared: input.shared,
      widgets: input.widgets ? toWidgets(input.widgets) : null,
      filters: input.filters ? toFilters(input.filters) : null,
    });
    return toDashboardType(row, readAccess(ctx));
  }

  @Mutation(() => Boolean)
  async deleteDashboard(@Arg('id', () => ID) id: string, @Ctx() ctx: ReportContext): Promise<boolean> {
    return deleteDashboard(ctx, parseId('id', id));
  }

  @Subscription(() => DashboardRefreshType, {
    description:
      'Tells a dashboard which widgets changed, with their new results: after changes to their records (debounced and coalesced) or an edit of the dashboard. With `after` (a `changeCursor` read with the dashboard, before its widgets), the widgets whose records changed since that read are refreshed first.',
    subscribe: async ({ args, context }) => {
      const ctx = context as ReportContext;
      const { id, after } = args as { id: string; after?: string | null };
      const since = resumedFrom(after);
      const dashboard = await getDashboard(ctx, parseId('id', id));
      const reader = await readerFor(ctx);
      const widgets = await watchedWidgets(ctx, dashboard);
      const { schema } = reader.metadata;
      // Read after this call returns: an entity manager of its own.
      const em = ctx.em.fork();
      const objectIds = [...new Set(widgets.flatMap((w) => w.objectIds))];
      return ctx.services.reportWatch.watch(
        { access: readAccess(ctx), schema, dashboardId: dashboard.id },
        widgets,
        since ? () => objectsChangedSince(em, schema, objectIds, since) : undefined,
      );
    },
  })
  dashboardRefresh(
    @Root() event: DashboardRefresh,
    @Arg('id', () => ID) _id: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
  ): DashboardRefreshType {
    return event;
  }
}
