import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type Request, type Response, type Router } from 'express';
import { escapeHtml, type EventBus } from '../../platform/index.js';
import { publishCampaignChanges } from './topics.js';
import { unsubscribe, unsubscribeSubject } from './unsubscribe.js';

/** The public path of unsubscribe links; the token is the `token` query parameter. */
export const unsubscribePath = '/unsubscribe';

function page(res: Response, status: number, title: string, body: string): void {
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title><style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}
button{font:inherit;padding:.5rem 1rem}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    );
}

const invalid = (res: Response) =>
  page(res, 400, 'This link is not valid', '<p>Copy the whole link from the message and try again.</p>');

const tokenOf = (req: Request): string => (typeof req.query.token === 'string' ? req.query.token : '');

/**
 * GET shows what the link unsubscribes with a button (mail scanners follow links: a GET must
 * change nothing); POST, from that button or a mail client's one-click (`List-Unsubscribe-Post`),
 * unsubscribes. No sign-in: the signed token is the permission.
 */
export function unsubscribeRouter(orm: MikroORM, events?: EventBus): Router {
  const router = express.Router();
  router.get(unsubscribePath, async (req, res, next) => {
    try {
      const subject = await unsubscribeSubject(orm.em.fork(), tokenOf(req));
      if (!subject) return invalid(res);
      page(
        res,
        200,
        'Unsubscribe',
        `<p>Stop mail from <strong>${escapeHtml(subject.workspaceName)}</strong> to <strong>${escapeHtml(subject.address)}</strong>?</p>
<form method="post"><button type="submit" name="confirm" value="yes">Unsubscribe</button></form>`,
      );
    } catch (error) {
      next(error);
    }
  });
  router.post(
    unsubscribePath,
    express.urlencoded({ extended: false, limit: '2kb' }),
    async (req, res, next) => {
      try {
        const done = await unsubscribe(orm.em.fork(), tokenOf(req));
        if (!done) return invalid(res);
        await publishCampaignChanges(events, [done.campaign]);
        page(
          res,
          200,
          'You are unsubscribed',
          `<p><strong>${escapeHtml(done.address)}</strong> will get no more mail from <strong>${escapeHtml(done.workspaceName)}</strong>.</p>`,
        );
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}
