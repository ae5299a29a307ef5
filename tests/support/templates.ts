import { readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version a shipped template's file says (`templates/<key>/template.yaml`), so tests of
 * installs and upgrades follow the file instead of naming a number each bump must edit.
 */
export function shippedTemplateVersion(key: string): number {
  const file = fileURLToPath(new URL(`../../templates/${key}/template.yaml`, import.meta.url));
  const match = /^version: (\d+)$/m.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`templates/${key}/template.yaml has no version line`);
  return Number(match[1]);
}

/**
 * A shipped template's text relabelled as an earlier `version`, for tests that publish older
 * versions of it: its upgrade data steps (`migrations`) belong to later versions and go.
 */
export function asEarlierVersion(text: string, version: number): string {
  return text
    .replace(/^version: \d+$/m, `version: ${version}`)
    .replace(/^migrations:\n(?:[ \t].*(?:\n|$))*/m, '');
}

/** Copies a shipped template's folder (its file and its sample photos) to `dir/<key>/`. */
export async function copyShippedTemplate(key: string, dir: string): Promise<void> {
  const folder = fileURLToPath(new URL(`../../templates/${key}/`, import.meta.url));
  await cp(folder, path.join(dir, key), { recursive: true });
}
