import { z } from 'zod';
import { maxMinutesBefore, maxRecipientFields, maxRulesPerField } from '../activities/index.js';
import { fieldTypes } from '../metadata/index.js';
import { chartTypes, dateBuckets, measureKinds } from '../reports/index.js';
import { documentBlocks } from '../documents/index.js';
import { automation } from './format-automations.js';
import { ratingModel } from './format-rating.js';
import { matchDefinition } from '../matching/index.js';
import { templateForm } from './format-forms.js';
import { apiKey, hhmm, label } from './format-keys.js';
import { templateTranslations } from './format-translations.js';

/**
 * The template file format, defined once: the parser validates with it and
 * `pnpm schema:print` prints it as schema/template.schema.json. Rules that need the
 * whole file (references between objects, fields, stages and sample records) are
 * checked in check.ts.
 */

const templateKey = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and hyphens (e.g. boat-dealer)');
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb');

const choice = z.strictObject({ key: apiKey, label, color: color.optional() });

const relation = z.strictObject({
  target: apiKey.describe('The related object’s key (of this template or a standard object).'),
  kind: z.enum(['MANY_TO_ONE', 'ONE_TO_MANY', 'MANY_TO_MANY']),
  onDelete: z.enum(['RESTRICT', 'SET_NULL', 'CASCADE']).optional().describe('Default SET_NULL.'),
  inverseKey: apiKey.describe('Key of the field that appears on the related object.'),
  inverseLabel: label.optional(),
});

const field = z
  .strictObject({
    key: apiKey,
    label,
    type: z.enum(fieldTypes),
    helpText: z.string().max(1000).optional(),
    required: z.boolean().optional(),
    unique: z.boolean().optional(),
    filterable: z.boolean().optional(),
    sortable: z.boolean().optional(),
    defaultValue: z.unknown().optional(),
    options: z
      .strictObject({
        precision: z.number().int().min(0).max(10).optional(),
        grouping: z
          .boolean()
          .optional()
          .describe('NUMBER: false shows values without thousands separators (a year: 2018); default true.'),
        defaultCurrency: z
          .string()
          .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')
          .optional(),
        choices: z.array(choice).min(1).max(500).optional().describe('SELECT and MULTI_SELECT options.'),
        max: z
          .number()
          .int()
          .min(1)
          .max(100)
          .optional()
          .describe(
            'RATING: highest value (2–10). FILE and IMAGE: how many files (1–100; 1 is a single file).',
          ),
        format: z
          .enum(['VIN'])
          .optional()
          .describe('TEXT: VIN checks vehicle identification numbers (ISO 3779) and decodes them.'),
        fills: z
          .strictObject({ make: apiKey.optional(), modelYear: apiKey.optional() })
          .optional()
          .describe('TEXT of format VIN: this object’s fields a valid VIN fills when they are empty.'),
      })
      .optional(),
    relation: relation.optional().describe('RELATION fields only.'),
  })
  .superRefine((f, ctx) => {
    const max = f.options?.max;
    if (f.type === 'RATING' && max !== undefined && (max < 2 || max > 10)) {
      ctx.addIssue({
        code: 'custom',
        path: ['options', 'max'],
        message: 'a RATING field’s highest value is 2 to 10',
      });
    }
    if (f.options?.format !== undefined && f.type !== 'TEXT') {
      ctx.addIssue({ code: 'custom', path: ['options', 'format'], message: 'format is for TEXT fields' });
    }
    if (f.options?.fills !== undefined && f.options.format !== 'VIN') {
      ctx.addIssue({ code: 'custom', path: ['options', 'fills'], message: 'fills needs format: VIN' });
    }
    if (f.options?.grouping !== undefined && f.type !== 'NUMBER') {
      ctx.addIssue({
        code: 'custom',
        path: ['options', 'grouping'],
        message: 'grouping is for NUMBER fields',
      });
    }
  });

const object = z.strictObject({
  key: apiKey,
  extends: z
    .boolean()
    .optional()
    .describe('true: add fields to an object the workspace already has (e.g. person, deal).'),
  pluralKey: apiKey.optional(),
  labelSingular: label.optional().describe('Required for a new object.'),
  labelPlural: label.optional(),
  description: z.string().max(1000).optional(),
  icon: z.string().max(50).optional(),
  labelField: apiKey.optional().describe('A TEXT field shown as the record’s name; default `name`.'),
  fields: z.array(field).optional(),
});

const stage = z.strictObject({
  key: apiKey,
  label,
  color: color.optional(),
  probability: z.number().min(0).max(100).optional(),
  kind: z.enum(['OPEN', 'WON', 'LOST']).optional(),
  requiredFields: z.array(apiKey).optional().describe('Fields a record must have filled to enter.'),
  requires: z
    .array(
      z.strictObject({
        label: z.string().min(1).max(200).describe('What must hold, as a refused move names it.'),
        filter: z
          .record(z.string(), z.unknown())
          .describe('A filter in the records API’s language the record must match.'),
        deadlineField: apiKey.optional().describe('A DATE or DATETIME field with the deadline, shown too.'),
      }),
    )
    .max(20)
    .optional()
    .describe('Entry conditions: a record enters only while it matches every one.'),
  wipLimit: z.number().int().min(1).optional(),
});

const pipeline = z.strictObject({
  object: apiKey,
  field: apiKey.optional().describe('The STAGE field holding the pipeline; default `stage`.'),
  key: apiKey,
  label,
  replaces: z
    .array(apiKey)
    .optional()
    .describe('Pipelines of the same field removed on install while no record is in them.'),
  stages: z.array(stage).min(1),
});

const view = z.strictObject({
  key: apiKey.describe('Stable within the template, so upgrades find the view again.'),
  object: apiKey,
  name: label,
  type: z.enum(['TABLE', 'BOARD', 'CALENDAR']),
  filter: z.record(z.string(), z.unknown()).optional().describe('A filter in the records API’s language.'),
  sort: z
    .array(
      z.strictObject({
        field: apiKey,
        direction: z.enum(['ASC', 'DESC']),
        nulls: z.enum(['FIRST', 'LAST']).optional(),
      }),
    )
    .optional(),
  fields: z
    .array(z.union([apiKey, z.strictObject({ key: apiKey, width: z.number().int().min(20).max(2000) })]))
    .optional()
    .describe('Visible fields in order; default the object’s fields.'),
  groupByField: apiKey.optional().describe('BOARD: a SELECT or STAGE field.'),
  calendarField: apiKey.optional().describe('CALENDAR: a DATE or DATETIME field.'),
  pageSize: z.number().int().min(1).max(500).optional(),
});

const report = z.strictObject({
  key: apiKey.describe('Stable within the template, so upgrades find the report again.'),
  name: label,
  object: apiKey,
  filter: z.record(z.string(), z.unknown()).optional().describe('A filter in the records API’s language.'),
  groupBy: z
    .array(z.strictObject({ field: z.string().max(130), bucket: z.enum(dateBuckets).optional() }))
    .max(2)
    .optional()
    .describe(
      'Up to two: a field key or relation.field; DATE/DATETIME fields take a bucket (MONTH by default).',
    ),
  measures: z
    .array(
      z.strictObject({
        kind: z.enum(measureKinds),
        field: z.string().max(130).optional(),
        until: z
          .string()
          .max(130)
          .optional()
          .describe('AVG_DAYS, AVG_MINUTES: the DATE/DATETIME field ending the span; now when absent.'),
        label: label.optional(),
      }),
    )
    .min(1)
    .max(8),
  sort: z
    .array(z.strictObject({ key: z.string().regex(/^[gm]\d$/), direction: z.enum(['ASC', 'DESC']) }))
    .optional(),
  limit: z.number().int().min(1).max(5000).optional(),
  dateField: apiKey.optional().describe('The field a dashboard’s date range applies to.'),
});

const dashboard = z.strictObject({
  key: apiKey.describe('Stable within the template, so upgrades find the dashboard again.'),
  name: label,
  widgets: z
    .array(
      z.strictObject({
        report: apiKey.describe('The key of one of the template’s reports.'),
        chart: z.enum(chartTypes),
        title: label.optional(),
        x: z.number().int().min(0).max(23),
        y: z.number().int().min(0).max(10000),
        w: z.number().int().min(1).max(24),
        h: z.number().int().min(1).max(48),
      }),
    )
    .max(50),
});

const reminderRule = z.strictObject({
  minutesBefore: z
    .number()
    .int()
    .min(0)
    .max(maxMinutesBefore)
    .optional()
    .describe('How long before the field’s moment; default 0.'),
  timeOfDay: hhmm
    .optional()
    .describe(
      'The time of day in each recipient’s time zone: required on DATE fields; on DATETIME fields, that time on the moment’s day.',
    ),
  recipients: z
    .array(apiKey)
    .min(1)
    .max(maxRecipientFields)
    .describe('USER fields of the object (`owner`, `assignee`, …) whose members are reminded.'),
  doneField: apiKey.optional().describe('A SELECT or STAGE field; no reminder while it holds a done value.'),
  doneValues: z.array(apiKey).optional(),
});

const reminder = z.strictObject({
  object: apiKey,
  field: apiKey.describe('A DATE or DATETIME field of the object.'),
  rules: z
    .array(reminderRule)
    .max(maxRulesPerField)
    .describe('The field’s reminders; an empty list takes the installed version’s away on upgrade.'),
});

const sampleRecord = z.strictObject({
  ref: apiKey.optional().describe('A name other sample records use in their relation fields.'),
  values: z
    .record(z.string(), z.unknown())
    .describe(
      'Field key → value as in the records API; a relation holds refs, a USER field `installer`, a FILE or IMAGE field files of the template’s folder (`[{ file: samples/boat-1.jpg }]`).',
    ),
});

const document = z.strictObject({
  key: apiKey,
  name: label,
  object: apiKey.describe('The key of the object whose records it is for.'),
  fileField: apiKey.optional().describe('A FILE field of the object for the PDFs (default: documents).'),
  blocks: documentBlocks.describe('The body (docs/documents.md).'),
});

const copyUrlToImage = z.strictObject({
  object: apiKey.describe('The object whose records hold the URLs.'),
  from: z
    .union([apiKey, z.array(apiKey).min(1).max(5)])
    .describe(
      'URL, TEXT or LONG_TEXT fields (one URL per line) with photo addresses; usually left out of the file, so the upgrade archives them.',
    ),
  to: apiKey.describe('An IMAGE field of the object; the photos are added after the ones it holds.'),
});

const createRelated = z.strictObject({
  object: apiKey.describe('The object whose records are split (listings).'),
  relation: apiKey.describe(
    'A MANY_TO_ONE relation of the object to the object each new record is of (listing → property).',
  ),
  fields: z
    .array(apiKey)
    .min(1)
    .max(50)
    .describe(
      'Fields both objects have (same key, same type) whose values the new record takes; they stay on the object too. No FILE or IMAGE field: a file belongs to one record.',
    ),
});

const migration = z
  .strictObject({
    version: z
      .number()
      .int()
      .min(2)
      .describe('The version that brings this step: it runs on an upgrade from an earlier version.'),
    copyUrlToImage: copyUrlToImage
      .optional()
      .describe(
        'Fetches each record’s photo URLs in the background (durable jobs, the SSRF guard) and stores them in an IMAGE field.',
      ),
    createRelated: createRelated
      .optional()
      .describe(
        'For each record whose relation is empty, creates a record of the related object with the listed fields’ values and links it, in the upgrade’s transaction.',
      ),
  })
  .refine((m) => (m.copyUrlToImage === undefined) !== (m.createRelated === undefined), {
    message: 'a migration has one step: copyUrlToImage or createRelated',
  });

export const templateSchema = z
  .strictObject({
    $schema: z.string().optional(),
    key: templateKey,
    name: label,
    version: z.number().int().min(1).describe('Raise it with every published change.'),
    description: z.string().max(2000),
    objects: z.array(object),
    pipelines: z.array(pipeline).optional(),
    views: z.array(view).optional(),
    translations: templateTranslations
      .optional()
      .describe(
        'Labels in other languages; the files translations/<lang>.yaml beside template.yaml add to it.',
      ),
    reminders: z
      .array(reminder)
      .optional()
      .describe('Default reminders per DATE/DATETIME field, as an admin sets them with setReminderRules.'),
    sampleData: z
      .record(apiKey, z.array(sampleRecord))
      .optional()
      .describe('Object key → records, created in dependency order.'),
    automations: z
      .array(automation)
      .optional()
      .describe('Automation rules, installed by key; fields and objects named by key.'),
    matching: z
      .array(matchDefinition)
      .optional()
      .describe(
        'Match definitions: seekers (buyers) and candidates (listings) scored by weighted criteria, installed by key (docs/matching.md).',
      ),
    ratingModels: z
      .array(ratingModel)
      .optional()
      .describe(
        'Lead-rating models, one per object, installed by object key (docs/duplicates-and-rating.md).',
      ),
    forms: z.array(templateForm).optional().describe('Public web forms, installed by key (docs/forms.md).'),
    reports: z.array(report).optional().describe('Shared reports, installed by key (docs/reports.md).'),
    dashboards: z.array(dashboard).optional().describe('Shared dashboards of the template’s reports.'),
    documents: z
      .array(document)
      .optional()
      .describe('Document templates rendered to PDF, installed by key (docs/documents.md).'),
    migrations: z
      .array(migration)
      .optional()
      .describe('Data steps an upgrade from an earlier version runs (docs/templates.md “Migrations”).'),
  })
  .describe(
    'A CRM vertical template: objects, fields, pipelines, views, automations, rating models, forms, reports, dashboards and sample data.',
  );

export type Template = z.infer<typeof templateSchema>;
export type TemplateObject = z.infer<typeof object>;
export type TemplateField = z.infer<typeof field>;
export type TemplatePipeline = z.infer<typeof pipeline>;
export type TemplateStage = z.infer<typeof stage>;
export type TemplateView = z.infer<typeof view>;
export type TemplateReport = z.infer<typeof report>;
export type TemplateDashboard = z.infer<typeof dashboard>;
export type TemplateDocument = z.infer<typeof document>;
export type TemplateReminder = z.infer<typeof reminder>;
export type SampleRecord = z.infer<typeof sampleRecord>;
export type TemplateAutomation = z.infer<typeof automation>;
export type TemplateRatingModel = z.infer<typeof ratingModel>;
export type TemplateMigration = z.infer<typeof migration>;
export type CreateRelatedStep = z.infer<typeof createRelated>;

/** The JSON Schema of the format, as printed to schema/template.schema.json. */
export function templateJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(templateSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://crm.example.com/schema/template.schema.json',
    title: 'CRM template',
  };
}
