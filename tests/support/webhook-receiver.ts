import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Parsed JSON body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read freely in tests
  json: any;
  /** What the receiver answered. */
  answered: number;
}

/**
 * A webhook receiver on a local port, as a customer would write one: it answers `status`
 * (200 by default), records every call, and can go down (closed port) and come back on
 * the same port.
 */
export class WebhookReceiver {
  calls: ReceivedCall[] = [];
  status = 200;
  private server = http.createServer((req, res) => this.handle(req, res));
  port = 0;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  /** Closes the port: calls fail with ECONNREFUSED until `start` again. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  /** The calls whose answer was 2xx. */
  get accepted(): ReceivedCall[] {
    return this.calls.filter((c) => c.answered >= 200 && c.answered < 300);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answered = this.status;
      this.calls.push({ headers: req.headers, body, json: JSON.parse(body), answered });
      res.writeHead(answered, { 'content-type': 'text/plain' });
      res.end(answered >= 300 ? `down for maintenance (${answered})` : 'ok');
    });
  }
}

/** The receiver's check of `X-CRM-Signature`, as docs/automation.md shows it. */
export function signatureValid(secret: string, call: ReceivedCall, toleranceSeconds = 300): boolean {
  const header = String(call.headers['x-crm-signature'] ?? '');
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=')));
  const t = Number(parts.t);
  if (!t || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${call.body}`).digest('hex');
  return parts.v1 === expected;
}
