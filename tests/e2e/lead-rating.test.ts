import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, newUser, type SignedUpUser } from '../support/client.js';
import { rfc822 } from '../support/imap.js';
import { defineObject, expectBadInput } from '../support/records.js';
import { useServer } from '../support/server.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';
import { eventually } from '../support/ws.js';

// Lead rating and conversion (issue 17, part 5): a model of points for field values and
// activity gives a score and a hot/warm/cold band, recomputed live on each change (a change
// consumer), filterable and groupable like any SELECT field; a lead converts into person,
// company and deal in one step, linked.

let smtp: SmtpCatcher;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(() => smtp.close());
const server = useServer(() => ({ SMTP_URL: smtp.url, MAIL_FROM: 'crm@example.test' }));
let owner: SignedUpUser;

const saveModel = /* GraphQL */ `
  mutation ($objectKey: String!, $model: JSON!) {
    saveRatingModel(objectKey: $objectKey, model: $model) {
      objectKey
      model
      converts
    }
  }
`;

async function create(type: string, input: Record<string, unknown>): Promise<string> {
  const data = await owner.client.data<Record<string, { id: string }>>(
    `mutation ($input: ${type}CreateInput!) { create${type}(input: $input) { id } }`,
    { input },
  );
  return Object.values(data)[0]!.id;
}

async function rating(id: string): Promise<{ leadScore: number | null; leadBand: string | null }> {
  const { person } = await owner.client.data<{
    person: { leadScore: number | null; leadBand: string | null };
  }>(`query ($id: ID!) { person(id: $id) { leadScore leadBand } }`, { id });
  return person;
}

const ratedAs = (id: string, score: number, band: string) => async () => {
  const now = await rating(id);
  return now.leadScore === score && now.leadBand === band;
};

beforeAll(async () => {
  owner = await newUser(server);
  await owner.client.data(
    `mutation { installTemplate(key: "real-estate", withSampleData: false) { __typename } }`,
  );
});

describe('lead rating', () => {
  let propertyId: string;
  let buyer: string;

  it('comes with the template, and a saved model adds its fields and rates the records already there', async () => {
    const { ratingModels } = await owner.client.data<{
      ratingModels: { objectKey: string; converts: boolean }[];
    }>(`query { ratingModels { objectKey converts } }`);
    expect(ratingModels).toEqual([{ objectKey: 'person', converts: false }]);
    buyer = await create('Person', { name: 'Rita Buyer', email: 'rita@example.com' });
    propertyId = await create('Property', { name: 'Canal house', address: '2 Canal Rd' });
    const { saveRatingModel } = await owner.client.data<{
      saveRatingModel: { model: { scoreField: string } };
    }>(saveModel, {
      objectKey: 'person',
      model: {
        thresholds: { hot: 50, warm: 20 },
        rules: [
          { kind: 'FIELD', field: 'email', operator: 'isNotEmpty', points: 10 },
          { kind: 'FIELD', field: 'budget', operator: 'gte', value: 300000, points: 20 },
          { kind: 'ACTIVITY', object: 'viewing', via: 'contact', points: 25, max: 50 },
          { kind: 'EMAILS_ANSWERED', points: 5 },
        ],
      },
    });
    expect(saveRatingModel.model.scoreField).toBe('leadScore');
    await eventually(ratedAs(buyer, 10, 'cold'));
  });

  it('is recomputed live when the record or its activity changes', async () => {
    await owner.client.data(
      `mutation ($id: ID!) { updatePerson(id: $id, input: { budget: { amount: 450000, currency: "USD" } }) { id } }`,
      { id: buyer },
    );
    await eventually(ratedAs(buyer, 30, 'warm'));
    await create('Viewing', { name: 'First viewing', property: propertyId, contact: buyer });
    await eventually(ratedAs(buyer, 55, 'hot'));
  });

  it('counts a reply to mail sent from the record as an e-mail answered, live', async () => {
    const { sendRecordMail } = await owner.client.data<{ sendRecordMail: { id: string } }>(
      `mutation ($input: SendRecordMailInput!) { sendRecordMail(input: $input) { id } }`,
      {
        input: {
          object: 'person',
          recordId: buyer,
          to: 'rita@example.com',
          subject: 'Canal house',
          body: 'Still keen?',
        },
      },
    );
    let serverMessageId: string | null = null;
    await eventually(async () => {
      const { mailOutbox } = await owner.client.data<{
        mailOutbox: { nodes: { id: string; serverMessageId: string | null }[] };
      }>(`{ mailOutbox(first: 10) { nodes { id serverMessageId } } }`);
      serverMessageId = mailOutbox.nodes.find((m) => m.id === sendRecordMail.id)?.serverMessageId ?? null;
      return !!serverMessageId;
    }, 60_000);
    const { token } = await createApiToken(owner.client, { role: 'ADMIN' });
    // From another address: the reply answers the record the mail was sent from, not only its sender.
    const reply = rfc822(
      {
        From: 'rita.at.work@example.com',
        To: 'sales@acme.test',
        Subject: 'Re: Canal house',
        'Message-ID': `<reply-${randomBytes(6).toString('hex')}@customer.test>`,
        'In-Reply-To': serverMessageId!,
      },
      'Yes, very.',
    );
    const posted = await fetch(`${server.url}/mail/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${token}` },
      body: reply,
    });
    expect(posted.status).toBe(201);
    expect(await posted.json()).toMatchObject({ replyToMailId: sendRecordMail.id });
    await eventually(ratedAs(buyer, 60, 'hot'));
  });

  it('gives bands that filter and group like any choice field', async () => {
    await create('Person', { name: 'No Email' });
    await eventually(async () => {
      const { people } = await owner.client.data<{ people: { totalCount: number } }>(
        `query { people(filter: { leadBand: { eq: "cold" } }) { totalCount } }`,
      );
      return people.totalCount === 1;
    });
    const { people } = await owner.client.data<{ people: { nodes: { id: string }[] } }>(
      `query { people(filter: { leadBand: { eq: "hot" } }) { nodes { id } } }`,
    );
    expect(people.nodes.map((n) => n.id)).toEqual([buyer]);
    const { createView } = await owner.client.data<{ createView: { groupByField: string } }>(
      `mutation { createView(input: { object: "person", name: "Leads by rating", type: BOARD, groupByField: "leadBand" }) { groupByField } }`,
    );
    expect(createView.groupByField).toBe('leadBand');
  });

  it('refuses a model naming fields the object lacks', async () => {
    const response = await owner.client.request(saveModel, {
      objectKey: 'person',
      model: { rules: [{ kind: 'ACTIVITY', object: 'viewing', via: 'property', points: 5 }] },
    });
    expectBadInput(response, ['model', 'rules', '0', 'via']);
  });
});

describe('lead conversion', () => {
  it('converts a lead into person, company and deal in one step, linked', async () => {
    await defineObject(owner.client, { key: 'lead', labelSingular: 'Lead', labelPlural: 'Leads' }, [
      { key: 'email', type: 'EMAIL' },
      { key: 'companyName', type: 'TEXT' },
      {
        key: 'convertedPerson',
        type: 'RELATION',
        relation: { target: 'person', kind: 'MANY_TO_ONE', inverseKey: 'leads' },
      },
      {
        key: 'convertedDeal',
        type: 'RELATION',
        relation: { target: 'deal', kind: 'MANY_TO_ONE', inverseKey: 'leads' },
      },
    ]);
    const { saveRatingModel } = await owner.client.data<{ saveRatingModel: { converts: boolean } }>(
      saveModel,
      {
        objectKey: 'lead',
        model: {
          rules: [{ kind: 'FIELD', field: 'companyName', operator: 'isNotEmpty', points: 40 }],
          conversion: {
            person: { name: 'name', email: 'email' },
            company: { name: 'companyName' },
            deal: { name: 'name' },
            link: { person: 'convertedPerson', deal: 'convertedDeal' },
          },
        },
      },
    );
    expect(saveRatingModel.converts).toBe(true);
    const lead = await create('Lead', { name: 'Sam Seller', email: 'sam@acme.test', companyName: 'Acme' });
    const { convertLead } = await owner.client.data<{
      convertLead: { personId: string; personCreated: boolean; companyId: string; dealId: string };
    }>(
      `mutation ($id: ID!) { convertLead(objectKey: "lead", id: $id) { personId personCreated companyId dealId } }`,
      {
        id: lead,
      },
    );
    expect(convertLead.personCreated).toBe(true);
    const {
      person,
      deal,
      lead: after,
    } = await owner.client.data<{
      person: { name: string; email: string; company: { id: string; name: string } };
      deal: { name: string; contact: { id: string }; company: { id: string } };
      lead: { convertedPerson: { id: string }; convertedDeal: { id: string } };
    }>(
      `query ($p: ID!, $d: ID!, $l: ID!) {
        person(id: $p) { name email company { id name } }
        deal(id: $d) { name contact { id } company { id } }
        lead(id: $l) { convertedPerson { id } convertedDeal { id } }
      }`,
      { p: convertLead.personId, d: convertLead.dealId, l: lead },
    );
    expect(person).toEqual({
      name: 'Sam Seller',
      email: 'sam@acme.test',
      company: { id: convertLead.companyId, name: 'Acme' },
    });
    expect(deal).toEqual({
      name: 'Sam Seller',
      contact: { id: convertLead.personId },
      company: { id: convertLead.companyId },
    });
    expect(after).toEqual({
      convertedPerson: { id: convertLead.personId },
      convertedDeal: { id: convertLead.dealId },
    });
    const again = await owner.client.request(
      `mutation ($id: ID!) { convertLead(objectKey: "lead", id: $id) { personId } }`,
      {
        id: lead,
      },
    );
    expectBadInput(again, ['id']);
  });

  it('refuses a conversion its metadata cannot satisfy, naming the input', async () => {
    const refused = async (conversion: Record<string, unknown>, path: string[]) =>
      expectBadInput(
        await owner.client.request(saveModel, { objectKey: 'lead', model: { rules: [], conversion } }),
        ['model', 'conversion', ...path],
      );
    const person = { name: 'name', email: 'email' };
    // An e-mail field does not take any text; a required field left out; a link to the wrong object.
    await refused({ person: { name: 'name', email: 'companyName' } }, ['person', 'email']);
    await refused({ person: { email: 'email' } }, ['person', 'name']);
    await refused({ person, link: { person: 'convertedDeal' } }, ['link', 'person']);
    await refused({ person, mark: { field: 'companyName' } }, ['mark', 'value']);
    await refused({ person: { ...person, nickname: 'name' } }, ['person', 'nickname']);
  });
});
