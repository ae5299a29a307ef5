import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newUser, type SignedUpUser } from '../support/client.js';
import { defineObject } from '../support/records.js';

// Issue 17, lead conversion set up without code, in real Chromium: an admin makes a lead
// object play the lead role in the rating-model editor (person, company and deal maps, the
// lead's links and its mark), sees the server's message beside the input it names, saves;
// then converts a lead from its record page into a person, company and deal, linked.

const { server, openPage } = useBrowserSuite();
let owner: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Lena Lead', workspaceName: 'Lead Works' });
  const relation = (key: string, label: string, target: string) => ({
    key,
    label,
    type: 'RELATION',
    relation: { target, kind: 'MANY_TO_ONE', inverseKey: 'convertedLeads', inverseLabel: 'Converted leads' },
  });
  await defineObject(owner.client, { key: 'lead', labelSingular: 'Lead', labelPlural: 'Leads' }, [
    { key: 'email', label: 'E-mail', type: 'EMAIL' },
    { key: 'companyName', label: 'Company name', type: 'TEXT' },
    {
      key: 'status',
      label: 'Status',
      type: 'SELECT',
      settings: {
        choices: [
          { key: 'open', label: 'Open' },
          { key: 'converted', label: 'Converted' },
        ],
      },
    },
    relation('convertedPerson', 'Became person', 'person'),
    relation('convertedCompany', 'Became company', 'company'),
    relation('convertedDeal', 'Became deal', 'deal'),
  ]);
});

it('configures a lead conversion in the editor and converts a lead from its page', async () => {
  const page = await openPage(owner, '/admin/rating');
  const editor = page.getByTestId('rating-admin');
  await editor.getByTestId('rating-object').selectOption('lead');
  const conversion = editor.getByTestId('conversion-editor');
  await conversion.getByTestId('conversion-enabled').check();

  // The person's rows come suggested from the lead's fields of the same key; its link too.
  const person = conversion.getByTestId('conversion-person');
  const row = (part: typeof person, target: string) =>
    part.locator(`[data-testid="conversion-row"][data-target="${target}"]`);
  await expect.poll(() => row(person, 'email').getByTestId('conversion-row-lead').inputValue()).toBe('email');
  expect(await row(person, 'name').getByTestId('conversion-row-lead').inputValue()).toBe('name');
  expect(await person.getByTestId('conversion-link-person').inputValue()).toBe('convertedPerson');

  // The company is named from the lead's company name, not its contact's name.
  const company = conversion.getByTestId('conversion-company');
  await company.getByTestId('conversion-make-company').check();
  await row(company, 'name').getByTestId('conversion-row-lead').selectOption('companyName');
  expect(await company.getByTestId('conversion-link-company').inputValue()).toBe('convertedCompany');
  const deal = conversion.getByTestId('conversion-deal');
  await deal.getByTestId('conversion-make-deal').check();
  expect(await row(deal, 'name').getByTestId('conversion-row-lead').inputValue()).toBe('name');
  expect(await deal.getByTestId('conversion-link-deal').inputValue()).toBe('convertedDeal');

  // A mark with no value yet: the server refuses it, and says so beside the value.
  await conversion.getByTestId('conversion-mark-field').selectOption('status');
  await editor.getByTestId('rating-save').click();
  await expect
    .poll(() => conversion.getByTestId('conversion-error-mark-value').textContent())
    .toContain('what the field is set to');
  // The value follows the field's type: the SELECT's options.
  await conversion.getByTestId('conversion-mark-value').selectOption('converted');
  await editor.getByTestId('rating-save').click();
  await editor.getByTestId('rating-saved').waitFor();

  const { ratingModels } = await owner.client.data<{
    ratingModels: { objectKey: string; model: { conversion: unknown }; converts: boolean }[];
  }>(`query { ratingModels { objectKey model converts } }`);
  expect(ratingModels.find((m) => m.objectKey === 'lead')).toMatchObject({
    converts: true,
    model: {
      conversion: {
        person: { name: 'name', email: 'email' },
        company: { name: 'companyName' },
        deal: { name: 'name' },
        link: { person: 'convertedPerson', company: 'convertedCompany', deal: 'convertedDeal' },
        mark: { field: 'status', value: 'converted' },
      },
    },
  });

  const { createLead } = await owner.client.data<{ createLead: { id: string } }>(
    `mutation { createLead(input: { name: "Sam Seller", email: "sam@acme.test", companyName: "Acme", status: "open" }) { id } }`,
  );
  const record = await openPage(owner, `/objects/lead/${createLead.id}`);
  await record.getByTestId('convert-lead').click();
  // The button opens the person it made.
  await record.waitForURL(/\/objects\/person\/[0-9a-f-]+$/, { timeout: 60_000 });
  await expect.poll(() => record.getByTestId('field-name').textContent()).toContain('Sam Seller');
  await expect.poll(() => record.getByTestId('field-company').textContent()).toContain('Acme');
  const personId = record.url().split('/').pop()!;

  const { lead } = await owner.client.data<{
    lead: {
      status: string;
      convertedPerson: { id: string; name: string; email: string; company: { id: string; name: string } };
      convertedCompany: { id: string; name: string };
      convertedDeal: { name: string; contact: { id: string }; company: { id: string } };
    };
  }>(
    `query ($id: ID!) { lead(id: $id) {
      status
      convertedPerson { id name email company { id name } }
      convertedCompany { id name }
      convertedDeal { name contact { id } company { id } }
    } }`,
    { id: createLead.id },
  );
  expect(lead.status).toBe('converted');
  expect(lead.convertedPerson).toEqual({
    id: personId,
    name: 'Sam Seller',
    email: 'sam@acme.test',
    company: { id: lead.convertedCompany.id, name: 'Acme' },
  });
  expect(lead.convertedCompany.name).toBe('Acme');
  expect(lead.convertedDeal).toEqual({
    name: 'Sam Seller',
    contact: { id: personId },
    company: { id: lead.convertedCompany.id },
  });

  // The lead's page shows the mark.
  const again = await openPage(owner, `/objects/lead/${createLead.id}`);
  await expect.poll(() => again.getByTestId('field-status').textContent()).toContain('Converted');
}, 240_000);
