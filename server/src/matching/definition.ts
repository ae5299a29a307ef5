import { z } from 'zod';

/**
 * A match definition: which records of a "seeker" object (buyers) fit which records of a
 * "candidate" object (listings), by weighted criteria that each compare a candidate's field with
 * a seeker's. The same shape in a template's `matching:` section and in `match_definition` rows.
 */

const key = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]{0,62}$/, 'must be a lowerCamelCase key (letters and digits, at most 63)');

export const criterionKinds = ['AT_MOST', 'AT_LEAST', 'EQUALS', 'ONE_OF', 'ALL_OF'] as const;
export type CriterionKind = (typeof criterionKinds)[number];

const criterion = z.strictObject({
  key: key.describe('Names the criterion in a match’s `matched` list.'),
  label: z.string().trim().min(1).max(100).optional().describe('Shown beside a match; the key when absent.'),
  kind: z
    .enum(criterionKinds)
    .describe(
      'AT_MOST: candidate ≤ seeker (+ tolerancePercent); AT_LEAST: candidate ≥ seeker; EQUALS: the same value; ' +
        'ONE_OF: the candidate’s value is among the seeker’s (a MULTI_SELECT, or a TEXT list split on commas); ' +
        'ALL_OF: the candidate’s MULTI_SELECT holds every value of the seeker’s.',
    ),
  candidate: key.describe('A field of the candidate object.'),
  seeker: key.describe('A field of the seeker object; empty on a seeker means "no preference" (matched).'),
  weight: z.number().positive().max(1000),
  required: z
    .boolean()
    .optional()
    .describe('A pair that fails this criterion does not match, whatever its score.'),
  tolerancePercent: z
    .number()
    .min(0)
    .max(100)
    .optional()
    .describe('AT_MOST only: the candidate may exceed the seeker’s value by this much.'),
});

const side = z.strictObject({
  object: key,
  filter: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Only these records take part (the record filter language, docs/api.md).'),
});

export const matchDefinition = z.strictObject({
  key: key.describe('Installed by this key; names the definition in queries.'),
  name: z.string().trim().min(1).max(100),
  seeker: side.describe('Who looks (buyers): their agents hear of new matches.'),
  candidate: side.describe('What is looked for (listings).'),
  criteria: z.array(criterion).min(1).max(20),
  minScore: z
    .number()
    .int()
    .min(0)
    .max(100)
    .describe('A pair matches from this score (the matched weights’ share of all weights, 0–100).'),
  notify: z
    .strictObject({
      fields: z.array(key).min(1).max(5).describe('USER fields of the seeker (owner, an agent field).'),
    })
    .optional()
    .describe('Who hears of a new match, once per pair; nobody when absent.'),
});

export type MatchDefinition = z.infer<typeof matchDefinition>;
export type MatchCriterion = MatchDefinition['criteria'][number];
