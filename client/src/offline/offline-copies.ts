import type { ApolloClient } from '@apollo/client/core';
import { ME_QUERY, type Me } from '../auth';
import { OBJECTS_QUERY, type ObjectDef } from '../metadata';
import { createSavedCopies, type SavedCopy } from './saved-copies';

/** The session as saved for offline use: the user, and each workspace's objects. */
interface SavedSession {
  me: Me;
  objects: Record<string, ObjectDef[]>;
}

const copies = createSavedCopies();

const recordKey = (workspaceId: string, objectKey: string, id: string) => `${workspaceId}/${objectKey}/${id}`;

/**
 * Keeps a record page's data for offline reading, with the session that shows it (the cached
 * `me` and objects). Storage that refuses (a private window, a full disk) only costs the copy.
 */
export async function keepRecordCopy<T>(
  client: ApolloClient<unknown>,
  workspaceId: string,
  objectKey: string,
  id: string,
  data: T,
): Promise<void> {
  try {
    const me = readCached(client, ME_QUERY)?.me;
    const objects = readCached(client, OBJECTS_QUERY)?.objects;
    if (!me || !objects) return;
    // Another account signed in on this device: its copies are never shown to this one.
    const saved = (await copies.readSession<SavedSession>())?.data;
    const sameUser = saved?.me.user.id === me.user.id;
    if (saved && !sameUser) await copies.forget();
    await copies.saveRecord(recordKey(workspaceId, objectKey, id), data);
    const others = sameUser ? saved.objects : {};
    await copies.saveSession<SavedSession>({ me, objects: { ...others, [workspaceId]: objects } });
  } catch {
    // Offline reading is a convenience: the page itself worked.
  }
}

/** The saved copy of a record, or null (never opened on this device, or storage refused). */
export async function readRecordCopy<T>(
  workspaceId: string,
  objectKey: string,
  id: string,
): Promise<SavedCopy<T> | null> {
  try {
    return await copies.readRecord<T>(recordKey(workspaceId, objectKey, id));
  } catch {
    return null;
  }
}

/**
 * Started offline: puts the saved session into the Apollo cache before the router's guard asks
 * for `me` (cache-first), so the shell and the saved record pages open instead of the sign-in
 * page. Online it does nothing: the server is the one to say who is signed in.
 */
export async function restoreOfflineSession(
  client: ApolloClient<unknown>,
  workspaceId: string | null,
): Promise<void> {
  if (navigator.onLine) return;
  try {
    const saved = (await copies.readSession<SavedSession>())?.data;
    if (!saved) return;
    client.writeQuery({ query: ME_QUERY, data: { me: saved.me } });
    const id = workspaceId ?? saved.me.memberships[0]?.workspace.id;
    const objects = id ? saved.objects[id] : undefined;
    if (objects) client.writeQuery({ query: OBJECTS_QUERY, data: { objects } });
  } catch {
    // Nothing saved that can be read: the app opens as it would signed out.
  }
}

/** Signing out (the store cleared) forgets every saved copy on this device. */
export function forgetCopiesOnSignOut(client: ApolloClient<unknown>): void {
  client.onClearStore(() => copies.forget().catch(() => undefined));
}

function readCached<T>(
  client: ApolloClient<unknown>,
  query: Parameters<typeof client.readQuery<T>>[0]['query'],
) {
  try {
    return client.readQuery<T>({ query });
  } catch {
    return null;
  }
}
