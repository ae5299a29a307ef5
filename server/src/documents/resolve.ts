import type { EntityManager } from '@mikro-orm/postgresql';
import sharp from 'sharp';
import { readStoredFile, type FileStore } from '../files/index.js';
import { activeFields, type ObjectDef, type WorkspaceMetadata } from '../metadata/index.js';
import { plainLiquid, type MergeField } from '../mail/index.js';
import { BadInput } from '../platform/index.js';
import type { RecordContext, RecordRow, RecordStore } from '../records/index.js';
import type { Block } from './blocks.js';
import { compileText } from './check.js';
import type { ResolvedBlock } from './layout.js';
import { findLineSource, type LineSource } from './lines.js';
import { fieldAtPath, printable, valueAt } from './values.js';

export interface ResolveInput {
  /** The caller's record context: their metadata view (hidden fields archived) and scope. */
  ctx: RecordContext;
  full: WorkspaceMetadata;
  object: ObjectDef;
  row: RecordRow;
  blocks: readonly Block[];
  fields: readonly MergeField[];
  scope: Record<string, unknown>;
  store: FileStore;
  records: RecordStore;
  lineSources: readonly LineSource[];
  /** Each draft block's text by key, as read for this generation (drafts.ts). */
  drafts: Readonly<Record<string, string>>;
}

/**
 * An image as the PDF embeds it: JPEG, at most `side` px on its long side (a cover fills the
 * page's width at about 150 dpi, a gallery tile half of it). Photos stored at 2048 px would
 * triple the PDF's size and its render time for nothing a reader sees.
 */
async function printImage(content: Buffer, side: number): Promise<string> {
  const jpeg = await sharp(content)
    .resize(side, side, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 80 })
    .toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
}

async function images(input: ResolveInput, fieldKey: string, count: number): Promise<string[]> {
  const visible = input.ctx.metadata.objects.find((o) => o.id === input.object.id)!;
  // A field hidden from the caller is not in their view: the block prints nothing.
  if (!activeFields(visible).some((f) => f.key === fieldKey)) return [];
  const ids = (Array.isArray(input.row[fieldKey]) ? (input.row[fieldKey] as string[]) : []).slice(0, count);
  const workspaceId = input.full.workspaceId;
  const side = count === 1 ? 1400 : 900;
  const read = async (id: string) => {
    const file = await readStoredFile(input.ctx.em as EntityManager, input.store, workspaceId, id);
    return file ? printImage(file.content, side) : null;
  };
  // sharp works on its own threads: the images are prepared side by side.
  const urls = await Promise.all(ids.map(read));
  return urls.filter((url): url is string => url !== null);
}

const labelOf = (field: MergeField | undefined, path: string) =>
  field ? field.label.replace(/^[^:]+: /, '') : path;

/** Each block with the record's values in place, in the caller's view. */
export async function resolveBlocks(input: ResolveInput): Promise<ResolvedBlock[]> {
  const byPath = new Map(input.fields.map((f) => [f.path, f]));
  const resolved: ResolvedBlock[] = [];
  for (const [i, block] of input.blocks.entries()) {
    const at = ['blocks', String(i)];
    switch (block.type) {
      case 'heading':
      case 'paragraph': {
        const parsed = compileText(block.text, [...at, 'text'], input.fields);
        const text = String(await plainLiquid.render(parsed, input.scope));
        resolved.push(
          block.type === 'heading'
            ? { type: 'heading', text, level: (block.level ?? 1) as 1 | 2 | 3 }
            : { type: 'paragraph', text },
        );
        break;
      }
      case 'fields':
        resolved.push({
          type: 'fields',
          title: block.title ?? null,
          rows: block.fields.map((path) => [
            labelOf(byPath.get(path), path),
            printable(valueAt(input.scope, path), fieldAtPath(input.full, input.object, path)),
          ]),
        });
        break;
      case 'image':
        resolved.push({ type: 'image', images: await images(input, block.field, block.count ?? 1) });
        break;
      case 'lines': {
        const source = findLineSource(
          input.full,
          input.object,
          block.source,
          input.lineSources,
          input.records,
        );
        if (!source)
          throw new BadInput([...at, 'source'], `${at.join('.')}.source: no line source “${block.source}”.`);
        resolved.push({
          type: 'lines',
          title: block.title ?? null,
          table: await source.read(input.ctx, input.row.id, block.columns),
        });
        break;
      }
      case 'pageBreak':
        resolved.push({ type: 'pageBreak' });
        break;
      case 'draft':
        // Printed as written: what people typed is text, not a template to evaluate.
        resolved.push({ type: 'paragraph', text: input.drafts[block.key] ?? '' });
        break;
    }
  }
  return resolved;
}
