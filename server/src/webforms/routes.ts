import type { MikroORM } from '@mikro-orm/postgresql';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { loadMetadata } from '../metadata/index.js';
import { isUuid, type Logger, type RateLimits } from '../platform/index.js';
import type { RecordStore } from '../records/index.js';
import { receiveAdf } from './adf-receive.js';
import { embedScript } from './embed-script.js';
import { formTarget, type FormTarget } from './form-fields.js';
import type { WebForm } from './model.js';
import { formPage, messagePage, thankYouPage } from './pages.js';
import { newChallenge } from './proof-of-work.js';
import { proofOfWorkGuard, SubmissionLimiter, type FormGuard, type FormLimits } from './protection.js';
import { findFormById } from './store.js';
import { submitForm } from './submit.js';
import { findLinkedRecord } from './record-links.js';

/** The public doors: `/forms/<id>` (page, submissions, challenge), `/forms/embed.js`, `/feeds/adf/<secret>`. */

export interface PublicRoutesDeps {
  orm: MikroORM;
  records: RecordStore;
  logger: Logger;
  limits: FormLimits;
  /** Where the limits count (in Redis when several processes share it). */
  counted?: RateLimits;
  /** Largest submission body (`32kb`), and largest ADF message. */
  bodyLimit: string;
  adfBodyLimit: string;
  phoneCountry?: string;
  /** Checks before a submission is read; the proof of work when not given. */
  guards?: FormGuard[];
}

const wantsJson = (req: Request) =>
  req.is('application/json') === 'application/json' || req.accepts(['html', 'json']) === 'json';

/** The hosted page may be framed by any site, and may send its visitor on to the form's redirect. */
function pageHeaders(res: Response, form: WebForm | null): void {
  const redirect = form?.settings.redirectUrl ? ` ${new URL(form.settings.redirectUrl).origin}` : '';
  res.setHeader(
    'Content-Security-Policy',
    `default-src 'self'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'${redirect}; frame-ancestors *; base-uri 'none'; object-src 'none'`,
  );
  res.removeHeader('X-Frame-Options');
}

async function liveForm(orm: MikroORM, id: string): Promise<WebForm | null> {
  if (!isUuid(id)) return null;
  const form = await findFormById(orm.em.fork(), id);
  return form?.enabled ? form : null;
}

export function publicRoutes(deps: PublicRoutesDeps): Router {
  const router = express.Router();
  const limiter = new SubmissionLimiter(deps.limits, deps.counted);
  const guards = deps.guards ?? [proofOfWorkGuard()];
  const forms = express.Router();
  forms.use(cors({ origin: '*', methods: ['GET', 'POST'], maxAge: 600 }));

  forms.get('/embed.js', (_req, res) => {
    res.type('text/javascript').setHeader('Cache-Control', 'public, max-age=3600');
    res.send(embedScript);
  });

  const notFound = (req: Request, res: Response) => {
    if (wantsJson(req))
      return void res.status(404).json({ ok: false, error: 'This form does not exist or is closed.' });
    pageHeaders(res, null);
    res
      .status(404)
      .type('html')
      .send(messagePage('Form not found', 'This form does not exist or is closed.'));
  };

  forms.get('/:id/challenge', async (req, res, next) => {
    try {
      const form = await liveForm(deps.orm, req.params.id);
      if (!form) return notFound(req, res);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ challenge: newChallenge(form), difficulty: form.settings.powDifficulty });
    } catch (error) {
      next(error);
    }
  });

  /** A follow-up form's record, from its link's inputs (query or body); null for other forms. */
  const linked = async (form: WebForm, target: FormTarget, values: Record<string, unknown>) => {
    if (!form.settings.updatesRecord) return undefined;
    const em = deps.orm.em.fork();
    const ctx = { em, metadata: await loadMetadata(em, form.workspaceId), actorId: form.id };
    return (await findLinkedRecord(deps.records, ctx, form, target, values)) ?? null;
  };

  forms.get('/:id', async (req, res, next) => {
    try {
      const form = await liveForm(deps.orm, req.params.id);
      const target = form && formTarget(await loadMetadata(deps.orm.em.fork(), form.workspaceId), form);
      if (!form || !target) return notFound(req, res);
      const record = await linked(form, target, req.query as Record<string, unknown>);
      pageHeaders(res, form);
      // A follow-up form opens only from its link: it writes onto the record the link names.
      if (record === null)
        return void res
          .status(404)
          .type('html')
          .send(messagePage('Link not valid', 'This link is not valid, or what it was about is gone.'));
      res.type('html').send(formPage(form, target, '', record ? { record } : {}));
    } catch (error) {
      next(error);
    }
  });

  forms.post(
    '/:id',
    express.urlencoded({ extended: false, limit: deps.bodyLimit, parameterLimit: 200 }),
    express.json({ limit: deps.bodyLimit }),
    async (req, res, next) => {
      try {
        const form = await liveForm(deps.orm, req.params.id as string);
        if (!form) return notFound(req, res);
        const json = wantsJson(req);
        const address = req.ip ?? 'unknown';
        const wait = await limiter.retryAfter(form.id, address);
        if (wait !== null) {
          res.setHeader('Retry-After', String(wait));
          const error = `Too many submissions. Try again in ${wait} s.`;
          return void (json
            ? res.status(429).json({ ok: false, error, retryAfter: wait })
            : res.status(429).type('html').send(messagePage('Please wait', error)));
        }
        const body = (
          req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {}
        ) as Record<string, unknown>;
        for (const guard of guards) {
          const problem = await guard(form, body, address);
          if (problem) {
            const errors = [{ field: '', message: problem }];
            return void (json
              ? res.status(400).json({ ok: false, errors })
              : res.status(400).type('html').send(messagePage('The form was not sent', problem)));
          }
        }
        const source = (req.get('referer') ?? req.get('origin') ?? null)?.slice(0, 2000) ?? null;
        const result = await submitForm(deps, { form, body, source, address });
        if (result.kind === 'invalid') {
          if (json) return void res.status(400).json({ ok: false, errors: result.errors });
          const target = formTarget(await loadMetadata(deps.orm.em.fork(), form.workspaceId), form);
          const record = target ? await linked(form, target, body) : undefined;
          pageHeaders(res, form);
          return void res
            .status(400)
            .type('html')
            .send(
              target
                ? formPage(form, target, '', {
                    values: body,
                    errors: result.errors,
                    ...(record ? { record } : {}),
                  })
                : messagePage('The form was not sent', 'This form cannot take submissions.'),
            );
        }
        // Spam gets the same answer as a person, so a bot learns nothing.
        const { redirectUrl, thankYouMessage } = form.settings;
        if (json) return void res.json({ ok: true, message: thankYouMessage, redirectUrl });
        if (redirectUrl) return res.redirect(303, redirectUrl);
        pageHeaders(res, form);
        res.type('html').send(thankYouPage(form));
      } catch (error) {
        next(error);
      }
    },
  );

  forms.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    const type = (error as { type?: string }).type;
    const status =
      type === 'entity.too.large'
        ? 413
        : type === 'entity.parse.failed' || type === 'parameters.too.many'
          ? 400
          : 0;
    if (!status) return next(error);
    const message =
      status === 413
        ? `The submission is larger than ${deps.bodyLimit}.`
        : 'The submission could not be read.';
    if (wantsJson(req)) return void res.status(status).json({ ok: false, errors: [{ field: '', message }] });
    res.status(status).type('html').send(messagePage('The form was not sent', message));
  });

  router.use('/forms', forms);
  router.post(
    '/feeds/adf/:secret',
    express.text({ type: () => true, limit: deps.adfBodyLimit }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const answer = await receiveAdf(
          deps,
          req.params.secret as string,
          typeof req.body === 'string' ? req.body : '',
        );
        res.status(answer.status).json(answer.body);
      } catch (error) {
        next(error);
      }
    },
    (error: unknown, _req: Request, res: Response, next: NextFunction) => {
      if ((error as { type?: string }).type !== 'entity.too.large') return next(error);
      res.status(413).json({ ok: false, error: `The message is larger than ${deps.adfBodyLimit}.` });
    },
  );
  return router;
}
