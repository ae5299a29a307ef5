import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page, type WebSocketRoute } from 'playwright-core';
import { expect } from 'vitest';
import { chromiumPath } from './browser-setup.js';

const screenshotDir = fileURLToPath(new URL('../screenshots/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Saves a screenshot of a main screen under tests/screenshots (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}

/**
 * Routes the page's GraphQL socket through a switch the test can cut. While it is down, new
 * sockets hang unanswered; graphql-ws retries into them until `restore`. Set it before `goto`.
 */
export async function cuttableSocket(page: Page, options: { down?: boolean } = {}) {
  let down = options.down ?? false;
  const open: WebSocketRoute[] = [];
  const hanging: WebSocketRoute[] = [];
  await page.routeWebSocket('**/graphql', (ws) => {
    if (down) hanging.push(ws);
    else {
      open.push(ws);
      ws.connectToServer();
    }
  });
  return {
    /** Sockets that tried to connect while it was down. */
    hanging: () => hanging.length,
    /** Closes the live socket as a restarting server would (1012); its retry hangs. */
    async cut() {
      down = true;
      for (const ws of open.splice(0)) await ws.close({ code: 1012, reason: 'test: network down' });
      await expect.poll(() => hanging.length).toBeGreaterThan(0);
    },
    /** Lets sockets through again: the hanging ones close, and graphql-ws connects at once. */
    async restore() {
      down = false;
      for (const ws of hanging.splice(0)) await ws.close({ code: 1012, reason: 'test: network back' });
    },
  };
}
