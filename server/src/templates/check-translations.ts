import type { TemplateIssue } from './check.js';
import type { Template } from './format.js';
import type { TemplateTranslation } from './format-translations.js';

/**
 * A translation names only what the template defines: its objects, the fields of its own objects
 * (an object it `extends` has the workspace's fields too, so those are checked at install), the
 * choices of its fields, its pipelines and stages, and its views.
 */
export function translationIssues(template: Template, translation: TemplateTranslation): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  for (const [objectKey, object] of Object.entries(translation.objects ?? {})) {
    const defined = template.objects.find((o) => o.key === objectKey);
    if (!defined) {
      issues.push({ path: ['objects', objectKey], message: `the template has no object “${objectKey}”` });
      continue;
    }
    for (const [fieldKey, field] of Object.entries(object.fields ?? {})) {
      const definedField = defined.fields?.find((f) => f.key === fieldKey);
      if (!definedField) {
        if (!defined.extends)
          issues.push({
            path: ['objects', objectKey, 'fields', fieldKey],
            message: `${objectKey} has no field “${fieldKey}” in the template`,
          });
        continue;
      }
      const choices = definedField.options?.choices?.map((c) => c.key) ?? [];
      for (const choiceKey of Object.keys(field.choices ?? {}))
        if (!choices.includes(choiceKey))
          issues.push({
            path: ['objects', objectKey, 'fields', fieldKey, 'choices', choiceKey],
            message: `${objectKey}.${fieldKey} has no choice “${choiceKey}”`,
          });
    }
  }
  for (const [pipelineKey, pipeline] of Object.entries(translation.pipelines ?? {})) {
    const defined = template.pipelines?.find((p) => p.key === pipelineKey);
    if (!defined) {
      issues.push({
        path: ['pipelines', pipelineKey],
        message: `the template has no pipeline “${pipelineKey}”`,
      });
      continue;
    }
    for (const stageKey of Object.keys(pipeline.stages ?? {}))
      if (!defined.stages.some((s) => s.key === stageKey))
        issues.push({
          path: ['pipelines', pipelineKey, 'stages', stageKey],
          message: `the pipeline ${pipelineKey} has no stage “${stageKey}”`,
        });
  }
  for (const viewKey of Object.keys(translation.views ?? {}))
    if (!template.views?.some((v) => v.key === viewKey))
      issues.push({ path: ['views', viewKey], message: `the template has no view “${viewKey}”` });
  return issues;
}
