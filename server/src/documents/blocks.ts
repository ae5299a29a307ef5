import { maxDocumentBlocks, maxHeadingLevel, maxImagesPerBlock, type DocumentBlock } from '@crm/contracts';
import { z } from 'zod';
import { BadInput } from '../platform/index.js';

/**
 * A document template's body: an ordered list of blocks, defined once here. The GraphQL input
 * and the template file (templates/<key>/template.yaml `documents`) both take this shape;
 * check.ts then checks it against the object's fields.
 */

const text = z.string().min(1).max(10_000);
/** A merge path as in e-mail templates, e.g. `record.price` or `record.seller.name`. */
const path = z.string().min(1).max(200);
const key = z.string().min(1).max(63);

/** As a collab document name's last part: `coverLetter`. */
const draftKey = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]{0,62}$/, 'a lowercase letter, then letters and digits (at most 63)');

export const block = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('heading'),
    text,
    level: z.number().int().min(1).max(maxHeadingLevel).optional(),
  }),
  z.strictObject({ type: z.literal('paragraph'), text }),
  z.strictObject({
    type: z.literal('fields'),
    title: z.string().max(200).optional(),
    fields: z.array(path).min(1).max(100).describe('Merge paths, each a row: label and value.'),
  }),
  z.strictObject({
    type: z.literal('image'),
    field: key.describe('An IMAGE field of the object.'),
    count: z
      .number()
      .int()
      .min(1)
      .max(maxImagesPerBlock)
      .optional()
      .describe('1 (default): the cover, the first image; more: a gallery of the first N.'),
  }),
  z.strictObject({
    type: z.literal('lines'),
    title: z.string().max(200).optional(),
    source: key.describe('A ONE_TO_MANY relation of the object, or a registered line source (quotes).'),
    columns: z.array(key).min(1).max(12).describe('Fields of the line records, in order.'),
  }),
  z.strictObject({ type: z.literal('pageBreak') }),
  z.strictObject({
    type: z.literal('draft'),
    key: draftKey.describe('Names the draft among the template’s blocks (its collab document).'),
    label: z.string().min(1).max(200).describe('What the draft editor calls it: “Cover letter”.'),
    default: z
      .string()
      .max(10_000)
      .optional()
      .describe('The text a new draft starts from; merge fields are filled in for the record.'),
  }),
]);

export const blocks = z.array(block).min(1).max(maxDocumentBlocks);

export type Block = z.infer<typeof block>;
// The contract the client edits is this schema's shape: either drifting fails the type check.
const sameShape: [(b: Block) => DocumentBlock, (b: DocumentBlock) => Block] = [(b) => b, (b) => b];
void sameShape;
/** Free text co-edited live per record before rendering (docs/documents.md#drafts). */
export type DraftBlock = Extract<Block, { type: 'draft' }>;

export const draftBlocksOf = (blocks: readonly Block[]): DraftBlock[] =>
  blocks.filter((b): b is DraftBlock => b.type === 'draft');

/** The blocks of an input, or BAD_USER_INPUT at the first problem (`input.blocks.2.text`). */
export function parseBlocks(value: unknown, at: readonly string[]): Block[] {
  const parsed = blocks.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = [...at, ...issue.path.map(String)];
  throw new BadInput(where, `${where.slice(1).join('.')}: ${issue.message}`);
}
