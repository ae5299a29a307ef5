import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const clientDist = fileURLToPath(new URL('../../client/dist/index.html', import.meta.url));

/**
 * Browser tests need Debian's Chromium (no browser download works here) and the
 * built client. As root on Debian, a missing Chromium is installed with apt-get.
 */
export default function setup(): void {
  if (!existsSync(chromiumPath)) {
    if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
      throw new Error(
        `Chromium not found at ${chromiumPath}: install Debian's chromium package or set CHROMIUM_PATH.`,
      );
    }
    console.log('Installing Chromium from Debian packages (once per machine)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (!existsSync(clientDist)) {
    console.log('Building the client for browser tests…');
    execFileSync('pnpm', ['--filter', '@crm/client', 'run', 'build'], { stdio: 'inherit' });
  }
}
