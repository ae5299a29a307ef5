import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { setClientCacheHeaders } from './client-files.js';

function headersFor(filePath: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value) };
  setClientCacheHeaders(res as unknown as ServerResponse, filePath);
  return headers;
}

describe('setClientCacheHeaders', () => {
  it('has the service worker, the manifest and the page revalidated on every load', () => {
    expect(headersFor('/srv/client/dist/sw.js')['cache-control']).toBe('no-cache');
    expect(headersFor('/srv/client/dist/index.html')['cache-control']).toBe('no-cache');
    expect(headersFor('/srv/client/dist/manifest.webmanifest')).toEqual({
      'cache-control': 'no-cache',
      'content-type': 'application/manifest+json',
    });
  });

  it('keeps content-hashed assets for a year and leaves other files to the default', () => {
    expect(headersFor('/srv/client/dist/assets/index-3f2a.js')['cache-control']).toContain('immutable');
    expect(headersFor('/srv/client/dist/icons/icon-192.png')).toEqual({});
  });
});
