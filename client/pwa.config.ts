import type { ManifestOptions } from 'vite-plugin-pwa';

/** The app's colour: the top bar's accent (styles.css `--accent`). */
const themeColor = '#2f5bd3';

/**
 * The web app manifest (installable app): icons committed under public/icons (PNG for the
 * install prompts that want raster sizes, SVG for the rest, a maskable one with a safe zone),
 * and two quick actions that the router answers (`/new-lead`, `/my-day`).
 */
export const appManifest: Partial<ManifestOptions> = {
  name: 'CRM',
  short_name: 'CRM',
  description: 'Self-hostable, real-time collaborative CRM',
  id: '/',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  theme_color: themeColor,
  background_color: '#f6f7f9',
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
    { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
  ],
  shortcuts: [
    {
      name: 'New lead',
      short_name: 'New lead',
      url: '/new-lead',
      icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
    },
    {
      name: 'My day',
      short_name: 'My day',
      url: '/my-day',
      icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
    },
  ],
};

/**
 * Paths the server answers itself (server/src/app/http-app.ts): a navigation there goes to the
 * network, never to the app shell (a download, a public form, single sign-on's redirects).
 */
export const serverPaths =
  /^\/(graphql|healthz|collab|export|files|forms|imports|mail|unsubscribe|auth|dev)(\/|$|\?)/;
