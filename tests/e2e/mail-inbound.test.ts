import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRule, finishedRuns } from '../support/automation.js';
import { createApiToken, newMember, newUser, uniqueEmail, type SignedUpUser } from '../support/client.js';
import { rfc822, startImapServer, type ImapTestServer } from '../support/imap.js';
import { useServer } from '../support/server.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Inbound mail against a real IMAP server started here (hoodiecrow-imap, in process): a message
// delivered to the connected mailbox reaches the matching person's timeline (read and live), a
// reply is tied to the message we sent, an unknown sender becomes a person, the same message
// twice is logged once, bad credentials show in the status, and the HTTP door takes raw mail.

const settingsQuery = /* GraphQL */ `
  query {
    inboundMailSettings {
      forwardingAddress
      canConnectMailbox
      mailbox {
        host
        port
        security
        username
        folder
        createObjectKey
        lastSyncAt
        lastError
        uidValidity
        lastUid
      }
    }
  }
`;
const connect = /* GraphQL */ `
  mutation ($input: MailboxInput!) {
    connectMailbox(input: $input) {
      host
      username
      createObjectKey
      lastError
      lastErrorAt
    }
  }
`;
const messagesQuery = /* GraphQL */ `
  query ($recordId: ID) {
    inboundMessages(first: 200, recordId: $recordId) {
      nodes {
        id
        messageId
        via
        fromAddress
        fromName
        subject
        text
        replyToMailId
        records {
          object
          recordId
          created
        }
      }
    }
  }
`;
const timelineQuery = /* GraphQL */ `
  query ($recordId: ID!) {
    timeline(object: "person", recordId: $recordId, kinds: ["EMAIL_RECEIVED"]) {
      nodes {
        id
        kind
        data
      }
    }
  }
`;

interface Inbound {
  id: string;
  messageId: string;
  via: string;
  fromAddress: string;
  fromName: string | null;
  subject: string;
  text: string;
  replyToMailId: string | null;
  records: { object: string; recordId: string; created: boolean }[];
}

let imap: ImapTestServer;
let smtp: SmtpCatcher;
beforeAll(async () => {
  imap = await startImapServer();
  smtp = await startSmtpCatcher();
});
afterAll(async () => {
  await imap.close();
  await smtp.close();
});
const server = useServer(() => ({
  MAIL_SECRET_KEY: randomBytes(32).toString('hex'),
  INBOUND_DOMAIN: 'in.crm.test',
  IMAP_POLL_SECONDS: '1',
  SMTP_URL: smtp.url,
}));

let admin: SignedUpUser;
let personId: string;
const personEmail = uniqueEmail('pia');

async function messages(recordId?: string): Promise<Inbound[]> {
  const data = await admin.client.data<{ inboundMessages: { nodes: Inbound[] } }>(messagesQuery, {
    recordId,
  });
  return data.inboundMessages.nodes;
}

async function waitForMessage(messageId: string): Promise<Inbound> {
  await eventually(async () => (await messages()).some((m) => m.messageId === messageId), 60_000);
  return (await messages()).find((m) => m.messageId === messageId)!;
}

beforeAll(async () => {
  admin = await newUser(server, { name: 'Ada Admin', workspaceName: 'Acme Sales' });
  const { createPerson } = await admin.client.data<{ createPerson: { id: string } }>(
    `mutation ($input: PersonCreateInput!) { createPerson(input: $input) { id } }`,
    { input: { name: 'Pia Person', email: personEmail.toUpperCase() } },
  );
  personId = createPerson.id;
  const { connectMailbox } = await admin.client.data(connect, {
    input: {
      host: imap.host,
      port: imap.port,
      security: 'NONE',
      username: imap.username,
      password: imap.password,
      createObjectKey: 'person',
    },
  });
  expect(connectMailbox).toMatchObject({
    username: imap.username,
    createObjectKey: 'person',
    lastError: null,
  });
});

describe('inbound mail', () => {
  it('offers a forwarding address and shows the mailbox without its password', async () => {
    const { inboundMailSettings } = await admin.client.data(settingsQuery);
    expect(inboundMailSettings.forwardingAddress).toMatch(/^acme-sales\+[0-9a-f]{18}@in\.crm\.test$/);
    expect(inboundMailSettings.canConnectMailbox).toBe(true);
    expect(inboundMailSettings.mailbox).toMatchObject({ host: imap.host, security: 'NONE', folder: 'INBOX' });
    expect(JSON.stringify(inboundMailSettings)).not.toContain(imap.password);
  });

  it('logs a delivered message on the matching person, live, and fires EMAIL_RECEIVED', async () => {
    const rule = await createRule(admin.client, {
      name: 'Answer mail',
      objectKey: 'person',
      trigger: { kind: 'EMAIL_RECEIVED' },
      actions: [{ type: 'ADD_COMMENT', body: 'Mail from {{ record.name }}' }],
    });
    const socket = newSocketClient(server, { cookie: admin.client.cookie, workspaceId: admin.workspaceId });
    const live = collect<{ timelineChanged: { item: { kind: string; data: { subject: string } } } }>(
      socket.client,
      `subscription ($recordId: ID!) { timelineChanged(object: "person", recordId: $recordId) { item { kind data } } }`,
      { recordId: personId },
    );
    try {
      await eventually(
        async () => !!(await admin.client.data(settingsQuery)).inboundMailSettings.mailbox.lastSyncAt,
        30_000,
      );
      const { changeCursor } = await admin.client.data<{ changeCursor: string }>(`{ changeCursor }`);
      const messageId = `<${randomBytes(6).toString('hex')}@customer.test>`;
      await imap.deliver(
        rfc822(
          {
            From: `Pia Person <${personEmail}>`,
            To: imap.username,
            Subject: 'Question about the offer',
            'Message-ID': messageId,
          },
          'Hello,\nis the boat still for sale?',
        ),
      );
      const logged = await waitForMessage(messageId);
      expect(logged).toMatchObject({ via: 'IMAP', fromAddress: personEmail, fromName: 'Pia Person' });
      expect(logged.text).toContain('is the boat still for sale?');
      expect(logged.records).toEqual([{ object: 'person', recordId: personId, created: false }]);
      const { timeline } = await admin.client.data(timelineQuery, { recordId: personId });
      expect(timeline.nodes[0]).toMatchObject({
        kind: 'EMAIL_RECEIVED',
        data: { subject: 'Question about the offer', fromAddress: personEmail, createdRecord: false },
      });
      await eventually(() =>
        live.results.some((r) => r.data?.timelineChanged.item.data.subject === 'Question about the offer'),
      );
      const [run] = await finishedRuns(admin.client, rule.id, 1);
      expect(run).toMatchObject({ trigger: 'EMAIL_RECEIVED', recordId: personId, status: 'SUCCEEDED' });
      // Subscribed only now, from a cursor read before it came: the message comes first.
      const resumed = collect<{ timelineChanged: { item: { kind: string; data: { subject: string } } } }>(
        socket.client,
        `subscription ($recordId: ID!, $after: String) {
          timelineChanged(object: "person", recordId: $recordId, after: $after) { item { kind data } }
        }`,
        { recordId: personId, after: changeCursor },
      );
      await eventually(() =>
        resumed.results.some((r) => r.data?.timelineChanged.item.kind === 'EMAIL_RECEIVED'),
      );
      expect(resumed.results.map((r) => r.data?.timelineChanged.item.data.subject)).toContain(
        'Question about the offer',
      );
    } finally {
      live.stop();
      await socket.client.dispose();
    }
  });

  it('ties a reply to the message we sent (In-Reply-To)', async () => {
    await admin.client.data(
      `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`,
      {
        input: { email: personEmail, role: 'MEMBER' },
      },
    );
    let sent: { id: string; to: string; serverMessageId: string | null } | undefined;
    await eventually(async () => {
      const { mailOutbox } = await admin.client.data(
        `{ mailOutbox(first: 10) { nodes { id to serverMessageId } } }`,
      );
      sent = (mailOutbox.nodes as NonNullable<typeof sent>[]).find(
        (m) => m.to === personEmail && m.serverMessageId,
      );
      return !!sent;
    }, 30_000);
    const messageId = `<reply-${randomBytes(6).toString('hex')}@customer.test>`;
    await imap.deliver(
      rfc822(
        {
          From: personEmail,
          To: imap.username,
          Subject: 'Re: You are invited',
          'Message-ID': messageId,
          'In-Reply-To': sent!.serverMessageId!,
          References: sent!.serverMessageId!,
        },
        'Thanks, I will join.',
      ),
    );
    const reply = await waitForMessage(messageId);
    expect(reply.replyToMailId).toBe(sent!.id);
    const { timeline } = await admin.client.data(timelineQuery, { recordId: personId });
    expect(
      timeline.nodes.find((n: { data: { subject: string } }) => n.data.subject === 'Re: You are invited'),
    ).toMatchObject({ data: { replyToMailId: sent!.id } });
  });

  it('makes an unknown sender a person, once, and logs the same message twice only once', async () => {
    const stranger = uniqueEmail('stranger');
    const messageId = `<new-${randomBytes(6).toString('hex')}@elsewhere.test>`;
    const raw = rfc822(
      { From: `Sam Stranger <${stranger}>`, To: imap.username, Subject: 'Hello', 'Message-ID': messageId },
      'Hi!',
    );
    await imap.deliver(raw);
    await imap.deliver(raw);
    const logged = await waitForMessage(messageId);
    expect(logged.records).toHaveLength(1);
    expect(logged.records[0]).toMatchObject({ object: 'person', created: true });
    const { person } = await admin.client.data(`query ($id: ID!) { person(id: $id) { name email } }`, {
      id: logged.records[0]!.recordId,
    });
    expect(person).toEqual({ name: 'Sam Stranger', email: stranger });
    // Both copies were read (the last UID moved past them), one was logged.
    await eventually(async () => {
      const { inboundMailSettings } = await admin.client.data(settingsQuery);
      return Number(inboundMailSettings.mailbox.lastUid) >= 4;
    }, 30_000);
    expect((await messages()).filter((m) => m.messageId === messageId)).toHaveLength(1);
    const { people } = await admin.client.data(
      `query ($email: String!) { people(filter: { email: { eq: $email } }) { nodes { id } } }`,
      {
        email: stranger,
      },
    );
    expect(people.nodes).toHaveLength(1);
  });

  it('takes raw mail over HTTP with an admin API token: logged once, refused without one', async () => {
    const { token } = await createApiToken(admin.client, { role: 'ADMIN' });
    const messageId = `<http-${randomBytes(6).toString('hex')}@customer.test>`;
    const raw = rfc822(
      { From: personEmail, To: 'sales@acme.test', Subject: 'Via webhook', 'Message-ID': messageId },
      'Posted.',
    );
    const post = (authorization?: string) =>
      fetch(`${server.url}/mail/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', ...(authorization ? { authorization } : {}) },
        body: raw,
      });
    const first = await post(`Bearer ${token}`);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      messageId,
      duplicate: false,
      records: [{ recordId: personId }],
    });
    const again = await post(`Bearer ${token}`);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect((await post()).status).toBe(401);
    const member = await newMember(server, admin, 'MEMBER');
    const memberToken = await createApiToken(member.client);
    expect((await post(`Bearer ${memberToken.token}`)).status).toBe(403);
    const bad = await fetch(`${server.url}/mail/inbound`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'message/rfc822' },
      body: 'not a message',
    });
    expect(bad.status).toBe(400);
    expect((await messages(personId)).filter((m) => m.messageId === messageId)).toHaveLength(1);
  });

  it('says why when the login is refused, and refuses bad input by field', async () => {
    const other = await newUser(server, { workspaceName: 'Other' });
    const input = {
      host: imap.host,
      port: imap.port,
      security: 'NONE',
      username: imap.username,
      password: 'wrong',
    };
    const { connectMailbox } = await other.client.data(connect, { input });
    expect(connectMailbox.lastError).toMatch(
      /^Login refused by 127\.0\.0\.1:\d+: .*check the user name and password/,
    );
    const { testMailbox } = await other.client.data(`mutation { testMailbox { lastError } }`);
    expect(testMailbox.lastError).toMatch(/^Login refused/);
    const refused = await other.client.request(connect, { input: { ...input, createObjectKey: 'deal' } });
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['input', 'createObjectKey'],
    });
    const badPort = await other.client.request(connect, { input: { ...input, port: 0 } });
    expect(badPort.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['input', 'port'],
    });
    expect(await other.client.data(`mutation { disconnectMailbox }`)).toEqual({ disconnectMailbox: true });
    const member = await newMember(server, admin, 'MEMBER');
    const forbidden = await member.client.request(settingsQuery);
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
