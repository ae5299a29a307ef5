import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { download } from '../support/files.js';
import { createDeal } from '../support/quotes.js';
import { addFields } from '../support/records.js';
import { pdfText } from '../support/pdf.js';

// Drafts in real Chromium: two members prepare the same document on the deal's page, see each
// other, type in its cover letter at once, and the PDF generated from it holds both edits.

const { server, openPage } = useBrowserSuite({
  DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crm-document-drafts-browser-')),
});
let owner: SignedUpUser;
let member: SignedUpUser;
let dealId: string;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Olga Owner' });
  member = await newMember(server, owner, 'MEMBER');
  await addFields(owner.client, 'deal', [{ key: 'documents', type: 'FILE', settings: { max: 5 } }]);
  dealId = await createDeal(owner.client, 'Harbour fit-out');
  await owner.client.data(
    `mutation ($input: DocumentTemplateInput!) { saveDocumentTemplate(input: $input) { id } }`,
    {
      input: {
        object: 'deal',
        name: 'Offer letter',
        blocks: [
          { type: 'heading', text: 'Offer {{ record.name }}' },
          { type: 'draft', key: 'coverLetter', label: 'Cover letter', default: 'Dear client,' },
        ],
      },
    },
  );
});

it('two members type in the cover letter at once; the generated PDF holds both edits', async () => {
  const url = `/objects/deal/${dealId}`;
  const [ownerPage, memberPage] = await Promise.all([openPage(owner, url), openPage(member, url)]);
  for (const page of [ownerPage, memberPage]) {
    await expect.poll(() => page.getByTestId('document-template').inputValue()).not.toBe('');
    await page.getByTestId('prepare-document').click();
  }
  const ownerLetter = ownerPage.getByTestId('collab-draft-coverLetter');
  const memberLetter = memberPage.getByTestId('collab-draft-coverLetter');
  await expect.poll(() => ownerLetter.getAttribute('contenteditable')).toBe('true');
  await expect.poll(() => memberLetter.getAttribute('contenteditable')).toBe('true');
  await expect.poll(() => ownerLetter.textContent()).toBe('Dear client,');

  // Each sees the other on the draft.
  const avatarOn = (page: typeof ownerPage) =>
    page.getByTestId('document-drafts').getByTestId('presence-avatar').getAttribute('data-name');
  await expect.poll(() => avatarOn(ownerPage)).toBe('A MEMBER');
  await expect.poll(() => avatarOn(memberPage)).toBe('Olga Owner');

  await ownerLetter.click();
  await ownerPage.keyboard.press('End');
  await memberLetter.click();
  await memberPage.keyboard.press('Home');
  await Promise.all([
    ownerPage.keyboard.type(' thank you for your visit.'),
    memberPage.keyboard.type('PS first: '),
  ]);
  const expected = 'PS first: Dear client, thank you for your visit.';
  await expect.poll(() => ownerLetter.textContent()).toBe(expected);
  await expect.poll(() => memberLetter.textContent()).toBe(expected);
  await screenshot(ownerPage, 'document-drafts');

  await ownerPage.getByTestId('generate-draft-document').click();
  const item = ownerPage.getByTestId('generated-document');
  await expect.poll(() => item.count(), { timeout: 30_000 }).toBe(1);
  const href = (await item.first().getByRole('link').getAttribute('href'))!;
  const pdf = await download(owner.client, href);
  expect(pdf.status).toBe(200);
  const text = await pdfText(pdf.data);
  expect(text).toContain('Offer Harbour fit-out');
  expect(text).toContain(expected);
  await ownerPage.context().close();
  await memberPage.context().close();
});
