import { z } from 'zod';
import { triggerKinds, type RuleAction } from '../automation/index.js';
import { apiKey, hhmm, label } from './format-keys.js';

/**
 * A template's automation rules: the automation contract's RuleSpec with a required
 * `key`, and without what a template cannot know (members and forms by id): round-robin
 * and notifications name members by role or by a USER field of the record instead, and a
 * FORM_SUBMITTED trigger names one of the template's forms by its key.
 */

const filter = z
  .record(z.string(), z.unknown())
  .describe('A filter in the records API’s language, on the record after the change.');

const memberRole = z
  .enum(['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'])
  .describe('The members holding exactly this role.');

const trigger = z.strictObject({
  kind: z.enum(triggerKinds),
  form: apiKey
    .optional()
    .describe('FORM_SUBMITTED: the key of one of the template’s forms; any form on the object when absent.'),
  fields: z.array(apiKey).optional().describe('RECORD_UPDATED: only when one of these fields changes.'),
  toValue: z
    .unknown()
    .optional()
    .describe('RECORD_UPDATED with one field: only when it changes to this value.'),
  stageField: apiKey
    .optional()
    .describe('STAGE_ENTERED / STAGE_LEFT: default the object’s only STAGE field.'),
  stage: apiKey.optional().describe('STAGE_ENTERED / STAGE_LEFT: the stage key; any stage when absent.'),
  dateField: apiKey.optional().describe('DATE_RELATIVE: a DATE or DATETIME field.'),
  offsetMinutes: z
    .number()
    .int()
    .optional()
    .describe('DATE_RELATIVE: minutes after the date (negative: before).'),
  yearly: z.boolean().optional().describe('DATE_RELATIVE: every year on the date’s month and day.'),
  timeOfDay: hhmm
    .optional()
    .describe('DATE_RELATIVE on a DATE field: the time (workspace time zone), default 09:00.'),
  cron: z.string().max(200).optional().describe('SCHEDULE: a five-field cron expression.'),
  timeZone: z
    .string()
    .max(100)
    .optional()
    .describe('SCHEDULE: the cron’s time zone; the workspace’s when absent.'),
  scheduleFilter: filter.optional().describe('SCHEDULE: the records each scheduled run acts on.'),
});

const valueSource = z.union([
  z.strictObject({ value: z.unknown() }).describe('A literal, as the records API writes it.'),
  z
    .strictObject({
      fromField: z
        .string()
        .regex(/^[a-z][a-zA-Z0-9]{0,62}(\.[a-z][a-zA-Z0-9]{0,62})?$/, 'a field key, or relation.field'),
    })
    .describe(
      'A field of the trigger record, or of the record a relation of it points at (`estate.address`).',
    ),
  z
    .strictObject({
      relativeDate: z.strictObject({
        minutes: z.number().optional(),
        hours: z.number().optional(),
        days: z.number().optional(),
      }),
    })
    .describe('A date or time relative to the run.'),
  z
    .strictObject({ template: z.string().max(5000) })
    .describe('Text with merge fields: {{ record.name }}, {{ record.owner.name }}, {{ rule.name }}.'),
]);
const values = z.record(apiKey, valueSource).describe('Field key → where its value comes from.');

const text = (max: number) => z.string().min(1).max(max);

const branch = z.strictObject({
  type: z.literal('BRANCH'),
  condition: filter.describe('Checked on the record as it is when the step runs.'),
  get then() {
    return z.array(action).min(1);
  },
  get else() {
    return z.array(action).optional();
  },
});

// Annotated: a recursive schema's type cannot be inferred from its own definition.
const action: z.ZodType<TemplateRuleAction> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('CREATE_RECORD'), object: apiKey, values }),
  z.strictObject({
    type: z.literal('UPDATE_RECORD'),
    via: apiKey.optional().describe('A MANY_TO_ONE relation: update the related record.'),
    values,
  }),
  z.strictObject({
    type: z.literal('ASSIGN'),
    field: apiKey.describe('A USER field (`owner` included).'),
    mode: z.enum(['OWNER', 'ROUND_ROBIN']),
    role: memberRole
      .optional()
      .describe(
        'ROUND_ROBIN (required there): rotate through the members of this role, in the order they joined.',
      ),
  }),
  z.strictObject({ type: z.literal('MOVE_STAGE'), stageField: apiKey.optional(), stage: apiKey }),
  z.strictObject({ type: z.literal('ADD_COMMENT'), body: text(10_000) }),
  z.strictObject({
    type: z.literal('NOTIFY'),
    recipients: z.strictObject({
      fields: z.array(apiKey).optional().describe('USER fields of the record (`owner` included).'),
      roles: z.array(memberRole).optional(),
    }),
    message: text(2000),
  }),
  z.strictObject({
    type: z.literal('SEND_EMAIL'),
    to: z.strictObject({
      field: z
        .string()
        .regex(/^[a-z][a-zA-Z0-9]{0,62}(\.[a-z][a-zA-Z0-9]{0,62})?$/, 'a field key, or relation.field')
        .optional()
        .describe('An EMAIL field of the record, or of a related one (`contact.email`).'),
      address: z.email().optional(),
    }),
    subject: text(500),
    body: text(50_000),
  }),
  z.strictObject({
    type: z.literal('CALL_WEBHOOK'),
    url: z.url({ protocol: /^https?$/ }).describe('An http(s) address.'),
  }),
  z.strictObject({
    type: z.literal('WAIT'),
    minutes: z.number().positive().describe('Fractions allowed (0.05 is three seconds).'),
  }),
  branch,
]);
// Named, so the JSON Schema's recursive definition reads as what it is.
action.register(z.globalRegistry, { id: 'RuleAction' });

/** What a template's action may say: the contract's, less members by id and fixed assignment. */
export type TemplateRuleAction =
  | Exclude<RuleAction, { type: 'ASSIGN' | 'NOTIFY' | 'BRANCH' }>
  | { type: 'ASSIGN'; field: string; mode: 'OWNER' | 'ROUND_ROBIN'; role?: MemberRoleName }
  | { type: 'NOTIFY'; recipients: { fields?: string[]; roles?: MemberRoleName[] }; message: string }
  | {
      type: 'BRANCH';
      condition: Record<string, unknown>;
      then: TemplateRuleAction[];
      else?: TemplateRuleAction[];
    };
type MemberRoleName = z.infer<typeof memberRole>;

export const automation = z.strictObject({
  key: apiKey.describe('Stable within the template: upgrades find the rule again by it.'),
  name: label,
  description: z.string().max(2000).optional(),
  object: apiKey.describe('The object whose records trigger the rule.'),
  enabled: z
    .boolean()
    .optional()
    .describe('Whether the rule runs once installed (default true); afterwards it is the admin’s switch.'),
  trigger,
  condition: filter.optional(),
  actions: z.array(action).min(1).max(50),
});
