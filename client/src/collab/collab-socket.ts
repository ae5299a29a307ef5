import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';

/** `/collab` on the page's host; the session cookie authenticates the upgrade. */
export function collabUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/** One socket for a page, shared by the providers of its documents and presence room. */
export function openCollabSocket(): HocuspocusProviderWebsocket {
  return new HocuspocusProviderWebsocket({ url: collabUrl(window.location) });
}

export function openDocument(socket: HocuspocusProviderWebsocket, name: string): HocuspocusProvider {
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: new Y.Doc() });
  provider.attach();
  return provider;
}

const palette = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#c026d3', '#65a30d'];

/** A stable colour per person, so everyone sees the same colour for them. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length]!;
}
