import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newUser, type SignedUpUser } from '../support/client.js';

// The import wizard in Chromium: upload, the suggested mapping, a preview naming the bad line,
// the run's pushed progress to the end, and the records in the table.

const { server, openPage } = useBrowserSuite();
let owner: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Importing Ida' });
});

// Generous: the run is a background job, and the machine is shared and busy.
it(
  'uploads a CSV, maps it, previews the bad line, runs it to done and lists the people',
  { timeout: 180_000 },
  async () => {
    const csv = [
      'Name,E-mail',
      'Ada Import,ada@example.com',
      'Bad Row,not-an-email',
      'Cy Import,cy@example.com',
    ];
    const page = await openPage(owner, '/objects/person/import');
    await page.getByTestId('import-file').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv.join('\n')),
    });
    // Columns named like fields are mapped to them.
    await expect.poll(() => page.getByTestId('map-E-mail').inputValue()).toBe('email');
    expect(await page.getByTestId('map-Name').inputValue()).toBe('name');
    await page.getByTestId('import-preview').click();
    const errors = page.getByTestId('import-row-error');
    await expect.poll(() => errors.count()).toBe(1);
    // The header is line 1: the bad row is line 3.
    expect(await errors.first().textContent()).toMatch(/^3\s*E-mail/);
    await expect
      .poll(() => page.getByTestId('import-preview-result').textContent())
      .toMatch(/3 rows: 2 to create, 0 to update,\s*1 with errors/);

    await page.getByTestId('import-start').click();
    // The run's own bar (the history below lists the run too).
    const progress = page.getByTestId('import-progress').first();
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 60_000 }).toBe('DONE');
    expect(await progress.textContent()).toMatch(/3 \/ 3 rows · 2 created, 0 updated, 1 skipped/);
    expect(await progress.locator('progress').getAttribute('value')).toBe('3');

    await page.goto(`${server.url}/objects/person`);
    const names = () => page.getByTestId('cell-name').allTextContents();
    await expect
      .poll(async () =>
        (await names())
          .map((n) => n.trim())
          .filter((n) => /Import|Bad/.test(n))
          .sort(),
      )
      .toEqual(['Ada Import', 'Cy Import']);
  },
);
