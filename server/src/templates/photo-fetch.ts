import { createWriteStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { guardedLookup, refuseLiteralTarget, TargetRefused } from '../webhooks/index.js';

/** A fetch that failed; `retryable` when trying again later may help (a timeout, a 5xx). */
export class PhotoFetchFailed extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'PhotoFetchFailed';
  }
}

export interface PhotoFetch {
  url: string;
  /** Where the body is written. */
  tempPath: string;
  maxBytes: number;
  /** Private hosts allowed by name (FILES_IMPORT_ALLOWED_HOSTS); public ones always are. */
  allowedHosts: readonly string[];
  timeoutMs?: number;
}

const maxRedirects = 3;

/**
 * GETs a photo through the webhooks' SSRF guard: http(s) only, no credentials in the URL, and
 * every connection (each redirect too) only to public addresses, unless the host is listed.
 * The body is streamed to `tempPath`, at most `maxBytes`. Returns the file's name from the URL.
 */
export async function fetchPhoto(fetch: PhotoFetch): Promise<string> {
  let url = parse(fetch.url);
  for (let hop = 0; ; hop++) {
    const answer = await get(url, fetch);
    if (answer.location === undefined) return nameOf(url);
    if (hop >= maxRedirects) throw new PhotoFetchFailed(`More than ${maxRedirects} redirects.`, false);
    url = parse(new URL(answer.location, url).toString());
  }
}

function parse(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PhotoFetchFailed(`“${raw.slice(0, 200)}” is not an absolute URL.`, false);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new PhotoFetchFailed(`${url.protocol} URLs are not fetched, only http(s).`, false);
  if (url.username || url.password)
    throw new PhotoFetchFailed('A URL with a user name or password is not fetched.', false);
  return url;
}

function nameOf(url: URL): string {
  const last = decodeURIComponent(url.pathname.split('/').pop() ?? '').replace(/[^\w .-]/g, '');
  return last.slice(-120) || 'photo';
}

const allowedHost = (url: URL, hosts: readonly string[]) =>
  hosts.includes(url.hostname.replace(/^\[|\]$/g, '').toLowerCase());

async function get(url: URL, fetch: PhotoFetch): Promise<{ location?: string }> {
  const allowPrivate = allowedHost(url, fetch.allowedHosts);
  const timeoutMs = fetch.timeoutMs ?? 20_000;
  try {
    refuseLiteralTarget(url, allowPrivate);
    return await new Promise((resolve, reject) => {
      const client = url.protocol === 'https:' ? https : http;
      const req = client.get(
        url,
        {
          signal: AbortSignal.timeout(timeoutMs),
          lookup: guardedLookup(allowPrivate) as never,
          headers: { 'user-agent': 'crm-photo-import/1', accept: 'image/*' },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          if (status >= 300 && status < 400 && res.headers.location) {
            res.resume();
            return resolve({ location: res.headers.location });
          }
          if (status < 200 || status >= 300) {
            res.resume();
            const retryable = status >= 500 || status === 429 || status === 408;
            return reject(new PhotoFetchFailed(`The server answered ${status}.`, retryable));
          }
          const declared = Number(res.headers['content-length'] ?? 0);
          if (declared > fetch.maxBytes) {
            res.destroy();
            return reject(tooLarge(fetch.maxBytes));
          }
          pipeline(res, limit(fetch.maxBytes), createWriteStream(fetch.tempPath)).then(
            () => resolve({}),
            reject,
          );
        },
      );
      req.on('error', reject);
    });
  } catch (error) {
    throw describe(error, url, timeoutMs);
  }
}

function tooLarge(maxBytes: number): PhotoFetchFailed {
  return new PhotoFetchFailed(`The photo is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`, false);
}

/** Passes at most `maxBytes` through, then fails. */
function limit(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > maxBytes ? tooLarge(maxBytes) : null, chunk);
    },
  });
}

function describe(error: unknown, url: URL, timeoutMs: number): PhotoFetchFailed {
  if (error instanceof PhotoFetchFailed) return error;
  if (error instanceof TargetRefused)
    return new PhotoFetchFailed(
      `Refused: ${url.hostname} is a loopback, private or link-local address (FILES_IMPORT_ALLOWED_HOSTS can allow it).`,
      false,
    );
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return new PhotoFetchFailed(`No answer within ${timeoutMs} ms.`, true);
  const code = (error as { code?: string }).code;
  const message = (error as Error)?.message ?? String(error);
  return new PhotoFetchFailed(code ? `${code}: ${message}` : message, true);
}
