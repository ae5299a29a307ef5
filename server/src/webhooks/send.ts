import http from 'node:http';
import https from 'node:https';
import { guardedLookup, refuseLiteralTarget, TargetRefused } from './target.js';
import { signatureHeader } from './signature.js';

/** The first this many bytes of a receiver's answer are kept in the delivery log. */
export const responseBodyLimit = 2048;

export interface SignedPost {
  url: string;
  body: string;
  /** Signs `X-CRM-Signature`; null sends no signature. */
  secret: string | null;
  /** `X-CRM-Delivery`: receivers de-duplicate on it. */
  deliveryId: string;
  /** `X-CRM-Event`: record.created… */
  event: string;
  timeoutMs: number;
  allowPrivate: boolean;
}

export interface PostOutcome {
  /** A 2xx answer. */
  delivered: boolean;
  /** Worth trying again: any answer but 2xx, a timeout, a network error; not a refused target. */
  retryable: boolean;
  status: number | null;
  /** The answer's first 2 KB. */
  responseBody: string | null;
  error: string | null;
}

/** POSTs a signed JSON body; never throws. The connection goes only to addresses checked now. */
export async function postSigned(post: SignedPost): Promise<PostOutcome> {
  try {
    const url = new URL(post.url);
    refuseLiteralTarget(url, post.allowPrivate);
    const { status, body } = await request(url, post);
    const delivered = status >= 200 && status < 300;
    return {
      delivered,
      retryable: !delivered,
      status,
      responseBody: body,
      error: delivered ? null : `The receiver answered ${status}.`,
    };
  } catch (error) {
    const refused = error instanceof TargetRefused;
    return {
      delivered: false,
      retryable: !refused,
      status: null,
      responseBody: null,
      error: describe(error, post.timeoutMs),
    };
  }
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `No answer within ${timeoutMs} ms.`;
  if (error instanceof TargetRefused) return `Refused: ${error.message}.`;
  const code = (error as { code?: string }).code;
  return code ? `${code}: ${(error as Error).message}` : String((error as Error).message ?? error);
}

function request(url: URL, post: SignedPost): Promise<{ status: number; body: string }> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        signal: AbortSignal.timeout(post.timeoutMs),
        lookup: guardedLookup(post.allowPrivate) as never,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(post.body),
          'user-agent': 'crm-webhooks/1',
          ...(post.secret ? { 'x-crm-signature': signatureHeader(post.secret, post.body, new Date()) } : {}),
          'x-crm-delivery': post.deliveryId,
          'x-crm-event': post.event,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const finish = () => {
          const body = Buffer.concat(chunks).subarray(0, responseBodyLimit).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body });
        };
        res.on('data', (chunk: Buffer) => {
          if (kept < responseBodyLimit) chunks.push(chunk);
          kept += chunk.length;
          // The rest of a long answer is not read: the log keeps only its start.
          if (kept >= responseBodyLimit) {
            res.destroy();
            finish();
          }
        });
        res.on('end', finish);
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(post.body);
  });
}
