import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { NotFound } from '../platform/index.js';
import type { Template } from './format.js';
import { isLanguage } from '@crm/contracts';
import { parseTemplate, parseTranslationFile, TemplateError } from './parse.js';

/** Templates live in `<dir>/<key>/template.yaml`, read from disk on each use (they are small). */

export function templateFile(dir: string, key: string): string {
  return path.join(dir, key, 'template.yaml');
}

/** A file's name in errors: relative to the working folder when inside it. */
function displayName(file: string): string {
  // Under pnpm the working folder is the package's; INIT_CWD is where the command was typed.
  const relative = path.relative(process.env.INIT_CWD ?? process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}

/** A file named on the command line (`validate`, `--file`): its sample files must be beside it. */
export async function loadTemplateFile(file: string): Promise<Template> {
  const text = await readFile(file, 'utf8');
  const template = parseTemplate(text, displayName(file), path.dirname(file));
  return withTranslationFiles(template, path.dirname(file));
}

/**
 * Adds `translations/<lang>.yaml` beside the template to its `translations` (a file replaces
 * what template.yaml says for its language). Each is checked against the template.
 */
async function withTranslationFiles(template: Template, folder: string): Promise<Template> {
  const dir = path.join(folder, 'translations');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.yaml')).sort();
  if (!names.length) return template;
  const translations = { ...template.translations };
  for (const name of names) {
    const file = path.join(dir, name);
    const language = name.slice(0, -'.yaml'.length);
    if (!isLanguage(language))
      throw new TemplateError(displayName(file), [
        { line: 1, reason: 'must be named <language>.yaml: de, it, zh or en' },
      ]);
    translations[language] = parseTranslationFile(await readFile(file, 'utf8'), displayName(file), template);
  }
  return { ...template, translations };
}

export async function loadTemplate(dir: string, key: string): Promise<Template> {
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(key)) throw new NotFound(`The template “${key.slice(0, 70)}”`);
  const file = templateFile(dir, key);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new NotFound(`The template “${key}”`);
  }
  // The sample files are checked when an install with sample data stores them: a template
  // copied without its folder still installs without sample data.
  const template = await withTranslationFiles(parseTemplate(text, displayName(file)), path.dirname(file));
  if (template.key !== key)
    throw new TemplateError(displayName(file), [
      { line: 1, reason: `key: must be “${key}”, its folder’s name` },
    ]);
  return template;
}

export interface CatalogEntry {
  key: string;
  file: string;
  template?: Template;
  error?: TemplateError;
}

/** Every template folder, parsed; a broken file is listed with its error. */
export async function listTemplates(dir: string): Promise<CatalogEntry[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const keys = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    keys.map(async (key) => {
      const file = templateFile(dir, key);
      try {
        return { key, file, template: await loadTemplate(dir, key) };
      } catch (error) {
        if (error instanceof TemplateError) return { key, file, error };
        return {
          key,
          file,
          error: new TemplateError(displayName(file), [{ line: 1, reason: 'cannot be read' }]),
        };
      }
    }),
  );
}
