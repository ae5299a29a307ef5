import type { AddressInfo } from 'node:net';
import hoodiecrow from 'hoodiecrow-imap';
import { ImapFlow } from 'imapflow';

export interface ImapTestServer {
  host: string;
  port: number;
  username: string;
  password: string;
  /** Delivers a raw message into INBOX over IMAP APPEND, as a mail server would. */
  deliver(raw: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real IMAP4rev1 server in this process on port 0 (hoodiecrow-imap: in memory, cleartext,
 * one account), with UIDPLUS and IDLE like common servers.
 */
export async function startImapServer(
  username = 'crm@acme.test',
  password = 'imap-pass',
): Promise<ImapTestServer> {
  const server = hoodiecrow({
    plugins: [
      'ID',
      'SASL-IR',
      'AUTH-PLAIN',
      'NAMESPACE',
      'IDLE',
      'ENABLE',
      'UIDPLUS',
      'LITERALPLUS',
      'UNSELECT',
    ],
    users: { [username]: { password } },
    storage: { INBOX: { messages: [] } },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    username,
    password,
    async deliver(raw) {
      const client = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        doSTARTTLS: false,
        auth: { user: username, pass: password },
        logger: false,
      });
      await client.connect();
      try {
        await client.append('INBOX', raw);
      } finally {
        await client.logout();
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A plain RFC 822 message. */
export function rfc822(headers: Record<string, string>, body: string): string {
  const lines = Object.entries({ Date: new Date().toUTCString(), 'MIME-Version': '1.0', ...headers }).map(
    ([name, value]) => `${name}: ${value}`,
  );
  return `${lines.join('\r\n')}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body.replace(/\n/g, '\r\n')}\r\n`;
}
