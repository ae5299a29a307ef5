import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, uniqueEmail, type SignedUpUser } from '../support/client.js';
import { errorOf, expectBadInput } from '../support/records.js';
import { useServer } from '../support/server.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// E-mail templates with merge fields, previewed on a record and sent from it over a real SMTP
// server: the exact message, the refusals (parse errors with line and column, unknown merge
// fields, bad addresses), and the message on the timelines of the deal, its contact and company.

const createTemplate = /* GraphQL */ `
  mutation ($input: MailTemplateInput!) {
    createMailTemplate(input: $input) {
      id
      object
      name
    }
  }
`;
const preview = /* GraphQL */ `
  query ($input: MailTemplatePreviewInput!) {
    mailTemplatePreview(input: $input) {
      subject
      html
      text
      missing
    }
  }
`;
const send = /* GraphQL */ `
  mutation ($input: SendRecordMailInput!) {
    sendRecordMail(input: $input) {
      id
      to
      subject
      status
    }
  }
`;
const timeline = /* GraphQL */ `
  query ($object: String!, $recordId: ID!) {
    timeline(object: $object, recordId: $recordId, first: 20, kinds: ["EMAIL"]) {
      nodes {
        id
        kind
        actorId
        recordId
        data
      }
    }
  }
`;

interface Item {
  id: string;
  kind: string;
  actorId: string | null;
  recordId: string;
  data: { subject: string; to: string; cc: string[]; status: string; fromRecordId: string | null };
}

const template = {
  object: 'deal',
  name: 'Offer',
  subject: 'Offer for {{ record.name }}',
  bodyHtml:
    '<p>Dear {{ record.contact.name }},</p>' +
    '<p>{{ record.company.name }}: <b>{{ record.amount }}</b> at stage {{ record.stage }}.</p>' +
    '{% if record.contact.phone %}<p>We will call {{ record.contact.phone }}.</p>{% endif %}' +
    '<p>{{ sender.name }}, {{ workspace.name }}</p>',
};

describe('e-mail templates and sending from a record', () => {
  let smtp: SmtpCatcher;
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
  });
  afterAll(() => smtp.close());
  const server = useServer(() => ({ SMTP_URL: smtp.url, MAIL_FROM: 'crm@example.test' }));
  let admin: SignedUpUser;
  let member: SignedUpUser;
  let templateId: string;
  let companyId: string;
  let personId: string;
  let dealId: string;
  const annAddress = uniqueEmail('ann');

  beforeAll(async () => {
    admin = await newUser(server, { name: 'Ada Admin', workspaceName: 'Acme & Co' });
    member = await newMember(server, admin, 'MEMBER');
    await admin.client.data(
      `mutation ($input: MailSettingsInput!) { setMailSettings(input: $input) { senderName } }`,
      { input: { senderName: 'Acme Sales', replyTo: 'sales@acme.test' } },
    );
    const { createCompany } = await admin.client.data<{ createCompany: { id: string } }>(
      `mutation { createCompany(input: { name: "Globex <Ltd>" }) { id } }`,
    );
    companyId = createCompany.id;
    const { createPerson } = await admin.client.data<{ createPerson: { id: string } }>(
      `mutation ($input: PersonCreateInput!) { createPerson(input: $input) { id } }`,
      { input: { name: 'Ann Lee', email: annAddress, company: companyId } },
    );
    personId = createPerson.id;
    const { createDeal } = await admin.client.data<{ createDeal: { id: string } }>(
      `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`,
      {
        input: {
          name: 'Harbour view',
          amount: { amount: 1500, currency: 'USD' },
          stage: 'proposal',
          company: companyId,
          contact: personId,
        },
      },
    );
    dealId = createDeal.id;
    const { createMailTemplate } = await admin.client.data<{ createMailTemplate: { id: string } }>(
      createTemplate,
      { input: template },
    );
    templateId = createMailTemplate.id;
  });

  it('lists the merge fields of an object from its metadata, one hop through relations', async () => {
    const { mailTemplateMergeFields } = await admin.client.data<{
      mailTemplateMergeFields: { path: string; label: string; type: string }[];
    }>(`{ mailTemplateMergeFields(object: "deal") { path label type } }`);
    const paths = mailTemplateMergeFields.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'record.name',
        'record.amount',
        'record.contact.email',
        'record.company.name',
        'record.owner.name',
        'sender.name',
        'workspace.name',
        'unsubscribe_url',
      ]),
    );
    expect(mailTemplateMergeFields).toContainEqual({
      path: 'record.contact.email',
      label: 'Deal: Contact: E-mail',
      type: 'EMAIL',
    });
  });

  it('previews a template on a record, listing the merge fields left empty', async () => {
    const { mailTemplatePreview } = await member.client.data<{
      mailTemplatePreview: { subject: string; html: string; text: string; missing: string[] };
    }>(preview, { input: { object: 'deal', recordId: dealId, templateId } });
    expect(mailTemplatePreview.subject).toBe('Offer for Harbour view');
    expect(mailTemplatePreview.missing).toEqual(['record.contact.phone']);
    expect(mailTemplatePreview.text).toBe(
      'Dear Ann Lee,\n\nGlobex <Ltd>: $1,500.00 at stage Proposal.\n\nA MEMBER, Acme & Co',
    );
    expect(mailTemplatePreview.html).toContain(
      '<p>Globex &lt;Ltd&gt;: <b>$1,500.00</b> at stage Proposal.</p>',
    );

    // A draft (the editor's unsaved text), with its own text part.
    const draft = await member.client.data<{ mailTemplatePreview: { text: string; missing: string[] } }>(
      preview,
      {
        input: {
          object: 'deal',
          recordId: dealId,
          subject: 'Hi',
          bodyHtml: '<p>x</p>',
          bodyText: 'Owner: {{ record.owner.name | default: "nobody" }}',
        },
      },
    );
    expect(draft.mailTemplatePreview).toMatchObject({ text: 'Owner: Ada Admin', missing: [] });
  });

  it('refuses a template that does not parse with its line and column, and unknown merge fields by name', async () => {
    const unparsed = await admin.client.request(createTemplate, {
      input: { ...template, name: 'Broken', bodyHtml: '<p>Hi</p>\n<p>{% if record.name %}open</p>' },
    });
    expectBadInput(unparsed, ['input', 'bodyHtml']);
    expect(errorOf(unparsed).message).toBe('line 2, column 4: tag {% if record.name %} not closed');
    expect(errorOf(unparsed).extensions).toMatchObject({ line: 2, column: 4 });

    const unknown = await admin.client.request(createTemplate, {
      input: { ...template, name: 'Typo', subject: 'About {{ record.nmae }} and {{ record.company.nme }}' },
    });
    expectBadInput(unknown, ['input', 'subject']);
    expect(errorOf(unknown).message).toBe('unknown merge fields: record.nmae, record.company.nme.');

    const asMember = await member.client.request(createTemplate, { input: { ...template, name: 'Mine' } });
    expect(errorOf(asMember).code).toBe('FORBIDDEN');
  });

  it('sends the exact message from a record and logs it on the timelines of the deal, its contact and company', async () => {
    const { mailTemplateRecipients } = await member.client.data<{
      mailTemplateRecipients: { address: string; label: string }[];
    }>(`query ($id: ID!) { mailTemplateRecipients(object: "deal", recordId: $id) { address label } }`, {
      id: dealId,
    });
    expect(mailTemplateRecipients).toEqual([{ address: annAddress, label: 'Ann Lee (Contact)' }]);

    const { client } = newSocketClient(server, {
      cookie: member.client.cookie,
      workspaceId: admin.workspaceId,
    });
    const live = collect<{ timelineChanged: { item: Item } }>(
      client,
      `subscription ($id: ID!) { timelineChanged(object: "person", recordId: $id) { item { id kind data } } }`,
      { id: personId },
    );
    try {
      // Live once a warm-up change of the contact is heard (one is written until it is).
      let n = 0;
      await eventually(async () => {
        if (live.results.length > 0) return true;
        await admin.client.data(
          `mutation ($id: ID!, $input: PersonUpdateInput!) { updatePerson(id: $id, input: $input) { id } }`,
          { id: personId, input: { jobTitle: `Buyer ${++n}` } },
        );
        return false;
      });
      const { changeCursor } = await member.client.data<{ changeCursor: string }>(`{ changeCursor }`);
      const { sendRecordMail } = await member.client.data<{ sendRecordMail: { id: string; status: string } }>(
        send,
        {
          input: {
            object: 'deal',
            recordId: dealId,
            to: annAddress,
            ccMemberIds: [admin.userId],
            bcc: ['Boss@Example.test'],
            templateId,
          },
        },
      );
      const caught = await smtp.waitFor(annAddress);
      const { parsed } = caught;
      expect(parsed.from?.value).toEqual([{ name: 'Acme Sales', address: 'crm@example.test' }]);
      expect(parsed.replyTo?.value).toEqual([{ name: '', address: 'sales@acme.test' }]);
      expect(parsed.to && 'value' in parsed.to ? parsed.to.value : null).toEqual([
        { name: '', address: annAddress },
      ]);
      expect(parsed.cc && 'value' in parsed.cc ? parsed.cc.value : null).toEqual([
        { name: '', address: admin.email },
      ]);
      expect(caught.raw).not.toMatch(/^bcc:/im);
      expect([...caught.to].sort()).toEqual([admin.email, annAddress, 'boss@example.test'].sort());
      expect(parsed.subject).toBe('Offer for Harbour view');
      expect(parsed.text).toBe(
        'Dear Ann Lee,\n\nGlobex <Ltd>: $1,500.00 at stage Proposal.\n\nA MEMBER, Acme & Co',
      );
      const html = parsed.html as string;
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(html).toContain('<title>Offer for Harbour view</title>');
      expect(html).toContain(
        '<p>Dear Ann Lee,</p><p>Globex &lt;Ltd&gt;: <b>$1,500.00</b> at stage Proposal.</p>',
      );
      expect(html).not.toContain('We will call');

      const items = async (object: string, recordId: string) =>
        (await member.client.data<{ timeline: { nodes: Item[] } }>(timeline, { object, recordId })).timeline
          .nodes;
      await eventually(async () => (await items('deal', dealId))[0]?.data.status === 'SENT', 60_000);
      const [onDeal] = await items('deal', dealId);
      expect(onDeal).toMatchObject({
        id: `email:${sendRecordMail.id}`,
        kind: 'EMAIL',
        actorId: member.userId,
        data: { subject: 'Offer for Harbour view', to: annAddress, cc: [admin.email], fromRecordId: null },
      });
      for (const [object, id] of [
        ['person', personId],
        ['company', companyId],
      ] as const) {
        expect(await items(object, id)).toEqual([
          expect.objectContaining({
            id: `email:${sendRecordMail.id}`,
            recordId: id,
            data: expect.objectContaining({ status: 'SENT', fromRecordId: dealId }),
          }),
        ]);
      }
      // Live on the contact's timeline: queued, then sent. Each event carries the message as it is
      // when the event is delivered, so on a busy server the first may already be further on; the
      // statuses only move forward.
      const mailEvents = () =>
        live.results.map((r) => r.data?.timelineChanged.item).filter((item) => item?.kind === 'EMAIL');
      await eventually(() => mailEvents().some((item) => item?.data.status === 'SENT'));
      expect(live.error()).toBeUndefined();
      expect(mailEvents()[0]).toMatchObject({ id: `email:${sendRecordMail.id}` });
      const order = ['QUEUED', 'SENDING', 'SENT'];
      const steps = mailEvents().map((item) => order.indexOf(item!.data.status as string));
      expect(steps.every((step, i) => step >= 0 && step >= (steps[i - 1] ?? 0))).toBe(true);
      // Subscribed only now, from a cursor read before it was sent: the message comes first, as it is.
      const resumed = collect<{ timelineChanged: { item: Item } }>(
        client,
        `subscription ($id: ID!, $after: String) {
          timelineChanged(object: "deal", recordId: $id, after: $after) { item { id kind data } }
        }`,
        { id: dealId, after: changeCursor },
      );
      const resumedMail = () =>
        resumed.results.map((r) => r.data?.timelineChanged.item).filter((item) => item?.kind === 'EMAIL');
      await eventually(() => resumedMail().length > 0);
      expect(resumedMail()[0]).toMatchObject({ id: `email:${sendRecordMail.id}`, data: { status: 'SENT' } });
    } finally {
      await client.dispose();
    }
  });

  it('refuses a bad address, a bad copy, and free text with an unknown merge field, naming the part', async () => {
    const base = { object: 'deal', recordId: dealId, subject: 'Hello {{ record.name }}', body: 'Hi' };
    expectBadInput(await member.client.request(send, { input: { ...base, to: 'not an address' } }), [
      'input',
      'to',
    ]);
    expectBadInput(
      await member.client.request(send, { input: { ...base, to: annAddress, cc: ['x@y', 'ok@x.test'] } }),
      ['input', 'cc', '0'],
    );
    const unknown = await member.client.request(send, {
      input: { ...base, to: annAddress, body: 'Hi {{ record.contact.nickname }}' },
    });
    expectBadInput(unknown, ['input', 'body']);
    expect(errorOf(unknown).message).toBe('unknown merge field: record.contact.nickname.');
    const unparsed = await member.client.request(send, {
      input: { ...base, to: annAddress, subject: 'Hi {{ ' },
    });
    expectBadInput(unparsed, ['input', 'subject']);
    expect(errorOf(unparsed).message).toMatch(/^line 1, column 4: /);
  });

  it('lets the automation send-e-mail action use a template', async () => {
    const watcher = uniqueEmail('watcher');
    await admin.client.data(
      `mutation ($input: AutomationRuleInput!) { createAutomationRule(input: $input) { id } }`,
      {
        input: {
          enabled: true,
          name: 'Offer on new deals',
          objectKey: 'deal',
          trigger: { kind: 'RECORD_CREATED' },
          actions: [{ type: 'SEND_EMAIL', to: { address: watcher }, subject: '', body: '', templateId }],
        },
      },
    );
    await admin.client.data(`mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`, {
      input: { name: 'Marina berth', company: companyId, contact: personId },
    });
    const { parsed } = await smtp.waitFor(watcher);
    expect(parsed.subject).toBe('Offer for Marina berth');
    expect(parsed.html).toContain('<p>Dear Ann Lee,</p>');
    // Sent by the rule, not a member: the sender's merge fields are empty.
    expect(parsed.text).toContain('\n\n, Acme & Co');
  });
});
