import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languages } from '@crm/contracts';
import { bundle, type MessageTree } from './messages';

/**
 * The catalogue as shipped: every language has every English key with the same placeholders, and
 * every key the source asks for literally (`$t('records.save')`, `t("…")`) exists.
 */
const files = import.meta.glob<MessageTree>('./locales/*/*.ts', { eager: true, import: 'default' });
const catalogue = Object.fromEntries(
  languages.map((language) => [
    language,
    bundle(
      Object.fromEntries(Object.entries(files).filter(([path]) => path.startsWith(`./locales/${language}/`))),
    ),
  ]),
);

function leaves(tree: MessageTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (message: string) => [...message.matchAll(/\{\s*(\w+)\s*\}/g)].map((m) => m[1]).sort();
const english = leaves(catalogue.en!);

describe('message catalogue', () => {
  it.each(languages.filter((l) => l !== 'en'))(
    '%s has every English key, with the same placeholders',
    (language) => {
      const translated = leaves(catalogue[language]!);
      expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, message] of english)
        expect(placeholders(translated.get(key)!), key).toEqual(placeholders(message));
    },
  );

  it('has no empty message', () => {
    for (const language of languages)
      for (const [key, message] of leaves(catalogue[language]!))
        expect(message.trim(), `${language}:${key}`).not.toBe('');
  });

  it('holds every key the source names literally', () => {
    const root = join(__dirname, '..');
    const missing: string[] = [];
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:\$t|\bt|\btc|\bte)\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g))
        if (!english.has(match[1]!) && !hasBranch(match[1]!))
          missing.push(`${relative(root, file)}: ${match[1]}`);
    }
    expect(missing).toEqual([]);
  });
});

/** A key naming a subtree (passed on to be completed at run time) counts when the subtree exists. */
function hasBranch(key: string): boolean {
  return [...english.keys()].some((k) => k.startsWith(`${key}.`));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : sourceFiles(path);
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}
