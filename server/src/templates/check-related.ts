import type { TemplateIssue } from './check.js';
import type { Template } from './format.js';
import type { KnownFields } from './known-fields.js';

/** Field types a `createRelated` step cannot copy: files belong to one record, stages to a pipeline. */
const notCopied = new Set(['FILE', 'IMAGE', 'STAGE']);

/**
 * `migrations` with `createRelated`: the object is the template's, the relation a MANY_TO_ONE of
 * it to another of the template's objects, and each field is on both with the same type.
 */
export function checkCreateRelated(template: Template, known: KnownFields, issues: TemplateIssue[]): void {
  template.migrations?.forEach((migration, m) => {
    const step = migration.createRelated;
    if (!step) return;
    const at = ['migrations', m, 'createRelated'];
    const fields = known.get(step.object);
    if (!fields || !template.objects.some((o) => o.key === step.object && !o.extends)) {
      issues.push({ path: [...at, 'object'], message: `no object “${step.object}” in the template` });
      return;
    }
    const relation = fields.get(step.relation);
    const target = relation?.target ? known.get(relation.target) : undefined;
    if (relation?.type !== 'RELATION' || relation.kind !== 'MANY_TO_ONE' || !target) {
      issues.push({
        path: [...at, 'relation'],
        message: `“${step.relation}” is not a many-to-one relation of ${step.object}`,
      });
      return;
    }
    step.fields.forEach((key, f) => {
      const from = fields.get(key);
      const to = target.get(key);
      const message = !from
        ? `${step.object} has no field “${key}”`
        : !to
          ? `${relation.target} has no field “${key}”`
          : from.type !== to.type
            ? `${step.object}.${key} is ${from.type} and ${relation.target}.${key} ${to.type}`
            : notCopied.has(from.type)
              ? `${from.type} fields are not copied (a file belongs to one record)`
              : null;
      if (message) issues.push({ path: [...at, 'fields', f], message });
    });
  });
}
