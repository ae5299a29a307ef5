import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, uniqueEmail, type SignedUpUser } from '../support/client.js';
import { useServer } from '../support/server.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';
import { eventually } from '../support/ws.js';

// Sending over SMTP to a real SMTP server started here: the exact message, retries with backoff
// after refusals, FAILED with the server's answer, an admin's retry, and without SMTP_URL the
// message waits with its reason. Invitations are the mail every workspace sends.

const invite = `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`;
const outbox = /* GraphQL */ `
  query ($status: MailStatus) {
    mailOutbox(first: 50, status: $status) {
      nodes {
        id
        to
        subject
        status
        statusReason
        attempts
        serverMessageId
        sentAt
      }
    }
  }
`;

interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  status: string;
  statusReason: string | null;
  attempts: number;
  serverMessageId: string | null;
  sentAt: string | null;
}

async function messageTo(admin: SignedUpUser, to: string): Promise<OutboxMessage | undefined> {
  const { mailOutbox } = await admin.client.data<{ mailOutbox: { nodes: OutboxMessage[] } }>(outbox);
  return mailOutbox.nodes.find((m) => m.to === to);
}

async function waitForStatus(admin: SignedUpUser, to: string, status: string): Promise<OutboxMessage> {
  await eventually(async () => (await messageTo(admin, to))?.status === status, 60_000);
  return (await messageTo(admin, to))!;
}

describe('mail over SMTP', () => {
  let smtp: SmtpCatcher;
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
  });
  afterAll(() => smtp.close());
  const server = useServer(() => ({
    SMTP_URL: smtp.url,
    MAIL_FROM: 'crm@example.test',
    MAIL_RETRY_BASE_MS: '100',
    MAIL_MAX_ATTEMPTS: '3',
  }));
  let admin: SignedUpUser;

  beforeAll(async () => {
    admin = await newUser(server, { name: 'Ada Admin', workspaceName: 'Acme & Co' });
    await admin.client.data(
      `mutation ($input: MailSettingsInput!) { setMailSettings(input: $input) { senderName } }`,
      { input: { senderName: 'Acme Sales', replyTo: 'Sales@Acme.test' } },
    );
  });

  it('sends the exact message: sender name, reply-to, text and HTML parts, and records the server’s id', async () => {
    const to = uniqueEmail('invitee');
    const { inviteMember } = await admin.client.data<{ inviteMember: { token: string } }>(invite, {
      input: { email: to, role: 'MEMBER' },
    });
    const caught = await smtp.waitFor(to);
    const { parsed } = caught;
    const link = `${server.url}/sign-up?invitation=${inviteMember.token}&email=${encodeURIComponent(to)}`;
    expect(parsed.from?.value).toEqual([{ name: 'Acme Sales', address: 'crm@example.test' }]);
    expect(parsed.replyTo?.value).toEqual([{ name: '', address: 'sales@acme.test' }]);
    expect(caught.to).toEqual([to]);
    expect(parsed.subject).toBe('Ada Admin invited you to Acme & Co');
    expect(parsed.text).toBe(
      `Ada Admin invited you to join the workspace “Acme & Co”.\n\n` +
        `Accept the invitation: ${link}\n\n` +
        `The link works once, for 7 days. If you did not expect it, ignore this message.\n`,
    );
    expect(parsed.html).toContain('<p>Ada Admin invited you to join the workspace “Acme &amp; Co”.</p>');
    expect(parsed.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);

    const sent = await waitForStatus(admin, to, 'SENT');
    expect(sent).toMatchObject({ attempts: 1, serverMessageId: parsed.messageId });
    expect(sent.statusReason).toMatch(/^250 /);
    expect(sent.sentAt).not.toBeNull();
  });

  it('retries after the server refuses, then sends once it accepts', async () => {
    smtp.refuseNext(2);
    const to = uniqueEmail('retried');
    await admin.client.data(invite, { input: { email: to, role: 'VIEWER' } });
    const sent = await waitForStatus(admin, to, 'SENT');
    expect(sent.attempts).toBe(3);
    expect(smtp.mail.filter((m) => m.to.includes(to))).toHaveLength(1);
  });

  it('marks a message FAILED with the server’s answer after the last attempt; an admin retries it', async () => {
    smtp.refuseNext(3, { code: 550, message: 'Mailbox unavailable' });
    const to = uniqueEmail('refused');
    await admin.client.data(invite, { input: { email: to, role: 'VIEWER' } });
    const failed = await waitForStatus(admin, to, 'FAILED');
    expect(failed.attempts).toBe(3);
    expect(failed.statusReason).toContain('550 Mailbox unavailable');
    expect(smtp.mail.some((m) => m.to.includes(to))).toBe(false);

    const { mailOutbox } = await admin.client.data<{ mailOutbox: { nodes: OutboxMessage[] } }>(outbox, {
      status: 'FAILED',
    });
    expect(mailOutbox.nodes.map((m) => m.to)).toEqual([to]);

    const { retryMail } = await admin.client.data<{ retryMail: OutboxMessage }>(
      `mutation ($id: ID!) { retryMail(id: $id) { status attempts } }`,
      { id: failed.id },
    );
    expect(retryMail).toEqual({ status: 'QUEUED', attempts: 0 });
    await smtp.waitFor(to);
    expect((await waitForStatus(admin, to, 'SENT')).attempts).toBe(1);

    const { markMailBounced } = await admin.client.data<{ markMailBounced: OutboxMessage }>(
      `mutation ($id: ID!) { markMailBounced(id: $id, reason: "550 5.1.1 user unknown") { status statusReason } }`,
      { id: failed.id },
    );
    expect(markMailBounced).toEqual({ status: 'BOUNCED', statusReason: '550 5.1.1 user unknown' });
  });

  it('shows the outbox and its settings to admins only, and refuses a bad reply-to', async () => {
    const member = await newMember(server, admin, 'MEMBER');
    const { body } = await member.client.request(outbox);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await admin.client.request(
      `mutation { setMailSettings(input: { replyTo: "not an address" }) { replyTo } }`,
    );
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(bad.body.errors?.[0]?.message).toContain('replyTo');
    const { mailSettings } = await admin.client.data(
      `{ mailSettings { senderName replyTo fromAddress serverConfigured } }`,
    );
    expect(mailSettings).toEqual({
      senderName: 'Acme Sales',
      replyTo: 'sales@acme.test',
      fromAddress: 'crm@example.test',
      serverConfigured: true,
    });
  });
});

describe('mail with MAIL_CATCHER=true (development)', () => {
  const server = useServer({ MAIL_CATCHER: 'true', MAIL_FROM: 'dev@example.test' });

  it('keeps each message and shows it at /dev/mail instead of sending it', async () => {
    const admin = await newUser(server, { name: 'Dev Admin', workspaceName: 'Sandbox <1>' });
    const to = uniqueEmail('caught');
    await admin.client.data(invite, { input: { email: to, role: 'MEMBER' } });
    const caught = await waitForStatus(admin, to, 'SENT');
    expect(caught.statusReason).toBe('caught by MAIL_CATCHER');
    const page = await (await fetch(`${server.url}/dev/mail`)).text();
    expect(page).toContain(`<h2>Dev Admin invited you to Sandbox &lt;1&gt;</h2>`);
    expect(page).toContain(`from Sandbox &lt;1&gt; &lt;dev@example.test&gt; · to ${to}`);
    expect(page).toContain(`${server.url}/sign-up?invitation=crm_i_`);
  });

  it('is refused in production and beside SMTP_URL', async () => {
    const { loadConfig } = await import('@crm/server');
    expect(() => loadConfig({ MAIL_CATCHER: 'true' })).toThrow(/MAIL_CATCHER/);
    expect(() => loadConfig({ MAIL_CATCHER: 'true', NODE_ENV: 'development', SMTP_URL: 'smtp://x' })).toThrow(
      /MAIL_CATCHER/,
    );
  });
});

describe('mail with no SMTP_URL', () => {
  const server = useServer();

  it('keeps messages QUEUED with the reason, visible to admins', async () => {
    const admin = await newUser(server);
    const to = uniqueEmail('waiting');
    await admin.client.data(invite, { input: { email: to, role: 'MEMBER' } });
    const waiting = await messageTo(admin, to);
    expect(waiting).toMatchObject({
      status: 'QUEUED',
      statusReason: 'not sent: no mail server configured',
      attempts: 0,
      sentAt: null,
    });
    const { mailSettings } = await admin.client.data(`{ mailSettings { serverConfigured } }`);
    expect(mailSettings).toEqual({ serverConfigured: false });
  });
});
