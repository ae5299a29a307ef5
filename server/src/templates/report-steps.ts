import {
  addTemplateDashboard,
  addTemplateReport,
  installedDashboardKeys,
  installedReportIds,
  type ReportDefinition,
} from '../reports/index.js';
import type { TemplateReport } from './format.js';
import type { PlanInput, Step, StepRun } from './plan.js';

/**
 * Shared reports and dashboards: added when missing (by `<template>:<key>`), never changed or
 * removed by an upgrade, so a member's edit and the data behind them stay.
 */

function definitionOf(report: TemplateReport): ReportDefinition {
  return {
    object: report.object,
    filter: (report.filter as ReportDefinition['filter']) ?? null,
    groupBy: (report.groupBy ?? []).map((g) => ({ field: g.field, bucket: g.bucket ?? null })),
    measures: report.measures.map((m) => ({
      kind: m.kind,
      field: m.field ?? null,
      ...(m.until ? { until: m.until } : {}),
      label: m.label ?? null,
    })),
    sort: report.sort ?? [],
    limit: report.limit ?? null,
    timeZone: null,
    dateField: report.dateField ?? null,
  };
}

async function target(run: StepRun) {
  return {
    em: run.tx.em,
    workspaceId: run.tx.workspaceId,
    ownerId: run.actorId,
    metadata: await run.refresh(),
  };
}

export async function reportSteps(input: PlanInput): Promise<Step[]> {
  const { template } = input;
  const workspaceId = input.metadata.workspaceId;
  const reports = await installedReportIds(input.em, workspaceId, template.key);
  const dashboards = await installedDashboardKeys(input.em, workspaceId, template.key);
  const steps: Step[] = [];
  for (const report of template.reports ?? []) {
    const key = `${template.key}:${report.key}`;
    if (reports[key]) continue;
    steps.push({
      phase: 6,
      action: 'ADD_REPORT',
      target: `${report.object}.${report.key}`,
      description: `Add the shared report “${report.name}” of ${report.object}`,
      apply: async (run) =>
        void (await addTemplateReport(await target(run), key, report.name, definitionOf(report))),
    });
  }
  for (const dashboard of template.dashboards ?? []) {
    const key = `${template.key}:${dashboard.key}`;
    if (dashboards.has(key)) continue;
    steps.push({
      phase: 6,
      action: 'ADD_DASHBOARD',
      target: dashboard.key,
      description: `Add the shared dashboard “${dashboard.name}”`,
      apply: async (run) =>
        addTemplateDashboard(
          await target(run),
          key,
          dashboard.name,
          dashboard.widgets.map(({ report, ...w }) => ({
            ...w,
            title: w.title ?? null,
            reportTemplateKey: `${template.key}:${report}`,
          })),
          { dateRange: null, members: null, memberField: null },
        ),
    });
  }
  return steps;
}
