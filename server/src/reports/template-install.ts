import type { EntityManager } from '@mikro-orm/postgresql';
import { User, Workspace } from '../identity/index.js';
import type { WorkspaceMetadata } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import { DashboardRow, ReportRow } from './entity.js';
import type { DashboardFilters, DashboardWidget, ReportDefinition } from './model.js';
import { checkDefinition } from './reports.js';

/**
 * What templates install: shared reports and dashboards, found again on upgrade by a stable
 * `<template>:<key>` (so an upgrade adds the missing ones and leaves the rest, edits included).
 */

export interface InstallTarget {
  em: EntityManager;
  workspaceId: string;
  ownerId: string;
  metadata: WorkspaceMetadata;
}

export async function installedReportIds(
  em: EntityManager,
  workspaceId: string,
  prefix: string,
): Promise<Record<string, string>> {
  const rows = await em.find(ReportRow, { workspace: workspaceId, templateKey: { $like: `${prefix}:%` } });
  return Object.fromEntries(rows.map((r) => [r.templateKey!, r.id]));
}

export async function installedDashboardKeys(em: EntityManager, workspaceId: string, prefix: string) {
  const rows = await em.find(DashboardRow, { workspace: workspaceId, templateKey: { $like: `${prefix}:%` } });
  return new Set(rows.map((r) => r.templateKey!));
}

export async function addTemplateReport(
  target: InstallTarget,
  templateKey: string,
  name: string,
  definition: ReportDefinition,
): Promise<string> {
  const { em } = target;
  const report = checkDefinition({ em, metadata: target.metadata, userId: target.ownerId }, definition, [
    'reports',
    templateKey,
  ]);
  const row = em.create(ReportRow, {
    workspace: em.getReference(Workspace, target.workspaceId),
    objectId: report.object.id,
    owner: em.getReference(User, target.ownerId),
    name,
    shared: true,
    definition,
    templateKey,
  });
  await em.flush();
  return row.id;
}

export async function addTemplateDashboard(
  target: InstallTarget,
  templateKey: string,
  name: string,
  widgets: (Omit<DashboardWidget, 'id' | 'reportId'> & { reportTemplateKey: string })[],
  filters: DashboardFilters,
): Promise<void> {
  const { em } = target;
  const reportIds = await installedReportIds(em, target.workspaceId, templateKey.split(':')[0]!);
  const placed = widgets.map((w, i) => {
    const reportId = reportIds[w.reportTemplateKey];
    if (!reportId)
      throw new BadInput(
        ['dashboards', templateKey, 'widgets', String(i), 'report'],
        'No such report in the template.',
      );
    const { reportTemplateKey: _key, ...rest } = w;
    return { ...rest, id: crypto.randomUUID(), reportId };
  });
  em.create(DashboardRow, {
    workspace: em.getReference(Workspace, target.workspaceId),
    owner: em.getReference(User, target.ownerId),
    name,
    shared: true,
    widgets: placed,
    filters,
    templateKey,
  });
  await em.flush();
}
