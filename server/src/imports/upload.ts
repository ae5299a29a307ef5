import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { AppError, BadInput, errorCodes, sendGraphQLError } from '../platform/index.js';
import { receiveUpload } from './service.js';
import type { ImportsContext } from './services.js';

/**
 * POST /imports/upload: one file in the multipart field `file`, answered with the upload as
 * JSON ({ upload: { id, headers, rowCount… } }) or a GraphQL-shaped error. It asks for the
 * `x-workspace-id` header (or a bearer token), which a cross-site form cannot send.
 */
export function uploadRoute(options: {
  maxFileBytes: number;
  context: (req: Request) => Promise<ImportsContext>;
}): RequestHandler[] {
  const megabytes = Math.round(options.maxFileBytes / 1024 / 1024);
  const receive = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: options.maxFileBytes, files: 1, fields: 10 },
  }).single('file');

  const refuse = (res: Response, error: unknown) => {
    if (error instanceof AppError)
      return sendGraphQLError(res, errorCodes[error.code], error.message, error.extensions);
    if (error instanceof multer.MulterError) {
      const tooLarge = error.code === 'LIMIT_FILE_SIZE';
      const message = tooLarge
        ? `The file is larger than the ${megabytes} MB limit; split it into smaller files.`
        : `The upload was refused: ${error.message}.`;
      return sendGraphQLError(res, tooLarge ? 413 : 400, message, {
        code: 'BAD_USER_INPUT',
        argumentPath: ['file'],
        ...(tooLarge ? { limitBytes: options.maxFileBytes } : {}),
      });
    }
    throw error;
  };

  return [
    (req, res, next) => {
      if (!req.headers['x-workspace-id'] && !/^Bearer\s/i.test(req.headers.authorization ?? ''))
        return refuse(
          res,
          new BadInput(['x-workspace-id'], 'Send the x-workspace-id header with the upload.'),
        );
      receive(req, res, (error: unknown) => (error ? refuse(res, error) : next()));
    },
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        if (!req.file) throw new BadInput(['file'], 'Send the file in the multipart field "file".');
        const ctx = await options.context(req);
        // Multer reads the name as Latin-1; browsers send UTF-8.
        const name = Buffer.from(req.file.originalname, 'latin1').toString('utf8');
        const upload = await receiveUpload(ctx, { name, data: req.file.buffer });
        res.json({ upload });
      } catch (error) {
        if (error instanceof AppError) refuse(res, error);
        else next(error);
      }
    },
  ];
}
