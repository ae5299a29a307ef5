import type { NextFunction, Request, Response } from 'express';
import { BadInput } from '../platform/index.js';
import { exportPersonalData } from './export.js';
import type { PrivacyContext } from './services.js';

/**
 * `GET /export/privacy/<object>/<record id>.zip`: everything held about a person, for an
 * admin, authenticated like `/graphql` (session cookie or bearer token; the workspace from
 * `x-workspace-id` or, for a plain link, `?workspace=`). Refusals answer as GraphQL errors.
 */
export function personalDataExportHandler(contextOf: (req: Request) => Promise<PrivacyContext>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const match = /^(.+)\.zip$/i.exec(String(req.params.file ?? ''));
      if (!match) throw new BadInput(['file'], 'Ask for <record id>.zip.');
      const ctx = await contextOf(req);
      const exported = await exportPersonalData(ctx, String(req.params.object ?? ''), match[1]!);
      res.setHeader('Content-Type', 'application/zip');
      res.setHeader('Content-Disposition', `attachment; filename="${exported.fileName}"`);
      res.setHeader('Cache-Control', 'private, no-store');
      res.send(Buffer.from(exported.data.buffer, exported.data.byteOffset, exported.data.byteLength));
    } catch (error) {
      next(error);
    }
  };
}
