import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { screenshot } from '../support/browser.js';
import { newUser, uniqueEmail } from '../support/client.js';
import { uploadTo } from '../support/files.js';
import { addFields } from '../support/records.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';

// In Chromium: the admin's template editor lists the object's merge fields and previews a draft
// on a chosen record; on a person's page, "Send e-mail" with that template shows the preview
// with its empty values, sends it (a real SMTP server receives it), and the timeline shows it.

let smtp: SmtpCatcher;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
});
afterAll(() => smtp.close());
const { server, openPage } = useBrowserSuite(() => ({
  SMTP_URL: smtp.url,
  DATA_DIR: mkdtempSync(path.join(tmpdir(), 'crm-mail-files-')),
}));

it('previews a template in the editor, sends it from a record and shows it on the timeline', async () => {
  const admin = await newUser(server, { name: 'Ada Admin', workspaceName: 'Harbour' });
  const address = uniqueEmail('ann');
  const { createCompany } = await admin.client.data<{ createCompany: { id: string } }>(
    `mutation { createCompany(input: { name: "Globex" }) { id } }`,
  );
  const { createPerson } = await admin.client.data<{ createPerson: { id: string } }>(
    `mutation ($input: PersonCreateInput!) { createPerson(input: $input) { id } }`,
    { input: { name: 'Ann Lee', email: address, company: createCompany.id } },
  );
  await admin.client.data(
    `mutation ($input: MailTemplateInput!) { createMailTemplate(input: $input) { id } }`,
    {
      input: {
        object: 'person',
        name: 'Welcome',
        subject: 'Welcome, {{ record.name }}',
        bodyHtml:
          '<p>Hello {{ record.name }} of {{ record.company.name }}.</p><p>Phone: {{ record.phone }}</p>',
      },
    },
  );

  const editor = await openPage(admin, '/admin/mail-templates');
  await editor.getByTestId('mail-template-edit').click();
  await expect
    .poll(() => editor.getByTestId('mail-merge-fields').textContent())
    .toContain('record.company.name');
  await editor.getByTestId('mail-preview-search').fill('Ann');
  await editor.getByTestId('mail-preview-search').press('Enter');
  await editor.getByTestId('mail-preview-record').first().check();
  await editor.getByTestId('mail-template-preview').click();
  await expect.poll(() => editor.getByTestId('mail-preview-subject').textContent()).toBe('Welcome, Ann Lee');
  await screenshot(editor, 'mail-template-editor');

  const page = await openPage(admin, `/objects/person/${createPerson.id}`);
  await page.getByTestId('send-mail').click();
  await expect.poll(() => page.getByTestId('send-mail-to').inputValue()).toBe(address);
  await page.getByTestId('send-mail-template').selectOption({ label: 'Welcome' });
  await page.getByTestId('send-mail-preview').click();
  await expect.poll(() => page.getByTestId('mail-preview-subject').textContent()).toBe('Welcome, Ann Lee');
  expect(await page.getByTestId('mail-preview-missing').textContent()).toContain('record.phone');
  const frame = page.frameLocator('[data-testid="mail-preview-html"]');
  await expect.poll(() => frame.locator('body').textContent()).toContain('Hello Ann Lee of Globex.');
  await screenshot(page, 'send-mail-preview');
  await page.getByTestId('send-mail-send').click();

  const mail = await smtp.waitFor(address);
  expect(mail.parsed.subject).toBe('Welcome, Ann Lee');
  expect(mail.parsed.text).toContain('Hello Ann Lee of Globex.');
  const entry = page.getByTestId('timeline-email');
  await expect.poll(() => entry.getByTestId('timeline-email-subject').textContent()).toBe('Welcome, Ann Lee');
  await expect
    .poll(() => entry.getByTestId('timeline-email-status').textContent(), { timeout: 30_000 })
    .toBe('sent');
  await screenshot(page, 'record-mail-on-timeline');
});

it('writes a template body as rich text: bold and a merge field from the picker, previewed and sent', async () => {
  const admin = await newUser(server, { name: 'Rita Rich', workspaceName: 'Rich text' });
  const address = uniqueEmail('bea');
  const { createPerson } = await admin.client.data<{ createPerson: { id: string } }>(
    `mutation ($input: PersonCreateInput!) { createPerson(input: $input) { id } }`,
    { input: { name: 'Bea Bold', email: address } },
  );

  const page = await openPage(admin, '/admin/mail-templates');
  await page.getByTestId('mail-template-new').click();
  await page.getByTestId('mail-template-object').selectOption('person');
  await page.getByTestId('mail-template-name').fill('Bold hello');
  await page.getByTestId('mail-template-subject').fill('Hello');
  await expect.poll(() => page.getByTestId('mail-merge-fields').textContent()).toContain('record.name');
  const body = page.getByTestId('mail-template-body');
  await body.click();
  await page.keyboard.type('Important');
  await page.keyboard.press('Shift+Home');
  await page.getByTestId('rich-text-bold').click();
  await expect.poll(() => body.innerHTML()).toContain('<strong>Important</strong>');
  await page.keyboard.press('End');
  await page.getByTestId('rich-text-bold').click(); // bold off for what follows
  await page.keyboard.type(' for ');
  // The picker inserts at the editor's selection, though the click moved the focus away.
  await page
    .getByTestId('mail-merge-fields')
    .getByRole('button', { name: 'record.name', exact: true })
    .click();
  await expect.poll(() => body.evaluate((element) => element === document.activeElement)).toBe(true);
  await page.keyboard.type('.');
  await expect.poll(() => body.innerHTML()).toContain('<strong>Important</strong> for {{ record.name }}.');

  // The HTML view shows the same body, as stored.
  await page.getByTestId('rich-text-source').click();
  await expect
    .poll(() => page.getByTestId('mail-template-body-source').inputValue())
    .toBe('<p><strong>Important</strong> for {{ record.name }}.</p>');
  await page.getByTestId('rich-text-source').click();
  await page.getByTestId('mail-template-save').click();
  await expect
    .poll(() => page.getByTestId('mail-template').allTextContents())
    .toEqual([expect.stringContaining('Bold hello')]);

  await page.getByTestId('mail-preview-search').fill('Bea');
  await page.getByTestId('mail-preview-search').press('Enter');
  await page.getByTestId('mail-preview-record').first().check();
  await page.getByTestId('mail-template-preview').click();
  const frame = page.frameLocator('[data-testid="mail-preview-html"]');
  await expect.poll(() => frame.locator('strong').first().textContent()).toBe('Important');
  await expect.poll(() => frame.locator('body').textContent()).toContain('Important for Bea Bold.');
  await screenshot(page, 'mail-template-rich-text');

  const record = await openPage(admin, `/objects/person/${createPerson.id}`);
  await record.getByTestId('send-mail').click();
  await expect.poll(() => record.getByTestId('send-mail-to').inputValue()).toBe(address);
  await record.getByTestId('send-mail-template').selectOption({ label: 'Bold hello' });
  await record.getByTestId('send-mail-send').click();
  const mail = await smtp.waitFor(address);
  expect(mail.parsed.html).toContain('<strong>Important</strong> for Bea Bold.');
  expect(mail.parsed.text).toContain('Important for Bea Bold.');
});

it('shows the server’s parse error beside the rich-text body', async () => {
  const admin = await newUser(server, { name: 'Pat Parse', workspaceName: 'Parse errors' });
  const page = await openPage(admin, '/admin/mail-templates');
  await page.getByTestId('mail-template-new').click();
  await page.getByTestId('mail-template-object').selectOption('person');
  await page.getByTestId('mail-template-name').fill('Broken');
  await page.getByTestId('mail-template-subject').fill('Hi');
  await page.getByTestId('mail-template-body').click();
  await page.keyboard.type('{% if record.name %}never closed');
  await page.getByTestId('mail-template-save').click();
  await expect
    .poll(() => page.getByTestId('mail-template-body-error').textContent())
    .toMatch(/^line 1, column \d+: .*not closed/);
});

it('attaches a file of the record from the Send e-mail dialog, received and listed on the timeline', async () => {
  const admin = await newUser(server, { name: 'Fay Files', workspaceName: 'Attachments' });
  await addFields(admin.client, 'person', [{ key: 'documents', label: 'Documents', type: 'FILE' }]);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
  const upload = await uploadTo(admin.client, { object: 'person', field: 'documents' }, 'offer.pdf', pdf);
  expect(upload.status).toBe(201);
  const address = uniqueEmail('cas');
  const { createPerson } = await admin.client.data<{ createPerson: { id: string } }>(
    `mutation ($input: PersonCreateInput!) { createPerson(input: $input) { id } }`,
    { input: { name: 'Cas Case', email: address, documents: [upload.body.file!.id] } },
  );

  const page = await openPage(admin, `/objects/person/${createPerson.id}`);
  await page.getByTestId('send-mail').click();
  await expect.poll(() => page.getByTestId('send-mail-to').inputValue()).toBe(address);
  await page.getByTestId('send-mail-subject').fill('Your offer');
  await page.getByTestId('send-mail-body').fill('Attached, {{ record.name }}.');
  const files = page.getByTestId('send-mail-attachments');
  await expect.poll(() => files.textContent()).toContain('offer.pdf (1 kB)');
  await page.getByTestId('send-mail-attachment').check();
  await screenshot(page, 'send-mail-attachments');
  await page.getByTestId('send-mail-send').click();

  const mail = await smtp.waitFor(address);
  expect(mail.parsed.attachments.map((a) => [a.filename, a.contentType, a.content.equals(pdf)])).toEqual([
    ['offer.pdf', 'application/pdf', true],
  ]);
  const entry = page.getByTestId('timeline-email');
  await expect
    .poll(() => entry.getByTestId('timeline-email-attachments').textContent())
    .toContain('offer.pdf');
});
