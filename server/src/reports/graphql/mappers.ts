import type { WorkspaceAccess } from '../../identity/index.js';
import type { WorkspaceMetadata } from '../../metadata/index.js';
import { canEdit } from '../../views/index.js';
import type { DashboardRow, ReportRow } from '../entity.js';
import type { DashboardFilters, ReportDefinition, ReportSchedule } from '../model.js';
import type { WidgetInput } from '../dashboards.js';
import type {
  DashboardFiltersInput,
  DashboardWidgetInput,
  ReportDefinitionInput,
  ReportScheduleInput,
} from './inputs.js';
import type { DashboardType, ReportType } from './types.js';

export function toDefinition(input: ReportDefinitionInput, callerTimeZone: string | null): ReportDefinition {
  return {
    object: input.object,
    filter: (input.filter ?? null) as ReportDefinition['filter'],
    groupBy: (input.groupBy ?? []).map((g) => ({ field: g.field, bucket: g.bucket ?? null })),
    measures: input.measures.map((m) => ({
      kind: m.kind,
      field: m.field ?? null,
      ...(m.until ? { until: m.until } : {}),
      label: m.label ?? null,
    })),
    sort: (input.sort ?? []).map((s) => ({ key: s.key, direction: s.direction })),
    limit: input.limit ?? null,
    timeZone: input.timeZone ?? callerTimeZone ?? 'UTC',
    dateField: input.dateField ?? null,
  };
}

export function toSchedule(input: ReportScheduleInput): ReportSchedule {
  return {
    frequency: input.frequency,
    hour: input.hour,
    recipients: input.recipients,
    format: input.format ?? 'CSV',
  };
}

export function toWidgets(input: DashboardWidgetInput[]): WidgetInput[] {
  return input.map((w) => ({ ...w, id: w.id ?? null, title: w.title ?? null }));
}

export function toFilters(input: DashboardFiltersInput): DashboardFilters {
  return {
    dateRange: (input.dateRange ?? null) as DashboardFilters['dateRange'],
    members: input.members ?? null,
    memberField: input.memberField ?? null,
  };
}

export function toReportType(
  row: ReportRow,
  access: WorkspaceAccess,
  metadata: WorkspaceMetadata,
): ReportType {
  const object = metadata.objects.find((o) => o.id === row.objectId);
  return {
    id: row.id,
    name: row.name,
    shared: row.shared,
    owner: row.owner as unknown as ReportType['owner'],
    object: object?.key ?? row.definition.object,
    definition: {
      ...row.definition,
      groupBy: row.definition.groupBy.map((g) => ({ field: g.field, bucket: g.bucket ?? null })),
      measures: row.definition.measures.map((m) => ({
        kind: m.kind,
        field: m.field ?? null,
        until: m.until ?? null,
        label: m.label ?? null,
      })),
    } as unknown as ReportType['definition'],
    schedule: (row.schedule ?? null) as ReportType['schedule'],
    editable: canEdit(row as never, access),
    templateKey: row.templateKey ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toDashboardType(row: DashboardRow, access: WorkspaceAccess): DashboardType {
  return {
    id: row.id,
    name: row.name,
    shared: row.shared,
    owner: row.owner as unknown as DashboardType['owner'],
    widgets: row.widgets,
    filters: {
      dateRange: row.filters.dateRange ?? null,
      members: row.filters.members ?? null,
      memberField: row.filters.memberField ?? null,
    },
    editable: canEdit(row as never, access),
    templateKey: row.templateKey ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
