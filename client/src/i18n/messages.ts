/**
 * A translation of an English message file: the same keys, nested the same way, every
 * message a string. A German file typed `Translation<typeof en>` fails the type check when a
 * key is missing or extra, so a language cannot ship incomplete.
 */
export type Translation<T> = {
  [K in keyof T]: T[K] extends string ? string : Translation<T[K]>;
};

export type MessageTree = { [key: string]: string | MessageTree };

/** `./locales/de/records.ts` → `records`: each file is its feature's namespace. */
export function namespaceOf(path: string): string {
  return path.replace(/^.*\/([^/]+)\.ts$/, '$1');
}

export function bundle(files: Record<string, MessageTree>): MessageTree {
  return Object.fromEntries(Object.entries(files).map(([path, tree]) => [namespaceOf(path), tree]));
}
