import type { NextFunction, Request, Response } from 'express';
import { actorOf, recordAudit } from '../audit/index.js';
import { requirePermission } from '../identity/index.js';
import { BadInput, parseId } from '../platform/index.js';
import { exportFileName, exportReport, exportTypes, type ExportFormat } from './export.js';
import { getReport } from './reports.js';
import { savedReportResult } from './results.js';
import type { ReportContext } from './services.js';

/**
 * `GET /export/reports/<id>.csv|.xlsx[?dashboard=<id>]`: a saved report's data as a download,
 * authenticated like `/graphql` (session cookie or bearer token; the workspace from the
 * `x-workspace-id` header or, for a plain link, `?workspace=`), read with the caller's rights.
 */
export function reportExportHandler(contextOf: (req: Request) => Promise<ReportContext>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const match = /^(.+)\.(csv|xlsx)$/i.exec(String(req.params.file ?? ''));
      if (!match) throw new BadInput(['file'], 'Ask for <report id>.csv or <report id>.xlsx.');
      const id = parseId('id', match[1]!);
      const format = match[2]!.toUpperCase() as ExportFormat;
      const dashboard =
        typeof req.query.dashboard === 'string' ? parseId('dashboard', req.query.dashboard) : null;
      const ctx = await contextOf(req);
      const report = await getReport(ctx, id);
      const data = await exportReport(await savedReportResult(ctx, id, dashboard), report.name, format);
      await recordAudit(ctx.em, {
        workspaceId: requirePermission(ctx, 'records.read').workspaceId,
        action: 'report.exported',
        by: actorOf(ctx),
        objectKey: 'report',
        targetIds: [id],
        targetNames: [report.name],
        details: { format, dashboardId: dashboard },
      });
      const file = exportFileName(report.name, format);
      res.setHeader('Content-Type', exportTypes[format]);
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${file.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file)}`,
      );
      res.setHeader('Cache-Control', 'private, no-store');
      res.send(data);
    } catch (error) {
      next(error);
    }
  };
}
