import { expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { desktop, useBrowserSuite } from '../support/browser-suite.js';
import { newUser } from '../support/client.js';

// A fresh real-estate install shows covers on the listings board in real Chromium: the sample
// properties' photos ship in the template's folder and every card's cover image loads.

const { server, openPage } = useBrowserSuite();

it('shows the sample properties’ photos as covers on the listings board', async () => {
  const owner = await newUser(server, { name: 'Rita Realtor', workspaceName: 'Riverside Homes' });
  await owner.client.data(
    `mutation { installTemplate(key: "real-estate", withSampleData: true) { toVersion } }`,
  );
  const page = await openPage(owner, '/board/property?pipeline=listings', desktop);
  await page.getByTestId('board-columns').waitFor();
  const covers = page.getByTestId('board-card').getByTestId('card-cover');
  await expect.poll(() => covers.count(), { timeout: 30_000 }).toBe(4);
  // Loaded, not broken: each image has its pixels (the 480 × 320 thumbnail).
  await expect
    .poll(() => covers.evaluateAll((images) => images.map((i) => (i as HTMLImageElement).naturalWidth)), {
      timeout: 30_000,
    })
    .toEqual([480, 480, 480, 480]);
  await screenshot(page, 'template-covers');
});
