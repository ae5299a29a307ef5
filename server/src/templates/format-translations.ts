import { languages } from '@crm/contracts';
import { z } from 'zod';
import { apiKey, label } from './format-keys.js';

/**
 * A template's labels in other languages (docs/templates.md, Translations), by key: objects and
 * their fields and choices, pipelines and their stages, views. What a language leaves out shows
 * the template's own label. Usually kept in `translations/<lang>.yaml` beside template.yaml.
 */
const fieldTranslation = z.strictObject({
  label: label.optional(),
  helpText: z.string().trim().min(1).max(1000).optional(),
  choices: z.record(apiKey, label).optional().describe('Choice key → label.'),
});

const objectTranslation = z.strictObject({
  labelSingular: label.optional(),
  labelPlural: label.optional(),
  description: z.string().trim().min(1).max(1000).optional(),
  fields: z.record(apiKey, fieldTranslation).optional().describe('Field key → its labels.'),
});

const pipelineTranslation = z.strictObject({
  label: label.optional(),
  stages: z.record(apiKey, label).optional().describe('Stage key → label.'),
});

export const templateTranslation = z.strictObject({
  objects: z.record(apiKey, objectTranslation).optional().describe('Object key → its labels.'),
  pipelines: z.record(apiKey, pipelineTranslation).optional().describe('Pipeline key → its labels.'),
  views: z.record(apiKey, label).optional().describe('View key → its name.'),
});

export const templateTranslations = z
  .partialRecord(z.enum(languages), templateTranslation)
  .describe('Language (de, it, zh, en) → the template’s labels in it.');

export type TemplateTranslation = z.infer<typeof templateTranslation>;
export type TemplateTranslations = z.infer<typeof templateTranslations>;
