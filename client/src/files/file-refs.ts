import { gql, type ApolloClient, type TypedDocumentNode } from '@apollo/client/core';
import { formatNumber, i18n } from '../i18n';

/** A file of a FILE or IMAGE field as the API shows it; its links are signed and expire. */
export interface FileRef {
  id: string;
  name: string;
  size: number;
  contentType: string;
  url: string;
  thumbUrl: string | null;
}

export const FILES_QUERY: TypedDocumentNode<{ files: FileRef[] }, { ids: string[] }> = gql`
  query Files($ids: [ID!]!) {
    files(ids: $ids) {
      id
      name
      size
      contentType
      url
      thumbUrl
    }
  }
`;

export const fileRefSelection = '{ id name size contentType url thumbUrl }';

/**
 * A field's value as ids, in order: the records query answers FileRefs, a pushed change
 * and a board card carry the ids alone.
 */
export function fileIds(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((v) => (typeof v === 'string' ? v : (v as FileRef).id));
}

/** The FileRefs a value carries already, by id. */
export function knownRefs(value: unknown): Map<string, FileRef> {
  const refs = Array.isArray(value)
    ? value.filter((v): v is FileRef => typeof v === 'object' && v !== null)
    : [];
  return new Map(refs.map((r) => [r.id, r]));
}

/** `ids` with `id` moved to `to` (the first place is the cover). */
export function moveId(ids: readonly string[], id: string, to: number): string[] {
  const rest = ids.filter((i) => i !== id);
  rest.splice(Math.max(0, Math.min(to, rest.length)), 0, id);
  return rest;
}

// Links are good for at least FILES_URL_TTL_SECONDS (15 minutes by default): keep them 5.
const keepMs = 5 * 60_000;
const cache = new Map<string, { ref: FileRef | null; at: number }>();
let batch: { ids: Set<string>; done: Promise<void> } | null = null;

/**
 * The FileRefs of `ids` (missing and deleted ones left out), from a short-lived cache or
 * one `files` query per tick for every caller on the page (a board's covers).
 */
export async function loadFileRefs(
  client: ApolloClient<unknown>,
  ids: readonly string[],
): Promise<FileRef[]> {
  const now = Date.now();
  const wanted = ids.filter((id) => (cache.get(id)?.at ?? 0) < now - keepMs);
  if (wanted.length) {
    if (!batch) {
      const ids = new Set<string>();
      const done = Promise.resolve().then(async () => {
        batch = null;
        const list = [...ids];
        const { data } = await client.query({
          query: FILES_QUERY,
          variables: { ids: list },
          fetchPolicy: 'network-only',
        });
        const found = new Map(data.files.map((f) => [f.id, f]));
        for (const id of list) cache.set(id, { ref: found.get(id) ?? null, at: Date.now() });
      });
      batch = { ids, done };
    }
    for (const id of wanted) batch.ids.add(id);
    await batch.done;
  }
  return ids.flatMap((id) => cache.get(id)?.ref ?? []);
}

/** Remembers refs the API just answered (an upload, a record read). */
export function rememberFileRefs(refs: Iterable<FileRef>): void {
  for (const ref of refs) cache.set(ref.id, { ref, at: Date.now() });
}

/** A file's size as the gallery and the mail dialog show it: `51 kB`, `1.2 MB`, `1,2 MB` (never `0 kB`). */
export function fileSizeLabel(bytes: number): string {
  const { t } = i18n.global;
  if (bytes >= 1e6)
    return t('files.size.megabytes', {
      size: formatNumber(bytes / 1e6, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    });
  return t('files.size.kilobytes', { size: formatNumber(Math.max(1, Math.round(bytes / 1e3))) });
}
