import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './ws.js';

export interface CaughtMail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  parsed: ParsedMail;
  raw: string;
}

export interface SmtpCatcher {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  mail: CaughtMail[];
  /** Refuses the next `count` messages with `answer` (a temporary failure by default). */
  refuseNext(count: number, answer?: { code: number; message: string }): void;
  /** Refuses `address` at RCPT TO with `answer` (a mailbox that does not exist), from now on. */
  refuseRecipient(address: string, answer: { code: number; message: string }): void;
  /** The first caught message to `address` matching `where`, waiting for it. */
  waitFor(address: string, where?: (mail: CaughtMail) => boolean): Promise<CaughtMail>;
  close(): Promise<void>;
}

/** A real SMTP server on port 0 that keeps what it accepts, parsed (no TLS, no auth needed). */
export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const mail: CaughtMail[] = [];
  let refusals = 0;
  let refusal = { code: 451, message: 'Try again later' };
  const refusedRecipients = new Map<string, { code: number; message: string }>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const answer = refusedRecipients.get(address.address.toLowerCase());
      if (!answer) return callback();
      callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals--;
          return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((parsed) => {
          mail.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed, raw });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const find = (address: string, where: (m: CaughtMail) => boolean) =>
    mail.find((m) => m.to.includes(address) && where(m));
  return {
    url: `smtp://127.0.0.1:${port}`,
    mail,
    refuseNext(count, answer) {
      refusals = count;
      if (answer) refusal = answer;
    },
    refuseRecipient(address, answer) {
      refusedRecipients.set(address.toLowerCase(), answer);
    },
    async waitFor(address, where = () => true) {
      await eventually(() => Boolean(find(address, where)), 60_000);
      return find(address, where)!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a message's text that starts with `prefix`. */
export function linkIn(mail: CaughtMail, prefix: string): string {
  const found = (mail.parsed.text ?? '').split(/\s+/).find((word) => word.startsWith(prefix));
  if (!found) throw new Error(`no link starting with ${prefix} in: ${mail.parsed.text}`);
  return found;
}
