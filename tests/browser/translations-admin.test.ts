import { expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newUser } from '../support/client.js';

// Issue 21: an admin translates an object's labels, a stage and a view on the Translations
// screen; a refused label is shown at its row; people who chose German see the translations.

const { server, openPage } = useBrowserSuite();

it('translates labels, stages and view names for people who read German', async () => {
  const admin = await newUser(server, { name: 'Ada Admin' });
  await admin.client.data(
    `mutation { createView(input: { object: "deal", name: "Hot deals", type: TABLE, shared: true }) { id } }`,
  );
  const page = await openPage(admin, '/admin/translations');
  await page.getByTestId('translations-object').selectOption('deal');
  await page.getByTestId('translations-language').selectOption('de');
  const input = (row: string) => page.getByTestId(`translation-row-${row}`).getByTestId('translation-input');
  await input('labelPlural').waitFor();
  await input('labelSingular').fill('Geschäftschance');
  await input('labelPlural').fill('Geschäftschancen');
  await input('fields.stage.stages.qualified').fill('Geprüft');
  const viewRow = page.locator('[data-testid^="translation-row-view."]').first();
  await viewRow.getByTestId('translation-input').fill('Heiße Chancen');

  // Too long: refused at its row, nothing written.
  await input('fields.amount.label').fill('x'.repeat(201));
  await page.getByTestId('translations-save').click();
  await expect
    .poll(() => page.getByTestId('translation-row-fields.amount.label').getByRole('alert').textContent())
    .toContain('200');
  const unsaved = await admin.client.data(`{ object(key: "deal") { labels } }`);
  expect(unsaved.object.labels.de).toBeUndefined();

  await input('fields.amount.label').fill('');
  await page.getByTestId('translations-save').click();
  await page.getByTestId('translations-saved').waitFor();

  // Someone reading German sees them, here and on the board.
  await admin.client.data(`mutation { setLanguage(language: "de") }`);
  await page.goto(`${server.url}/board/deal`);
  await expect.poll(() => page.getByTestId('nav-object-deal').textContent()).toContain('Geschäftschancen');
  await expect.poll(() => page.locator('main').innerText(), { timeout: 20_000 }).toContain('Geprüft');
  const views = await admin.client.data(`{ views(object: "deal") { name } }`);
  expect(views.views.map((v: { name: string }) => v.name)).toContain('Heiße Chancen');
});
