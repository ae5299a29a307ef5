import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, newUser, type SignedUpUser } from '../support/client.js';
import { useServer } from '../support/server.js';
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from '../support/smtp.js';
import { collect, eventually, subscriptionError, newSocketClient } from '../support/ws.js';

// Campaigns to a saved view, delivered to a real SMTP server: 1,000 recipients under a throttle,
// each one's status and the counts, the List-Unsubscribe headers, the unsubscribe link (page and
// RFC 8058 one-click) putting the address on the suppression list, which later sends — a
// campaign's and any other outbox message — honour; a view of an object without e-mail refused.

const campaignFields = /* GraphQL */ `
  fragment CampaignParts on Campaign {
    id
    status
    statusReason
    startedAt
    counts {
      recipients
      queued
      sent
      failed
      unsubscribed
      suppressed
      noAddress
      duplicate
    }
  }
`;
const createCampaign = /* GraphQL */ `
  mutation ($input: CampaignInput!) {
    createCampaign(input: $input) {
      ...CampaignParts
    }
  }
  ${campaignFields}
`;
const readCampaign = /* GraphQL */ `
  query ($id: ID!, $status: CampaignRecipientStatus) {
    campaign(id: $id) {
      ...CampaignParts
      recipients(first: 500, status: $status) {
        nodes {
          recordId
          address
          status
          sentAt
        }
      }
    }
  }
  ${campaignFields}
`;

interface Counts {
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
  unsubscribed: number;
  suppressed: number;
  noAddress: number;
  duplicate: number;
}
interface Campaign {
  id: string;
  status: string;
  statusReason: string | null;
  startedAt: string | null;
  counts: Counts;
  recipients: {
    nodes: { recordId: string; address: string | null; status: string; sentAt: string | null }[];
  };
}

const size = 1000;
const tag = randomBytes(4).toString('hex');
const address = (i: number) => `reader-${i}-${tag}@example.test`;

describe('campaigns', () => {
  let smtp: SmtpCatcher;
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
  });
  afterAll(() => smtp.close());
  const server = useServer(() => ({ SMTP_URL: smtp.url, MAIL_FROM: 'news@example.test' }));
  let admin: SignedUpUser;
  let viewId: string;
  let campaign: Campaign;

  const read = async (id: string, status?: string): Promise<Campaign> =>
    (await admin.client.data<{ campaign: Campaign }>(readCampaign, { id, status })).campaign;
  const caughtFor = (subject: string): CaughtMail[] => smtp.mail.filter((m) => m.parsed.subject === subject);
  const makeView = async (object: string, filter: Record<string, unknown>): Promise<string> =>
    (
      await admin.client.data<{ createView: { id: string } }>(
        `mutation ($input: CreateViewInput!) { createView(input: $input) { id } }`,
        { input: { object, name: `Audience ${object}`, type: 'TABLE', shared: true, filter } },
      )
    ).createView.id;

  beforeAll(async () => {
    admin = await newUser(server, { name: 'Nora News', workspaceName: 'Newsletters' });
    const people = [
      ...Array.from({ length: size }, (_, i) => ({
        name: `Reader ${i}`,
        email: address(i),
        jobTitle: 'Reader',
      })),
      { name: 'Reader without address', jobTitle: 'Reader' },
      // Stored lower-cased, as every EMAIL value: the same address as Reader 0's.
      { name: 'Reader twice', email: address(0).toUpperCase(), jobTitle: 'Reader' },
      { name: 'Not a reader', email: `other-${tag}@example.test`, jobTitle: 'Other' },
    ];
    for (let i = 0; i < people.length; i += 250) {
      await admin.client.data(
        `mutation ($inputs: [PersonCreateInput!]!) { createPeople(inputs: $inputs) { id } }`,
        {
          inputs: people.slice(i, i + 250),
        },
      );
    }
    viewId = await makeView('person', { jobTitle: { eq: 'Reader' } });
  });

  it('delivers a throttled campaign of 1,000 to the SMTP server, with each recipient’s status and the counts', async () => {
    ({ createCampaign: campaign } = await admin.client.data<{ createCampaign: Campaign }>(createCampaign, {
      input: {
        name: 'Spring letter',
        viewId,
        subject: `Spring news ${tag}`,
        text: 'Hello from the newsletter.',
        throttle: { messages: 250, per: 'SECOND' },
      },
    }));
    expect(campaign.status).toBe('SCHEDULED');
    await eventually(async () => (await read(campaign.id)).status === 'DONE', 90_000);
    const done = await read(campaign.id);
    expect(done.counts).toEqual({
      recipients: size + 2,
      queued: 0,
      sent: size,
      failed: 0,
      unsubscribed: 0,
      suppressed: 0,
      noAddress: 1,
      duplicate: 1,
    });
    // Counted at the SMTP server: every address once, nobody outside the view.
    const caught = caughtFor(`Spring news ${tag}`);
    expect(caught).toHaveLength(size);
    expect(new Set(caught.flatMap((m) => m.to))).toEqual(
      new Set(Array.from({ length: size }, (_, i) => address(i))),
    );
    // The throttle: 250 a second, so the last of 1,000 left no sooner than ~4 s after the start.
    const sent = (await read(campaign.id, 'SENT')).recipients.nodes.map((n) => Date.parse(n.sentAt!));
    const last = Math.max(...sent, ...(await readAllSentTimes(campaign.id)));
    expect(last - Date.parse(done.startedAt!)).toBeGreaterThanOrEqual(3_900);
    const skipped = (await read(campaign.id, 'NO_ADDRESS')).recipients.nodes;
    expect(skipped).toEqual([expect.objectContaining({ address: null, status: 'NO_ADDRESS', sentAt: null })]);
    const duplicate = (await read(campaign.id, 'DUPLICATE')).recipients.nodes;
    expect(duplicate).toEqual([expect.objectContaining({ address: address(0), sentAt: null })]);
  }, 120_000);

  // Every page of SENT recipients' times (the field pages by 500).
  async function readAllSentTimes(id: string): Promise<number[]> {
    const times: number[] = [];
    let after: string | null = null;
    do {
      const data: {
        campaign: {
          recipients: { nodes: { sentAt: string }[]; endCursor: string | null; hasNextPage: boolean };
        };
      } = await admin.client.data(
        `query ($id: ID!, $after: String) { campaign(id: $id) { recipients(first: 500, after: $after, status: SENT) { nodes { sentAt } endCursor hasNextPage } } }`,
        { id, after },
      );
      times.push(...data.campaign.recipients.nodes.map((n) => Date.parse(n.sentAt)));
      after = data.campaign.recipients.hasNextPage ? data.campaign.recipients.endCursor : null;
    } while (after);
    return times;
  }

  it('carries List-Unsubscribe with one-click, and the link unsubscribes: page, confirm, suppression list', async () => {
    const mail = caughtFor(`Spring news ${tag}`).find((m) => m.to.includes(address(1)))!;
    const list = mail.parsed.headers.get('list') as { unsubscribe?: { url?: string } } | undefined;
    const link = list?.unsubscribe?.url;
    expect(link).toMatch(new RegExp(`^${server.url}/unsubscribe\\?token=`));
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(mail.parsed.text).toContain(`Unsubscribe: ${link}`);
    expect(mail.parsed.html).toContain('Unsubscribe</a>');

    // The page (no sign-in) asks first: a GET changes nothing.
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(address(1));
    expect(html).toContain('<form method="post">');
    expect((await read(campaign.id)).counts.unsubscribed).toBe(0);
    const confirmed = await fetch(link!, { method: 'POST', body: new URLSearchParams({ confirm: 'yes' }) });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('You are unsubscribed');

    // A mail client's one-click (RFC 8058) for another reader.
    const other = caughtFor(`Spring news ${tag}`).find((m) => m.to.includes(address(2)))!;
    const oneClick = await fetch(
      (other.parsed.headers.get('list') as { unsubscribe: { url: string } }).unsubscribe.url,
      {
        method: 'POST',
        body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
      },
    );
    expect(oneClick.status).toBe(200);

    // A forged token is refused.
    const forged = await fetch(`${link!.slice(0, -4)}AAAA`, { method: 'POST' });
    expect(forged.status).toBe(400);

    const after = await read(campaign.id, 'UNSUBSCRIBED');
    expect(after.counts).toMatchObject({ sent: size, unsubscribed: 2 });
    expect(after.recipients.nodes.map((n) => n.address).sort()).toEqual([address(1), address(2)]);
    const { suppressedAddresses } = await admin.client.data<{
      suppressedAddresses: { nodes: { address: string; reason: string; campaignId: string }[] };
    }>(`{ suppressedAddresses(first: 10) { nodes { address reason campaignId } } }`);
    expect(suppressedAddresses.nodes).toEqual(
      expect.arrayContaining([
        { address: address(1), reason: 'UNSUBSCRIBED', campaignId: campaign.id },
        { address: address(2), reason: 'UNSUBSCRIBED', campaignId: campaign.id },
      ]),
    );
  });

  it('skips suppressed addresses in later sends: a campaign, and any outbox message (an automation’s e-mail)', async () => {
    await admin.client.data(`mutation ($a: [String!]!) { suppressAddresses(addresses: $a) }`, {
      a: [address(3).toUpperCase()],
    });
    const narrow = await makeView('person', {
      name: { in: ['Reader 1', 'Reader 2', 'Reader 3', 'Reader 4'] },
    });
    const { createCampaign: second } = await admin.client.data<{ createCampaign: Campaign }>(createCampaign, {
      input: { name: 'Follow-up', viewId: narrow, subject: `Follow-up ${tag}`, text: 'Again.' },
    });
    await eventually(async () => (await read(second.id)).status === 'DONE', 60_000);
    const done = await read(second.id);
    expect(done.counts).toMatchObject({ recipients: 4, sent: 1, suppressed: 3 });
    expect(caughtFor(`Follow-up ${tag}`).map((m) => m.to)).toEqual([[address(4)]]);

    // The outbox in general: an automation's SEND_EMAIL to a suppressed address is kept, not sent.
    await admin.client.data(
      `mutation ($input: AutomationRuleInput!) { createAutomationRule(input: $input) { id } }`,
      {
        input: {
          name: 'Welcome',
          objectKey: 'person',
          trigger: { kind: 'RECORD_CREATED' },
          condition: { jobTitle: { eq: 'Welcome' } },
          actions: [{ type: 'SEND_EMAIL', to: { field: 'email' }, subject: `Welcome ${tag}`, body: 'Hi' }],
        },
      },
    );
    const other = `fresh-${tag}@example.test`;
    await admin.client.data(
      `mutation ($inputs: [PersonCreateInput!]!) { createPeople(inputs: $inputs) { id } }`,
      {
        inputs: [
          { name: 'Suppressed newcomer', email: address(1), jobTitle: 'Welcome' },
          { name: 'Fresh newcomer', email: other, jobTitle: 'Welcome' },
        ],
      },
    );
    await smtp.waitFor(other, (m) => m.parsed.subject === `Welcome ${tag}`);
    const outbox = async () =>
      (
        await admin.client.data<{
          mailOutbox: { nodes: { to: string; subject: string; status: string; statusReason: string }[] };
        }>(`{ mailOutbox(first: 20) { nodes { to subject status statusReason } } }`)
      ).mailOutbox.nodes.filter((m) => m.subject === `Welcome ${tag}`);
    // The SMTP server has it before the sender marks it SENT.
    await eventually(async () => (await outbox()).some((m) => m.to === other && m.status === 'SENT'), 30_000);
    expect(await outbox()).toEqual(
      expect.arrayContaining([
        {
          to: address(1),
          subject: `Welcome ${tag}`,
          status: 'SUPPRESSED',
          statusReason: 'not sent: the address is on the suppression list',
        },
        expect.objectContaining({ to: other, status: 'SENT' }),
      ]),
    );
    expect(caughtFor(`Welcome ${tag}`).map((m) => m.to)).toEqual([[other]]);

    // An admin takes an address off the list.
    const removed = await admin.client.data(`mutation ($a: String!) { unsuppressAddress(address: $a) }`, {
      a: address(3),
    });
    expect(removed).toEqual({ unsuppressAddress: true });
    const { suppressedAddresses } = await admin.client.data<{
      suppressedAddresses: { nodes: { address: string }[] };
    }>(`{ suppressedAddresses(first: 10) { nodes { address } } }`);
    expect(suppressedAddresses.nodes.map((n) => n.address).sort()).toEqual([address(1), address(2)]);
  });

  it('renders each recipient’s message from an e-mail template, its unsubscribe_url included', async () => {
    const { createMailTemplate } = await admin.client.data<{ createMailTemplate: { id: string } }>(
      `mutation ($input: MailTemplateInput!) { createMailTemplate(input: $input) { id } }`,
      {
        input: {
          object: 'person',
          name: 'Personal',
          subject: `Hello {{ record.name }} ${tag}`,
          bodyHtml: '<p>Dear {{ record.name }},</p><p><a href="{{ unsubscribe_url }}">Leave the list</a></p>',
        },
      },
    );
    const pair = await makeView('person', { name: { in: ['Reader 5', 'Reader 6'] } });
    const { createCampaign: templated } = await admin.client.data<{ createCampaign: Campaign }>(
      createCampaign,
      {
        input: { name: 'Personal', viewId: pair, templateId: createMailTemplate.id },
      },
    );
    const mail = await smtp.waitFor(address(5), (m) => m.parsed.subject === `Hello Reader 5 ${tag}`);
    expect(mail.parsed.html).toContain('Dear Reader 5,');
    const link = (mail.parsed.headers.get('list') as { unsubscribe: { url: string } }).unsubscribe.url;
    expect(mail.parsed.html).toContain(`<a href="${link.replace(/&/g, '&amp;')}">Leave the list</a>`);
    await smtp.waitFor(address(6), (m) => m.parsed.subject === `Hello Reader 6 ${tag}`);
    await eventually(async () => (await read(templated.id)).counts.sent === 2, 30_000);
  });

  it('bounces: a 5xx at RCPT and a DSN report suppress the address, a 4.x.x report only marks it; pushed live', async () => {
    const bouncer = (kind: string) => `${kind}-${tag}@bounce.test`;
    const people = ['refused', 'gone', 'full'].map((kind) => ({
      name: `Bouncer ${kind}`,
      email: bouncer(kind),
      jobTitle: `Bouncer ${tag}`,
    }));
    await admin.client.data(
      `mutation ($inputs: [PersonCreateInput!]!) { createPeople(inputs: $inputs) { id } }`,
      { inputs: people },
    );
    const bouncers = await makeView('person', { jobTitle: { eq: `Bouncer ${tag}` } });
    smtp.refuseRecipient(bouncer('refused'), { code: 550, message: '5.1.1 No such user here' });
    const socket = newSocketClient(server, { cookie: admin.client.cookie, workspaceId: admin.workspaceId });
    const live = collect<{
      campaignChanged: { id: string; status: string; counts: { sent: number; bounced: number } };
    }>(socket.client, `subscription { campaignChanged { id status counts { sent bounced } } }`);
    try {
      const { createCampaign: first } = await admin.client.data<{ createCampaign: Campaign }>(
        createCampaign,
        {
          input: { name: 'Bouncing', viewId: bouncers, subject: `Bounce news ${tag}`, text: 'Hello.' },
        },
      );
      const gone = await smtp.waitFor(bouncer('gone'));
      const full = await smtp.waitFor(bouncer('full'));
      // The refused one bounced at sending, for good, and is pushed live.
      await eventually(() =>
        live.results.some(
          (r) => r.data?.campaignChanged.id === first.id && r.data.campaignChanged.counts.bounced === 1,
        ),
      );
      const { token } = await createApiToken(admin.client, { role: 'ADMIN' });
      const report = (mail: CaughtMail, status: string, quoted: string) =>
        [
          'From: Mail Delivery System <MAILER-DAEMON@mx.bounce.test>',
          'To: news@example.test',
          'Subject: Undelivered Mail Returned to Sender',
          `Message-ID: <dsn-${randomBytes(6).toString('hex')}@mx.bounce.test>`,
          'MIME-Version: 1.0',
          'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
          '',
          '--B',
          'Content-Type: text/plain',
          '',
          'Your message could not be delivered.',
          '',
          '--B',
          'Content-Type: message/delivery-status',
          '',
          'Reporting-MTA: dns; mx.bounce.test',
          '',
          `Final-Recipient: rfc822; ${mail.to[0]}`,
          'Action: failed',
          `Status: ${status}`,
          `Diagnostic-Code: smtp; ${status.startsWith('5') ? '550' : '452'} ${status} mailbox says no`,
          '',
          '--B',
          'Content-Type: text/rfc822-headers',
          '',
          quoted,
          '',
          '--B--',
          '',
        ].join('\r\n');
      const post = async (raw: string) => {
        const response = await fetch(`${server.url}/mail/inbound`, {
          method: 'POST',
          headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${token}` },
          body: raw,
        });
        return { status: response.status, body: (await response.json()) as { bounce?: unknown } };
      };
      // Matched by our X-CRM-Mail-Id header, quoted back.
      const hard = await post(
        report(
          gone,
          '5.1.1',
          `To: ${bouncer('gone')}\r\nX-CRM-Mail-Id: ${gone.parsed.headers.get('x-crm-mail-id')}`,
        ),
      );
      expect(hard.body.bounce).toMatchObject({ address: bouncer('gone'), status: '5.1.1', hard: true });
      // Matched by the Message-ID the server accepted it under.
      const soft = await post(
        report(full, '4.2.2', `To: ${bouncer('full')}\r\nMessage-ID: ${full.parsed.messageId}`),
      );
      expect(soft.body.bounce).toMatchObject({ address: bouncer('full'), status: '4.2.2', hard: false });

      const bounced = (await read(first.id, 'BOUNCED')).recipients.nodes.map((n) => n.address).sort();
      expect(bounced).toEqual([bouncer('full'), bouncer('gone'), bouncer('refused')]);
      const { suppressedAddresses } = await admin.client.data<{
        suppressedAddresses: { nodes: { address: string; reason: string }[] };
      }>(`{ suppressedAddresses(first: 10, search: "${tag}@bounce.test") { nodes { address reason } } }`);
      expect(suppressedAddresses.nodes.sort((a, b) => a.address.localeCompare(b.address))).toEqual([
        { address: bouncer('gone'), reason: 'BOUNCED' },
        { address: bouncer('refused'), reason: 'BOUNCED' },
      ]);

      // The next campaign skips the hard bounces and sends to the soft one.
      const { createCampaign: next } = await admin.client.data<{ createCampaign: Campaign }>(createCampaign, {
        input: { name: 'Bouncing again', viewId: bouncers, subject: `Bounce again ${tag}`, text: 'Hi.' },
      });
      await eventually(async () => (await read(next.id)).status === 'DONE', 60_000);
      expect((await read(next.id)).counts).toMatchObject({ recipients: 3, sent: 1, suppressed: 2 });
      expect(caughtFor(`Bounce again ${tag}`).map((m) => m.to)).toEqual([[bouncer('full')]]);
    } finally {
      live.stop();
      await socket.client.dispose();
    }
  }, 120_000);

  it('opens the live list with the newest campaigns as they are (latest), then pushes changes', async () => {
    const narrow = await makeView('person', { name: { in: ['Reader 5'] } });
    const { createCampaign: sent } = await admin.client.data<{ createCampaign: Campaign }>(createCampaign, {
      input: { name: 'Already sent', viewId: narrow, subject: `Already ${tag}`, text: 'Hi.' },
    });
    await eventually(async () => (await read(sent.id)).status === 'DONE', 60_000);
    const socket = newSocketClient(server, { cookie: admin.client.cookie, workspaceId: admin.workspaceId });
    try {
      const live = collect<{ campaignChanged: { id: string; status: string; counts: { sent: number } } }>(
        socket.client,
        `subscription ($latest: Int) { campaignChanged(latest: $latest) { id status counts { sent } } }`,
        { latest: 1 },
      );
      // A list read before the subscription was in place misses nothing: it opens with the newest.
      await eventually(() => live.results.length >= 1);
      expect(live.results[0]!.data!.campaignChanged).toEqual({
        id: sent.id,
        status: 'DONE',
        counts: { sent: 1 },
      });
      const { createCampaign: next } = await admin.client.data<{ createCampaign: Campaign }>(createCampaign, {
        input: { name: 'Sent live', viewId: narrow, subject: `Live ${tag}`, text: 'Hi.' },
      });
      await eventually(
        () =>
          live.results.some(
            (r) => r.data?.campaignChanged.id === next.id && r.data.campaignChanged.status === 'DONE',
          ),
        60_000,
      );
      expect(live.results.every((r) => !r.errors)).toBe(true);

      const tooMany = collect(socket.client, `subscription { campaignChanged(latest: 201) { id } }`);
      const error = await subscriptionError(tooMany);
      expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['latest'] });
    } finally {
      await socket.client.dispose();
    }
  });

  it('refuses a view of an object without an e-mail field, naming the part', async () => {
    const companies = await makeView('company', {});
    const { body } = await admin.client.request(createCampaign, {
      input: { name: 'To companies', viewId: companies, subject: 'Hi', text: 'Hello' },
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['input', 'viewId'],
    });
    expect(body.errors?.[0]?.message).toMatch(/Companies, which have no e-mail field/);
  });
});
