import { sandboxedLiquid } from '../platform/index.js';

/** Merge fields (`{{ record.name }}`, `{{ record.company.name }}`, `{{ rule.name }}`), sandboxed. */
export const liquid = sandboxedLiquid();

export type MergeScope = Record<string, unknown>;

/** Parsed templates by text: a batch of runs renders the same few templates (render limits still apply). */
const parsed = new Map<string, ReturnType<typeof liquid.parse>>();
const maxParsed = 1_000;

export async function renderTemplate(template: string, scope: MergeScope): Promise<string> {
  let tpl = parsed.get(template);
  if (!tpl) {
    tpl = liquid.parse(template);
    if (parsed.size >= maxParsed) parsed.clear();
    parsed.set(template, tpl);
  }
  return String(await liquid.render(tpl, scope));
}

/** The follow-up forms a template links to: `{{ forms.viewingFeedback.link }}` → viewingFeedback. */
export function referencedFormLinks(template: string): string[] {
  return [...new Set([...template.matchAll(/\bforms\.([a-z][A-Za-z0-9]*)\.link\b/g)].map((m) => m[1]!))];
}

/** The relation (or USER) keys a template reads through: `record.company.name` → company. */
export function referencedHops(template: string): string[] {
  return [...new Set([...template.matchAll(/record\.([A-Za-z_][\w]*)\.[A-Za-z_]/g)].map((m) => m[1]!))];
}
