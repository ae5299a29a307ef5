import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { requirePermission } from '../identity/index.js';
import { AppError, BadInput, errorCodes, isUuid, sendGraphQLError } from '../platform/index.js';
import { fileById } from './rows.js';
import type { FilesContext } from './services.js';
import { verifyLink } from './signing.js';
import { receiveFile } from './upload.js';

function refuse(res: Response, error: AppError): void {
  const tooLarge = error.extensions.reason === 'FILE_TOO_LARGE';
  sendGraphQLError(res, tooLarge ? 413 : errorCodes[error.code], error.message, error.extensions);
}

/**
 * POST /files?object=<key>&field=<key>: one file in the multipart field `file`, streamed to
 * a temp file (at most FILES_MAX_MB), answered with `{ file: FileRef }`. Like the import
 * upload it asks for the `x-workspace-id` header or a bearer token, which a cross-site form
 * cannot send.
 */
export function fileUploadRoute(context: (req: Request) => Promise<FilesContext>): RequestHandler {
  return async (req, res, next) => {
    try {
      if (!req.headers['x-workspace-id'] && !/^Bearer\s/i.test(req.headers.authorization ?? ''))
        throw new BadInput(['x-workspace-id'], 'Send the x-workspace-id header with the upload.');
      const ctx = await context(req);
      requirePermission(ctx, 'records.write');
      const { store, maxFileBytes } = ctx.services.files;
      const receive = multer({
        storage: multer.diskStorage({
          destination: store.tempDir,
          filename: (_req, _file, done) => done(null, `upload-${randomUUID()}`),
        }),
        limits: { fileSize: maxFileBytes, files: 1, fields: 5 },
      }).single('file');
      await new Promise<void>((resolve, reject) =>
        receive(req, res, (error: unknown) => (error ? reject(uploadError(error, maxFileBytes)) : resolve())),
      );
      if (!req.file) throw new BadInput(['file'], 'Send the file in the multipart field "file".');
      // Multer reads the name as Latin-1; browsers send UTF-8.
      const name = Buffer.from(req.file.originalname, 'latin1').toString('utf8').trim().slice(-255) || 'file';
      const file = await receiveFile(ctx, {
        objectKey: String(req.query.object ?? ''),
        fieldKey: String(req.query.field ?? ''),
        tempPath: req.file.path,
        name,
      });
      res.status(201).json({ file });
    } catch (error) {
      if (error instanceof AppError) refuse(res, error);
      else next(error);
    }
  };
}

function uploadError(error: unknown, maxFileBytes: number): unknown {
  if (!(error instanceof multer.MulterError)) return error;
  if (error.code === 'LIMIT_FILE_SIZE') {
    const megabytes = Math.round(maxFileBytes / 1024 / 1024);
    return new BadInput(['file'], `The file is larger than the ${megabytes} MB limit.`, {
      reason: 'FILE_TOO_LARGE',
      limitBytes: maxFileBytes,
    });
  }
  return new BadInput(['file'], `The upload was refused: ${error.message}.`);
}

const variants = new Set(['original', 'web', 'thumb']);

/**
 * GET /files/<id>/<variant>?w=&e=&s=: a signed link (its workspace and expiry under the
 * signature) read by a member of that workspace. A forged or expired link is 403; a
 * reader outside the workspace, or a deleted file, 404.
 */
export function fileDownloadRoute(context: (req: Request, workspaceId: string) => Promise<FilesContext>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const notFound = () => sendGraphQLError(res, 404, 'No such file.', { code: 'NOT_FOUND' });
    try {
      const { id, variant } = req.params as { id: string; variant: string };
      const [workspaceId, expires, signature] = [req.query.w, req.query.e, req.query.s].map(String);
      if (!isUuid(id) || !isUuid(workspaceId!) || !variants.has(variant)) return notFound();
      const ctx = await context(req, workspaceId!);
      const link = { fileId: id, variant, workspaceId: workspaceId!, expires: Number(expires) };
      if (!verifyLink(ctx.services.files.signingKey, link, signature!, Date.now()))
        return sendGraphQLError(res, 403, 'This link is forged or has expired.', { code: 'FORBIDDEN' });
      if (ctx.caller?.workspace?.id !== workspaceId) return notFound();
      requirePermission(ctx, 'records.read');
      const file = await fileById(ctx.em, workspaceId!, id);
      if (!file?.variants.includes(variant)) return notFound();
      const stream = await ctx.services.files.store.read(`${workspaceId}/${id}/${variant}`);
      res.setHeader('Content-Type', variant === 'thumb' ? 'image/webp' : file.content_type);
      res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`);
      res.setHeader('Cache-Control', `private, max-age=${ctx.services.files.urlTtlSeconds}`);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      // pipeline, not pipe: a reader who goes away ends the read (a bucket's connection goes back to the pool).
      pipeline(stream, res, () => undefined);
    } catch (error) {
      if (error instanceof AppError) refuse(res, error);
      else if ((error as { code?: string }).code === 'ENOENT') notFound();
      else next(error);
    }
  };
}
