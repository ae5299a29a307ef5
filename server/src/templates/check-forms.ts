import type { TemplateIssue } from './check.js';
import type { Template } from './format.js';
import type { KnownFields } from './known-fields.js';

/**
 * What a form names must exist in the template or the standard objects: its object and
 * each input's field (`person.<key>` among person's). The install checks the form again
 * against the workspace's metadata (the forms module's checkForm).
 */
export function checkForms(template: Template, known: KnownFields, issues: TemplateIssue[]): void {
  const seen = new Set<string>();
  (template.forms ?? []).forEach((form, f) => {
    const at = ['forms', f];
    if (seen.has(form.key))
      issues.push({ path: [...at, 'key'], message: `form “${form.key}” appears twice` });
    seen.add(form.key);
    const fields = known.get(form.object);
    if (!fields) return void issues.push({ path: [...at, 'object'], message: `no object “${form.object}”` });
    form.fields.forEach((input, i) => {
      const [owner, key] = input.path.startsWith('person.')
        ? ['person', input.path.slice(7)]
        : [form.object, input.path];
      if (!known.get(owner)?.has(key))
        issues.push({ path: [...at, 'fields', i, 'path'], message: `${owner} has no field “${key}”` });
    });
  });
}
