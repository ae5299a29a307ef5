import { Liquid, type FS } from 'liquidjs';

/**
 * Merge fields (`{{ record.name }}`, `{{ record.company.name }}`, `{{ rule.name }}`) with
 * LiquidJS, sandboxed: no file system (no include, render or layout of files), own
 * properties only, and bounds on parse size, render time and memory.
 */
const noFiles: FS = {
  exists: () => Promise.resolve(false),
  existsSync: () => false,
  readFile: (file) => Promise.reject(new Error(`Templates cannot read files (${file}).`)),
  readFileSync: (file) => {
    throw new Error(`Templates cannot read files (${file}).`);
  },
  resolve: (_dir, file) => file,
};

export const liquid = new Liquid({
  fs: noFiles,
  relativeReference: false,
  ownPropertyOnly: true,
  parseLimit: 20_000,
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
});

export type MergeScope = Record<string, unknown>;

export async function renderTemplate(template: string, scope: MergeScope): Promise<string> {
  return String(await liquid.parseAndRender(template, scope));
}

/** The relation (or USER) keys a template reads through: `record.company.name` → company. */
export function referencedHops(template: string): string[] {
  return [...new Set([...template.matchAll(/record\.([A-Za-z_][\w]*)\.[A-Za-z_]/g)].map((m) => m[1]!))];
}
