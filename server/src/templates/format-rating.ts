import { z } from 'zod';
import { apiKey } from './format-keys.js';

/**
 * A template's lead-rating model for one object: the model as `saveRatingModel` takes it
 * (checked against the metadata when installed; docs/duplicates-and-rating.md).
 */

const rule = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('FIELD'),
    field: apiKey,
    operator: z.enum(['isNotEmpty', 'eq', 'in', 'gte', 'lte']),
    value: z.unknown().optional(),
    points: z.number(),
  }),
  z.strictObject({
    kind: z.literal('ACTIVITY'),
    object: apiKey.describe('Records of this object count as activity…'),
    via: apiKey.describe('…when this MANY_TO_ONE field of theirs points at the rated record.'),
    points: z.number().describe('Per record.'),
    max: z.number().positive().optional(),
    withinDays: z.number().positive().optional().describe('Only records created in the last days.'),
  }),
  z.strictObject({
    kind: z.literal('EMAILS_ANSWERED'),
    points: z.number().describe('Per reply received to mail sent to or about the record.'),
    max: z.number().positive().optional(),
    withinDays: z.number().positive().optional().describe('Only replies received in the last days.'),
  }),
  z.strictObject({
    kind: z.literal('RECENCY'),
    points: z.number(),
    halfLifeDays: z.number().positive(),
    field: apiKey.optional().describe('A DATE/DATETIME field; createdAt when absent.'),
  }),
]);

const fieldMap = z.record(apiKey, apiKey).describe('Target field → lead field.');

export const ratingModel = z.strictObject({
  object: apiKey.describe('The rated object; installed by this key, one model per object.'),
  model: z.strictObject({
    scoreField: apiKey.optional().describe('A NUMBER field, created when missing (default leadScore).'),
    bandField: apiKey
      .optional()
      .describe('A SELECT hot/warm/cold field, created when missing (default leadBand).'),
    thresholds: z.strictObject({ hot: z.number(), warm: z.number() }).optional(),
    rules: z.array(rule).max(50),
    conversion: z
      .strictObject({
        person: fieldMap,
        company: fieldMap.optional(),
        deal: fieldMap.optional(),
        link: z
          .strictObject({ person: apiKey.optional(), company: apiKey.optional(), deal: apiKey.optional() })
          .optional(),
        mark: z.strictObject({ field: apiKey, value: z.unknown() }).optional(),
      })
      .optional()
      .describe('Present when the object plays the lead role.'),
  }),
});
