import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, vi } from 'vitest';
import { launchBrowser } from './browser.js';
import type { SignedUpUser } from './client.js';
import { useServer, type TestServer } from './server.js';

export const desktop = { width: 1440, height: 900 };
export const phone = { width: 390, height: 844 };

export interface BrowserSuite {
  /** The file's server (see `useServer`). */
  server: TestServer;
  /** A page signed in as `user` (an account made over GraphQL), opened at `path`. */
  openPage(user: SignedUpUser, path: string, viewport?: typeof desktop): Promise<Page>;
  /** A page signed in as `user`, not opened yet: to listen to it from its first request. */
  newPage(user: SignedUpUser, viewport?: typeof desktop): Promise<Page>;
  /** A context of the file's Chromium with no session, as a visitor's browser. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
}

/**
 * What every browser test file needs: its own server, started before its tests and closed after
 * them, and the worker's Chromium, whose contexts (the file's pages and their cookies, storage
 * and cache) are closed after the file's tests. Take it once at the top of the file.
 */
export function useBrowserSuite(
  env: Record<string, string> | (() => Record<string, string>) = {},
  options: SuiteOptions = {},
): BrowserSuite {
  // The app's service worker precaches the whole shell (~2 MB) in every new context: only the
  // files that test the installable app let it register.
  const serviceWorkers = options.serviceWorkers ?? 'block';
  // A real browser on a shared 2-core machine: a socket's first sync or a build-heavy moment can
  // take seconds. Conditions still fail, only later. Set here, for this file only (Vitest resets it
  // after each file), as the whole run has the browser and end-to-end files in one project
  // (tests/vitest.run.config.ts); the same as tests/vitest.browser.config.ts. Before the hooks below.
  vi.setConfig(browserFileConfig);
  const server = useServer(env);
  let running: Browser | undefined;
  beforeAll(async () => {
    running = await workerBrowser();
  });
  afterAll(async () => {
    // Only this file uses the worker's Chromium now (a worker runs its files one at a time):
    // closing every context leaves it as freshly launched for the next file.
    await Promise.all((running?.contexts() ?? []).map((context) => context.close()));
  });
  const browser = (): Browser => {
    if (!running)
      throw new Error('useBrowserSuite: Chromium starts in beforeAll; use it in tests and hooks.');
    return running;
  };

  return {
    server,
    async openPage(user, path, viewport = desktop) {
      const page = await (await signedInContext(browser(), server, user, viewport, serviceWorkers)).newPage();
      await page.goto(`${server.url}${path}`);
      return page;
    },
    async newPage(user, viewport = desktop) {
      return (await signedInContext(browser(), server, user, viewport, serviceWorkers)).newPage();
    },
    newContext: (contextOptions) => browser().newContext({ serviceWorkers, ...contextOptions }),
  };
}

export interface SuiteOptions {
  /** Whether pages may register the app's service worker (default: blocked). */
  serviceWorkers?: 'allow' | 'block';
}

/** Hooks start a server and Chromium; polls wait on a real browser. */
const browserFileConfig = { hookTimeout: 120_000, expect: { poll: { timeout: 20_000 } } };

let launched: Promise<Browser> | undefined;

/**
 * One Chromium per worker, launched by its first browser file: the files of a worker share its
 * module state (isolate: false), and launching and closing Chromium per file cost seconds of
 * both cores each time. Launched again if it crashed or failed to start. Playwright closes it
 * when the worker process exits.
 */
async function workerBrowser(): Promise<Browser> {
  const browser = await launched?.catch(() => undefined);
  if (browser?.isConnected()) return browser;
  launched = launchBrowser();
  return launched;
}

/**
 * A browser context signed in as `user`: it gets the session cookie, and the user's
 * workspace is the stored selection, as after a sign-in.
 */
async function signedInContext(
  browser: Browser,
  server: TestServer,
  user: SignedUpUser,
  viewport: typeof desktop,
  serviceWorkers: 'allow' | 'block',
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, serviceWorkers });
  const [name, value] = user.client.cookie!.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  await context.addInitScript((workspaceId) => {
    if (!localStorage.getItem('crm.workspaceId')) localStorage.setItem('crm.workspaceId', workspaceId);
  }, user.workspaceId);
  return context;
}
