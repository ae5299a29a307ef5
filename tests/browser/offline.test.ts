import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { phone, useBrowserSuite } from '../support/browser-suite.js';
import { newUser, type SignedUpUser } from '../support/client.js';

// Issue 21, part 5: the installable app. Its manifest is valid and names icons that exist, its
// service worker becomes active, and a record opened before stays readable with no connection
// (Chromium's offline emulation): the app says it is offline and turns editing off, and once the
// connection is back it reads the record again and shows a change made meanwhile.

const { server, newPage } = useBrowserSuite({}, { serviceWorkers: 'allow' });
let owner: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Olive Offline', workspaceName: 'Harbour Offline' });
});

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23), which follows the 8-byte signature. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

it('serves a valid manifest whose icons and quick actions exist', async () => {
  const page = await (await fetch(server.url)).text();
  const href = /<link rel="manifest" href="([^"]+)"/.exec(page)?.[1];
  expect(href).toBeTruthy();
  const answer = await fetch(new URL(href!, server.url));
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toContain('application/manifest+json');
  expect(answer.headers.get('cache-control')).toBe('no-cache');
  const manifest = (await answer.json()) as Record<string, unknown> & {
    icons: ManifestIcon[];
    shortcuts: { name: string; url: string }[];
  };
  expect(manifest).toMatchObject({
    name: expect.any(String),
    short_name: expect.any(String),
    start_url: '/',
    display: 'standalone',
    theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
  });

  // Chromium's install criteria: PNG icons of 192 and 512 pixels; each one named must exist.
  const pngSizes = manifest.icons.filter((i) => i.type === 'image/png').map((i) => i.sizes);
  expect(pngSizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) {
    const file = await fetch(new URL(icon.src, server.url));
    expect(file.status, icon.src).toBe(200);
    expect(file.headers.get('content-type'), icon.src).toContain(icon.type);
    const bytes = Buffer.from(await file.arrayBuffer());
    if (icon.type === 'image/png') expect(pngSize(bytes), icon.src).toBe(icon.sizes);
    else expect(bytes.toString('utf8'), icon.src).toContain('<svg');
  }

  // The quick actions open pages of the app (the router answers them, see the test below).
  expect(manifest.shortcuts.map((s) => s.name)).toEqual(['New lead', 'My day']);
  for (const shortcut of manifest.shortcuts) {
    const target = await fetch(new URL(shortcut.url, server.url));
    expect(target.status, shortcut.url).toBe(200);
    expect(await target.text(), shortcut.url).toContain('<div id="app">');
  }

  // An old worker must never stay in a browser's HTTP cache.
  const worker = await fetch(new URL('/sw.js', server.url));
  expect(worker.status).toBe(200);
  expect(worker.headers.get('cache-control')).toBe('no-cache');
  expect(worker.headers.get('content-type')).toContain('javascript');
});

it('the quick actions open the new-lead form and my day', async () => {
  const page = await newPage(owner, phone);
  await page.goto(`${server.url}/new-lead`);
  // No rating model converts in a fresh workspace: a lead is a person.
  await page.waitForURL(/\/objects\/person$/);
  await expect.poll(() => page.getByTestId('new-record-form').isVisible()).toBe(true);
  await page.goto(`${server.url}/my-day`);
  await expect.poll(() => page.getByTestId('myday-date').isVisible()).toBe(true);
});

/** The keys of the app's offline store (offline/saved-copies.ts), read in the page. */
function savedKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const opening = indexedDB.open('crm-offline');
        opening.onsuccess = () => {
          const db = opening.result;
          if (!db.objectStoreNames.contains('copies')) return resolve([]);
          const keys = db.transaction('copies').objectStore('copies').getAllKeys();
          keys.onsuccess = () => resolve(keys.result.map(String));
        };
        opening.onerror = () => resolve([]);
      }),
  );
}

it(
  'shows a record opened before with no connection, editing off, and the new value once back online',
  { timeout: 180_000 },
  async () => {
    const { createCompany } = await owner.client.data<{ createCompany: { id: string } }>(
      `mutation { createCompany(input: { name: "Lighthouse Ltd", industry: "Shipping" }) { id } }`,
    );
    const id = createCompany.id;
    const page = await newPage(owner, phone);
    await page.goto(`${server.url}/objects/company/${id}`);
    await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('Lighthouse Ltd');

    // The service worker installs, precaches the shell and becomes active (`ready` answers as
    // soon as it is activating).
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state))
      .toBe('activated');
    // The record and the session that shows it are kept on the device once read.
    await expect
      .poll(() => savedKeys(page))
      .toEqual(expect.arrayContaining([`record:${owner.workspaceId}/company/${id}`, 'session', 'order']));
    expect(await page.getByTestId('offline-banner').count()).toBe(0);

    await page.context().setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('Lighthouse Ltd');
    await expect.poll(() => page.getByTestId('field-industry').textContent()).toContain('Shipping');
    const banner = page.getByTestId('offline-banner');
    await expect.poll(() => banner.textContent()).toMatch(/Offline — showing saved copy from \S/);
    expect(await page.getByTestId('record-read-only').isVisible()).toBe(true);
    // Editing is off: a click opens no editor, and the write buttons are gone.
    await page.getByTestId('field-industry').click();
    expect(await page.getByTestId('field-industry-editor').count()).toBe(0);
    expect(await page.getByTestId('send-mail').count()).toBe(0);
    await screenshot(page, 'offline-record-phone');

    // A colleague changes it meanwhile; the device sees it once the connection is back.
    await owner.client.data(
      `mutation ($id: ID!) { updateCompany(id: $id, input: { industry: "Aviation" }) { id } }`,
      {
        id,
      },
    );
    expect(await page.getByTestId('field-industry').textContent()).toContain('Shipping');
    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId('field-industry').textContent()).toContain('Aviation');
    await expect.poll(() => banner.count()).toBe(0);
    expect(await page.getByTestId('record-read-only').count()).toBe(0);
  },
);
