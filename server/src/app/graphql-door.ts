import type { IncomingMessage, ServerResponse } from 'node:http';
import contentType from 'content-type';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface GraphQLDoorOptions {
  /** The largest body read, in bytes. */
  bodyLimit: number;
  /** Run first on every request the door takes, as they run in Express (headers, timing). */
  before: Middleware[];
  serve: (req: IncomingMessage, res: ServerResponse, body: unknown) => Promise<void>;
  fail: (res: ServerResponse, error: unknown) => void;
}

const jsonTypes = new Set(['application/json', 'application/graphql-response+json']);

/**
 * The common case of `/graphql`, a POST of plain UTF-8 JSON, answered without Express: its
 * router, request decoration and body parser were a tenth of a request's CPU (docs/benchmarks.md).
 * It answers exactly as the Express route does, which still takes everything else (GET,
 * compressed or other bodies, other paths): `take` returns false for those.
 */
export function graphqlDoor(options: GraphQLDoorOptions) {
  return function take(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'POST' || !isGraphQLPath(req.url) || !isPlainJson(req)) return false;
    for (const middleware of options.before) middleware(req, res, noop);
    readJsonBody(req, options.bodyLimit)
      .then((body) => options.serve(req, res, body))
      .catch((error: unknown) => options.fail(res, error));
    return true;
  };
}

function noop(): void {}

function isGraphQLPath(url: string | undefined): boolean {
  return url === '/graphql' || (url !== undefined && url.startsWith('/graphql?'));
}

function isPlainJson(req: IncomingMessage): boolean {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const header = req.headers['content-type'];
  if (!header) return false;
  try {
    const { type, parameters } = contentType.parse(header);
    const charset = parameters.charset?.toLowerCase();
    return jsonTypes.has(type) && (charset === undefined || charset === 'utf-8' || charset === 'utf8');
  } catch {
    return false;
  }
}

/** Errors typed as body-parser types them, so one handler answers both doors alike. */
function bodyError(type: 'entity.too.large' | 'entity.parse.failed' | 'request.aborted'): Error {
  return Object.assign(new Error(type), { type });
}

/** As `express.json()` reads it: strict (an object or array), an empty body is `{}`. */
function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      req.resume();
      reject(bodyError('entity.too.large'));
      return;
    }
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        req.off('data', onData);
        req.resume();
        reject(bodyError('entity.too.large'));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('error', reject);
    req.on('aborted', () => reject(bodyError('request.aborted')));
    req.on('end', () => {
      if (length > limit) return;
      const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length)).toString('utf8');
      const start = text.trimStart()[0];
      if (start === undefined) return resolve({});
      if (start !== '{' && start !== '[') return reject(bodyError('entity.parse.failed'));
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(bodyError('entity.parse.failed'));
      }
    });
  });
}
