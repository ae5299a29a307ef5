import { sandboxedLiquid } from '../platform/index.js';

/** Merge fields (`{{ record.name }}`, `{{ record.company.name }}`, `{{ rule.name }}`), sandboxed. */
export const liquid = sandboxedLiquid();

export type MergeScope = Record<string, unknown>;

export async function renderTemplate(template: string, scope: MergeScope): Promise<string> {
  return String(await liquid.parseAndRender(template, scope));
}

/** The relation (or USER) keys a template reads through: `record.company.name` → company. */
export function referencedHops(template: string): string[] {
  return [...new Set([...template.matchAll(/record\.([A-Za-z_][\w]*)\.[A-Za-z_]/g)].map((m) => m[1]!))];
}
