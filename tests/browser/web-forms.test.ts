import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';

// Issue 17's acceptance test for web-to-lead forms, in real Chromium: an admin builds a form
// in the admin screen and copies its embed snippet; a plain HTML page on another origin (a
// tiny server of this test) posts it; the lead appears live, with its source, on the board a
// member has open; the same visitor's second submission updates it instead of duplicating.

const { server, openPage, newContext } = useBrowserSuite({ FORMS_RATE_PER_ADDRESS: '1000' });
let owner: SignedUpUser;
let member: SignedUpUser;
let site: http.Server;
let snippet = '';

beforeAll(async () => {
  owner = await newUser(server, { name: 'Olga Owner', workspaceName: 'Bayside Homes' });
  member = await newMember(server, owner, 'MEMBER');
  await owner.client.data(
    `mutation { createObject(input: { key: "enquiry", labelSingular: "Enquiry", labelPlural: "Enquiries" }) { id } }`,
  );
  await owner.client.data(
    `mutation { createField(input: { object: "enquiry", key: "source", label: "Source", type: TEXT }) { id } }`,
  );
  await owner.client.data(`mutation {
    createField(input: { object: "enquiry", key: "contact", label: "Contact", type: RELATION,
      relation: { target: "person", kind: MANY_TO_ONE, inverseKey: "enquiries", inverseLabel: "Enquiries" } }) { id }
  }`);
  await owner.client.data(`mutation {
    createPipeline(input: { object: "enquiry", pipeline: { key: "leads", label: "Leads", stages: [
      { key: "new", label: "New", probability: 10 }, { key: "won", label: "Won", kind: WON }
    ] } }) { key }
  }`);
  // Another origin: same host, another port, serving only the page with the snippet.
  site = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      `<!doctype html><html><head><title>Bayside Homes</title></head><body><h1>Talk to us</h1>${snippet}</body></html>`,
    );
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => site.close(() => resolve())));

async function buildForm(page: Page): Promise<string> {
  await page.getByTestId('web-form-new').click();
  const editor = page.getByTestId('web-form-editor');
  await editor.getByTestId('web-form-name').fill('Website enquiry');
  await editor.getByTestId('web-form-object').selectOption('enquiry');
  const input = (path: string) => editor.locator(`[data-testid="web-form-input"][data-path="${path}"]`);
  for (const path of ['person.name', 'person.email']) {
    await input(path).getByTestId('web-form-input-pick').check();
    await input(path).getByTestId('web-form-input-required').check();
  }
  await input('source').getByTestId('web-form-input-pick').check();
  await input('source').getByTestId('web-form-input-hidden').check();
  await input('source').getByTestId('web-form-input-default').fill('website');
  await editor.getByTestId('web-form-save').click();
  const row = page.locator('[data-testid="web-form"][data-name="Website enquiry"]');
  await row.getByTestId('web-form-embed-toggle').click();
  return row.getByTestId('embed-snippet').inputValue();
}

async function submit(page: Page, name: string, email: string): Promise<void> {
  await page.getByLabel('Name *').fill(name);
  await page.getByLabel('E-mail *').fill(email);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect
    .poll(() => page.getByTestId('thank-you').textContent())
    .toBe('Thank you! We will be in touch shortly.');
}

it('an embed form on another site creates a lead live on a member’s board; a repeat updates it', async () => {
  const admin = await openPage(owner, '/admin/web-forms');
  snippet = await buildForm(admin);
  expect(snippet).toContain(`action="${server.url}/forms/`);

  const board = await openPage(member, '/board/enquiry?pipeline=leads');
  await board.getByTestId('board-columns').waitFor();
  const cards = board.locator('[data-testid="board-card"]');
  expect(await cards.count()).toBe(0);

  const visitor = await (await newContext()).newPage();
  const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  expect(new URL(siteUrl).origin).not.toBe(new URL(server.url).origin);
  await visitor.goto(siteUrl);
  await submit(visitor, 'Ana Lee', 'ana.lee@example.com');

  const card = board.locator('[data-testid="board-card"][data-title="Website enquiry: Ana Lee"]');
  await expect.poll(() => card.textContent(), { timeout: 30_000 }).toContain('Source website');
  expect(await cards.count()).toBe(1);

  // The same visitor again, their address typed in capitals: the lead is updated, not doubled.
  await visitor.goto(siteUrl);
  await submit(visitor, 'Ana Lee-Smith', 'ANA.LEE@example.com');
  await expect
    .poll(() =>
      board
        .locator('[data-testid="board-card"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-title'))),
    )
    .toEqual(['Website enquiry: Ana Lee']);
  const { people } = await owner.client.data(`{ people(first: 10) { nodes { name email } } }`);
  expect(people.nodes).toEqual([{ name: 'Ana Lee-Smith', email: 'ana.lee@example.com' }]);

  // The admin sees both submissions in the log.
  const row = admin.locator('[data-testid="web-form"][data-name="Website enquiry"]');
  await row.getByTestId('web-form-log-toggle').click();
  await expect
    .poll(() =>
      row
        .getByTestId('web-form-submission')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome'))),
    )
    .toEqual(['UPDATED', 'CREATED']);
});

it('builds a rating model in the editor, shows the server’s message by its input, and bands a record', async () => {
  const { createPerson } = await owner.client.data<{ createPerson: { id: string } }>(
    `mutation { createPerson(input: { name: "Rex Rated", email: "rex@example.com" }) { id } }`,
  );
  const page = await openPage(owner, '/admin/rating');
  const editor = page.getByTestId('rating-admin');
  await editor.getByTestId('rating-object').selectOption('person');
  await editor.getByTestId('rating-add-field').click();
  const rule = editor.locator('[data-testid="rating-rule"][data-kind="FIELD"]');
  await rule.getByTestId('rating-rule-field').selectOption('email');
  await rule.getByTestId('rating-rule-operator').selectOption('isNotEmpty');
  await rule.getByTestId('rating-rule-points').fill('10');
  await editor.getByTestId('rating-hot').fill('50');
  // Warm above hot: the server refuses it, and says so beside the warm threshold.
  await editor.getByTestId('rating-warm').fill('80');
  await editor.getByTestId('rating-save').click();
  await expect
    .poll(() => editor.getByTestId('rating-error-warm').textContent())
    .toContain('at most the hot threshold');
  await editor.getByTestId('rating-warm').fill('5');
  await editor.getByTestId('rating-save').click();
  await editor.getByTestId('rating-saved').waitFor();

  const record = await openPage(owner, `/objects/person/${createPerson.id}`);
  await expect
    .poll(() => record.getByTestId('field-leadBand').textContent(), { timeout: 60_000 })
    .toContain('Warm');
  await expect.poll(() => record.getByTestId('field-leadScore').textContent()).toContain('10');
}, 180_000);
