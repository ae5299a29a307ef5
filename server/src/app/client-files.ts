import path from 'node:path';
import type { ServerResponse } from 'node:http';

/**
 * Cache headers for the built client (express.static's `setHeaders`). The service worker, its
 * manifest and the page that registers them are revalidated on every load: a cached `sw.js`
 * would keep an old worker, and so an old app, for as long as the cache lasts. Vite's
 * content-hashed files under `assets/` never change under one name and are kept for a year.
 */
export function setClientCacheHeaders(res: ServerResponse, filePath: string): void {
  const name = path.basename(filePath);
  if (name === 'sw.js' || name === 'index.html' || name.endsWith('.webmanifest')) {
    res.setHeader('Cache-Control', 'no-cache');
  } else if (filePath.split(path.sep).includes('assets')) {
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  }
  if (name.endsWith('.webmanifest')) res.setHeader('Content-Type', 'application/manifest+json');
}
