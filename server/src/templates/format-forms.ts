import { z } from 'zod';
import { apiKey, label } from './format-keys.js';

/** A template's web forms: the forms API's input, with a stable `key` and the object by key. */

const formField = z.strictObject({
  path: z
    .string()
    .regex(/^(person\.)?[a-z][a-zA-Z0-9]{0,62}$/, 'must be a field key, or person.<key>')
    .describe('A field of the form’s object, or `person.<key>` for the person the record links to.'),
  label: label.optional().describe('Shown instead of the field’s label.'),
  helpText: z.string().max(500).optional(),
  required: z.boolean().optional(),
  hidden: z.boolean().optional().describe('Not shown; sends `defaultValue` (a source tag).'),
  defaultValue: z.string().max(1000).optional(),
});

export const templateForm = z.strictObject({
  key: apiKey.describe('Stable across versions: an upgrade finds the installed form by it.'),
  name: label,
  object: apiKey.describe('The object a submission creates a record of.'),
  fields: z.array(formField).min(1).max(50),
  thankYouMessage: z.string().max(2000).optional(),
  redirectUrl: z.string().url().optional(),
  consentText: z.string().max(2000).optional().describe('When set, a required consent checkbox.'),
  recordName: z
    .string()
    .max(200)
    .optional()
    .describe('The record’s name: `{{ person.name }}`, `{{ address }}`.'),
  personField: apiKey.optional().describe('The relation to person; the first one when absent.'),
  updateRepeats: z.boolean().optional(),
  updatesRecord: z
    .boolean()
    .optional()
    .describe(
      'A follow-up form: opened by a signed link to one record (`{{ forms.<key>.link }}` in an automation e-mail), a submission updates that record.',
    ),
  enabled: z.boolean().optional().describe('On install only: afterwards the admin’s switch.'),
});

export type TemplateForm = z.infer<typeof templateForm>;
