import { readFileSync } from 'node:fs';
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
