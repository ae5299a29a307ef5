import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TemplateIssue } from './check.js';
import type { Template } from './format.js';
import type { KnownFields } from './known-fields.js';

/** The field types a photo URL may be read from; LONG_TEXT holds one URL per line. */
export const urlFieldTypes = new Set(['URL', 'TEXT', 'LONG_TEXT']);

/** A path inside the template's folder: no absolute path, no `..`, no hidden files. */
const insideFolder = /^(?!.*(?:^|\/)\.)[A-Za-z0-9_][A-Za-z0-9_ .-]*(?:\/[A-Za-z0-9_][A-Za-z0-9_ .-]*)*$/;

/** A sample FILE or IMAGE value: `[{ file: samples/boat-1.jpg }]`, each path inside the folder. */
export function sampleFilePaths(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const paths = value.map((item) =>
    item && typeof item === 'object' && Object.keys(item).length === 1 && 'file' in item
      ? (item as { file: unknown }).file
      : null,
  );
  return paths.every((p): p is string => typeof p === 'string' && insideFolder.test(p)) ? paths : null;
}

export const fromFields = (from: string | string[]): string[] => (Array.isArray(from) ? from : [from]);

/** `migrations`: a version the file has reached, an IMAGE field to copy to, URL-like fields to read. */
export function checkMigrations(template: Template, known: KnownFields, issues: TemplateIssue[]): void {
  template.migrations?.forEach((migration, m) => {
    const at = ['migrations', m];
    if (migration.version > template.version)
      issues.push({
        path: [...at, 'version'],
        message: `version ${migration.version} is later than the file’s version ${template.version}`,
      });
    const step = migration.copyUrlToImage;
    if (!step) return;
    const fields = known.get(step.object);
    if (!fields || !template.objects.some((o) => o.key === step.object)) {
      issues.push({
        path: [...at, 'copyUrlToImage', 'object'],
        message: `no object “${step.object}” in the template`,
      });
      return;
    }
    if (fields.get(step.to)?.type !== 'IMAGE')
      issues.push({
        path: [...at, 'copyUrlToImage', 'to'],
        message: `“${step.to}” is not an IMAGE field of ${step.object}`,
      });
    fromFields(step.from).forEach((key, f) => {
      const where = Array.isArray(step.from)
        ? [...at, 'copyUrlToImage', 'from', f]
        : [...at, 'copyUrlToImage', 'from'];
      const type = fields.get(key)?.type;
      if (key === step.to) issues.push({ path: where, message: 'a field cannot be copied into itself' });
      else if (type && !urlFieldTypes.has(type))
        issues.push({
          path: where,
          message: `${step.object}.${key} is ${type}, not a URL, TEXT or LONG_TEXT field`,
        });
    });
  });
}

/** Sample FILE and IMAGE values: files of the template's folder, there when `folder` is known. */
export function checkSampleFiles(
  template: Template,
  known: KnownFields,
  issues: TemplateIssue[],
  folder: string | undefined,
): void {
  for (const [objectKey, records] of Object.entries(template.sampleData ?? {})) {
    const fields = known.get(objectKey);
    records.forEach((record, r) => {
      for (const [key, value] of Object.entries(record.values)) {
        const type = fields?.get(key)?.type;
        if ((type !== 'IMAGE' && type !== 'FILE') || value === null) continue;
        const at = ['sampleData', objectKey, r, 'values', key];
        const paths = sampleFilePaths(value);
        if (!paths) {
          issues.push({
            path: at,
            message: `${type === 'IMAGE' ? 'an' : 'a'} ${type} field holds files of the template’s folder: [{ file: samples/photo-1.jpg }]`,
          });
          continue;
        }
        paths.forEach((file, i) => {
          if (folder && !existsSync(path.join(folder, file)))
            issues.push({ path: [...at, i, 'file'], message: `no file “${file}” in the template’s folder` });
        });
      }
    });
  }
}
