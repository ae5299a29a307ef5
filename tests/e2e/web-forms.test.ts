import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRule, finishedRuns } from '../support/automation.js';
import { newUser, type SignedUpUser } from '../support/client.js';
import { useServer } from '../support/server.js';
import { asEarlierVersion } from '../support/templates.js';
import { createWebForm, postForm, postJson, submissionsOf, type CreatedForm } from '../support/web-forms.js';

// Issue 17, public web-to-lead forms through their public door (HTML form posts and JSON),
// and the ADF dealer lead feed: records made through the records write path, people
// de-duplicated, spam and bad input refused with nothing created, every submission logged.

const shipped = fileURLToPath(new URL('../../templates', import.meta.url));
let templatesDir: string;
/** The real-estate template as published before it had forms (version 3). */
const withoutForms = (text: string) =>
  asEarlierVersion(text, 3).replace(/\n# Public web forms[\s\S]*?\n(?=sampleData:)/, '\n');

beforeAll(async () => {
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'crm-web-forms-'));
  await cp(shipped, templatesDir, { recursive: true });
  const realEstate = path.join(templatesDir, 'real-estate', 'template.yaml');
  await writeFile(realEstate, withoutForms(await readFile(realEstate, 'utf8')));
});
afterAll(() => rm(templatesDir, { recursive: true, force: true }));
const server = useServer(() => ({ FORMS_RATE_PER_ADDRESS: '1000', TEMPLATES_DIR: templatesDir }));
let owner: SignedUpUser;
let form: CreatedForm;

async function deals(user: SignedUpUser) {
  const { deals } = await user.client.data<{
    deals: {
      nodes: {
        id: string;
        name: string;
        source: string | null;
        closeDate: string | null;
        contact: { id: string; email: string; phone: string | null } | null;
      }[];
    };
  }>(`{ deals(first: 50) { nodes { id name source closeDate contact { id email phone } } } }`);
  return deals.nodes;
}

async function people(user: SignedUpUser) {
  const { people } = await user.client.data<{
    people: { nodes: { id: string; name: string; email: string }[] };
  }>(`{ people(first: 50) { nodes { id name email } } }`);
  return people.nodes;
}

beforeAll(async () => {
  owner = await newUser(server, { workspaceName: 'Harbour Homes' });
  await owner.client.data(
    `mutation { createField(input: { object: "deal", key: "source", label: "Source", type: TEXT }) { id } }`,
  );
  form = await createWebForm(owner.client, {
    name: 'Contact us',
    objectKey: 'deal',
    recordName: 'Enquiry: {{ person.name }}',
    consentText: 'I agree to the privacy policy.',
    fields: [
      { path: 'person.name', label: 'Your name', required: true },
      { path: 'person.email', required: true },
      { path: 'person.phone' },
      { path: 'closeDate', label: 'When would you like to move?' },
      { path: 'source', hidden: true, defaultValue: 'website' },
    ],
  });
});

describe('a web form', () => {
  it('serves its hosted page as plain HTML with the honeypot and the consent box', async () => {
    const page = await fetch(form.hostedUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/forms/');
    expect(html).toContain('name="person.email"');
    expect(html).toContain('name="_website"');
    expect(html).toContain('name="_consent"');
    expect(html).not.toContain('name="source"');
    expect(form.embedSnippet).toContain(`action="${server.url}/forms/${form.id}"`);
    // CORS for the form's door only.
    const preflight = await fetch(form.hostedUrl, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const graphql = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example' },
    });
    expect(graphql.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('creates the lead with its person and source, fires FORM_SUBMITTED, and a repeat updates instead of duplicating', async () => {
    const rule = await createRule(owner.client, {
      name: 'Call new web leads',
      objectKey: 'deal',
      trigger: { kind: 'FORM_SUBMITTED', formId: form.id },
      actions: [
        { type: 'CREATE_RECORD', object: 'task', values: { name: { template: 'Call {{ record.name }}' } } },
      ],
    });
    const first = await postForm(
      form.hostedUrl,
      {
        'person.name': 'Ana Lee',
        'person.email': 'Ana.Lee@Example.com',
        'person.phone': '+1 415 555 0132',
        closeDate: '2027-03-01',
        _consent: 'true',
        _website: '',
      },
      { referer: 'https://harbour.example/contact' },
    );
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Thank you!');
    const [deal] = await deals(owner);
    expect(deal).toMatchObject({
      name: 'Enquiry: Ana Lee',
      source: 'website',
      closeDate: '2027-03-01',
      contact: { email: 'ana.lee@example.com' },
    });
    const [run] = await finishedRuns(owner.client, rule.id, 1);
    expect(run).toMatchObject({ trigger: 'FORM_SUBMITTED', recordId: deal!.id, status: 'SUCCEEDED' });

    // The same person again (their address typed differently, a phone written another way): JSON this time.
    const again = await postJson(form.hostedUrl, {
      'person.name': 'Ana Lee',
      'person.email': ' ANA.LEE@example.com ',
      closeDate: '2027-04-01',
      _consent: true,
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({
      ok: true,
      message: 'Thank you! We will be in touch shortly.',
      redirectUrl: null,
    });
    expect(await people(owner)).toHaveLength(1);
    const after = await deals(owner);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: deal!.id, closeDate: '2027-04-01' });
    const log = await submissionsOf(owner.client, form.id);
    expect(log.map((s) => s.outcome)).toEqual(['UPDATED', 'CREATED']);
    expect(log[1]).toMatchObject({
      recordId: deal!.id,
      personId: deal!.contact!.id,
      source: 'https://harbour.example/contact',
    });
  });

  it('answers spam caught by the honeypot like a person, and creates nothing', async () => {
    const before = (await deals(owner)).length;
    const spam = await postForm(form.hostedUrl, {
      'person.name': 'Bot',
      'person.email': 'bot@spam.example',
      _consent: 'on',
      _website: 'http://spam.example',
    });
    expect(spam.status).toBe(200);
    expect(await spam.text()).toContain('Thank you!');
    expect(await deals(owner)).toHaveLength(before);
    expect((await people(owner)).map((p) => p.email)).not.toContain('bot@spam.example');
    expect((await submissionsOf(owner.client, form.id))[0]).toMatchObject({
      outcome: 'SPAM',
      reason: 'honeypot filled',
    });
  });

  it('refuses bad input with every field at fault listed, and creates nothing', async () => {
    const before = (await deals(owner)).length;
    const bad = await postJson(form.hostedUrl, {
      'person.email': 'not-an-address',
      closeDate: 'next spring',
      budget: '1000000',
      'person.phone': 'x'.repeat(10_001),
    });
    expect(bad.status).toBe(400);
    const { errors } = (await bad.json()) as { errors: { field: string; message: string }[] };
    expect(Object.fromEntries(errors.map((e) => [e.field, e.message]))).toEqual({
      budget: 'is not a field of this form',
      'person.phone': 'must be at most 10000 characters',
      _consent: 'consent is required',
      'person.name': 'is required',
      'person.email': 'must be an e-mail address',
      closeDate: 'must be a date as YYYY-MM-DD',
    });
    // A browser without JavaScript gets the form again, with the fields named.
    const page = await postForm(form.hostedUrl, {
      'person.name': 'Bo',
      'person.email': 'bo@example.com',
      amount: 'lots',
    });
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('Please correct these 2 fields: amount, _consent.');
    expect(html).toContain('value="bo@example.com"');
    const tooBig = await postForm(form.hostedUrl, { 'person.name': 'x'.repeat(40_000) });
    expect(tooBig.status).toBe(413);
    expect(await deals(owner)).toHaveLength(before);
    expect((await submissionsOf(owner.client, form.id))[0]).toMatchObject({
      outcome: 'REJECTED',
      reason: expect.stringContaining('amount: is not a field of this form'),
    });
  });

  it('is closed when disabled, and only admins see forms', async () => {
    await owner.client.data(
      `mutation ($id: ID!) { updateWebForm(id: $id, input: { name: "Contact us", objectKey: "deal", enabled: false, fields: [{ path: "person.email", required: true }] }) { enabled } }`,
      { id: form.id },
    );
    expect((await fetch(form.hostedUrl)).status).toBe(404);
    expect((await postJson(form.hostedUrl, { 'person.email': 'a@b.example' })).status).toBe(404);
    const bad = await owner.client.request(
      `mutation { createWebForm(input: { name: "X", objectKey: "deal", fields: [{ path: "person.shoeSize" }] }) { id } }`,
    );
    expect(bad.body.errors?.[0]).toMatchObject({
      message: 'input.fields.0.path: person has no field "shoeSize".',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

const adf = (vin: string, email: string) => `<?xml version="1.0"?>
<?ADF VERSION "1.0"?>
<adf><prospect status="new">
  <requestdate>2026-12-03T09:30:00-05:00</requestdate>
  <vehicle interest="buy" status="used"><year>2023</year><make>Toyota</make><model>RAV4</model><vin>${vin}</vin></vehicle>
  <customer><contact><name part="first">Jane</name><name part="last">Doe</name><email>${email}</email><phone>(415) 555-0199</phone></contact></customer>
  <provider><name part="full">Cars Example</name></provider>
</prospect></adf>`;

describe('the ADF lead feed', () => {
  it('turns a message into a lead with the vehicle of interest, refuses malformed XML, and keeps every message', async () => {
    const dealer = await newUser(server, { workspaceName: 'Speedy Motors' });
    await dealer.client.data(
      `mutation { installTemplate(key: "car-dealer", withSampleData: true) { toVersion } }`,
    );
    const { rotateLeadFeedUrl } = await dealer.client.data<{ rotateLeadFeedUrl: { url: string } }>(
      `mutation { rotateLeadFeedUrl { url } }`,
    );
    const post = (body: string) =>
      fetch(rotateLeadFeedUrl.url, { method: 'POST', headers: { 'content-type': 'application/xml' }, body });

    const created = await post(adf('2T3P1RFV8PW123456', 'jane@example.com'));
    expect(created.status).toBe(201);
    const { vehicles } = await dealer.client.data(
      `{ vehicles(filter: { vin: { eq: "2T3P1RFV8PW123456" } }) { nodes { id } } }`,
    );
    const { deals } = await dealer.client.data(
      `{ deals(first: 50) { nodes { name stage vehicle { id } contact { email phone } } } }`,
    );
    const lead = deals.nodes.find((d: { name: string }) => d.name === '2023 Toyota RAV4 – Jane Doe');
    expect(lead).toMatchObject({
      stage: 'lead',
      vehicle: { id: vehicles.nodes[0].id },
      contact: { email: 'jane@example.com', phone: '(415) 555-0199' },
    });

    // A vehicle the dealer does not hold: made from the message, marked not in stock, linked.
    const notInStock = await post(
      adf('1HGCY1F39RA000777', 'sam@example.com')
        .replace(
          '<year>2023</year><make>Toyota</make><model>RAV4</model>',
          '<year>2024</year><make>Honda</make><model>Accord</model>',
        )
        .replace('status="used"', 'status="new"'),
    );
    expect(notInStock.status, await notInStock.clone().text()).toBe(201);
    const { vehicles: made } = await dealer.client.data(
      `{ vehicles(filter: { vin: { eq: "1HGCY1F39RA000777" } }) { nodes { id name year make model vin status condition } } }`,
    );
    expect(made.nodes).toEqual([
      {
        id: expect.any(String),
        name: '2024 Honda Accord',
        year: 2024,
        make: 'Honda',
        model: 'Accord',
        vin: '1HGCY1F39RA000777',
        status: 'notInStock',
        condition: 'new',
      },
    ]);
    const { deals: after } = await dealer.client.data(
      `{ deals(first: 50) { nodes { name vehicle { id } } } }`,
    );
    expect(after.nodes.find((d: { name: string }) => d.name === '2024 Honda Accord – Jane Doe')).toEqual({
      name: '2024 Honda Accord – Jane Doe',
      vehicle: { id: made.nodes[0].id },
    });

    const malformed = await post('<adf><prospect><customer></adf>');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: string }).error).toMatch(
      /^malformed XML at line 1, column \d+: /,
    );
    expect(
      (await fetch(`${server.url}/feeds/adf/adf_wrong`, { method: 'POST', body: adf('x', 'y@z.example') }))
        .status,
    ).toBe(404);

    const { leadFeedMessages } = await dealer.client.data(
      `{ leadFeedMessages { nodes { outcome reason body } } }`,
    );
    expect(leadFeedMessages.nodes.map((m: { outcome: string }) => m.outcome)).toEqual([
      'REJECTED',
      'CREATED',
      'CREATED',
    ]);
    expect(leadFeedMessages.nodes[0].body).toBe('<adf><prospect><customer></adf>');
  });
});

describe('the templates’ forms', () => {
  it('come with an upgrade that keeps the data, and work as shipped', async () => {
    const agent = await newUser(server, { workspaceName: 'Keys & Co' });
    const install = () =>
      agent.client.data(
        `mutation { installTemplate(key: "real-estate", withSampleData: true) { toVersion } }`,
      );
    expect((await install()).installTemplate.toVersion).toBe(3);
    const formsNow = async () =>
      (
        await agent.client.data<{ webForms: { id: string; name: string; hostedUrl: string }[] }>(
          `{ webForms { id name hostedUrl } }`,
        )
      ).webForms;
    expect(await formsNow()).toEqual([]);
    const count = async () =>
      await agent.client.data(
        `{ properties(first: 200) { nodes { id } } people(first: 200) { nodes { id } } }`,
      );
    const before = await count();
    await cp(
      path.join(shipped, 'real-estate', 'template.yaml'),
      path.join(templatesDir, 'real-estate', 'template.yaml'),
    );
    const shippedYaml = await readFile(path.join(shipped, 'real-estate', 'template.yaml'), 'utf8');
    const shippedVersion = Number(/^version: (\d+)$/m.exec(shippedYaml)![1]);
    expect((await install()).installTemplate.toVersion).toBe(shippedVersion);
    const forms = await formsNow();
    expect(forms.map((f) => f.name)).toEqual(['Buyer enquiry', 'Request a valuation', 'Your viewing']);
    expect(await count()).toEqual(before);

    const answer = await postJson(forms[1]!.hostedUrl, {
      'person.name': 'Sam Seller',
      'person.email': 'sam@example.com',
      address: '12 Quay Street',
      propertyType: 'House',
      _consent: 'on',
    });
    expect(answer.status).toBe(200);
    const { properties } = await agent.client.data(
      `{ properties(filter: { address: { eq: "12 Quay Street" } }) { nodes { name propertyType listingStage seller { name email } } } }`,
    );
    expect(properties.nodes).toEqual([
      {
        name: 'Valuation: 12 Quay Street',
        propertyType: 'house',
        listingStage: 'appraisal',
        seller: { name: 'Sam Seller', email: 'sam@example.com' },
      },
    ]);
  });

  it('book a test drive of a vehicle named by its stock number (car dealer)', async () => {
    const dealer = await newUser(server, { workspaceName: 'Rapid Cars' });
    await dealer.client.data(
      `mutation { installTemplate(key: "car-dealer", withSampleData: true) { toVersion } }`,
    );
    const { webForms } = await dealer.client.data(`{ webForms { name hostedUrl } }`);
    expect(webForms.map((f: { name: string }) => f.name)).toEqual(['Book a test drive']);
    const url = webForms[0].hostedUrl;
    const unknown = await postJson(url, {
      'person.name': 'Kim',
      'person.email': 'kim@example.com',
      vehicle: 'NOPE',
      _consent: true,
    });
    expect(await unknown.json()).toEqual({
      ok: false,
      errors: [{ field: 'vehicle', message: 'no vehicle "NOPE"' }],
    });
    const ok = await postJson(url, {
      'person.name': 'Kim',
      'person.email': 'kim@example.com',
      vehicle: 't1042',
      startsAt: '2027-01-05T10:00',
      _consent: true,
    });
    expect(ok.status).toBe(200);
    const { testDrives } = await dealer.client.data(
      `{ testDrives(filter: { customer: { is: { email: { eq: "kim@example.com" } } } }) { nodes { name startsAt vehicle { stockNumber } customer { name } } } }`,
    );
    expect(testDrives.nodes).toEqual([
      {
        name: 'Test drive request: Kim',
        startsAt: '2027-01-05T10:00:00.000Z',
        vehicle: { stockNumber: 'T1042' },
        customer: { name: 'Kim' },
      },
    ]);
  });
});
