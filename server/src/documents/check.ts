import type { Template } from 'liquidjs';
import { activeFields, type ObjectDef, type WorkspaceMetadata } from '../metadata/index.js';
import { compilePart, extraMergeFields, mergeFieldsOf, plainLiquid, type MergeField } from '../mail/index.js';
import { AppError, BadInput } from '../platform/index.js';
import type { RecordStore } from '../records/index.js';
import type { Block } from './blocks.js';
import { findLineSource, type LineSource } from './lines.js';

/** Merge fields of a document for `object`: those of an e-mail, less the campaign's, plus `today`. */
export function documentMergeFields(metadata: WorkspaceMetadata, object: ObjectDef): MergeField[] {
  const extra = new Set(extraMergeFields.map((f) => f.path));
  return [
    ...mergeFieldsOf(metadata, object).filter((f) => !extra.has(f.path)),
    { path: 'today', label: 'Today’s date', type: 'DATE' },
  ];
}

/** A parsed text block, refused (BAD_USER_INPUT at `blocks.<i>.text`) when it names an unknown field. */
export function compileText(
  text: string,
  path: readonly string[],
  fields: readonly MergeField[],
): Template[] {
  try {
    return compilePart(plainLiquid, text, path, fields);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const { code: _code, argumentPath: _path, field: _field, ...rest } = error.extensions;
    throw new BadInput(path, `${path.slice(1).join('.')}: ${error.message}`, rest);
  }
}

export interface CheckContext {
  metadata: WorkspaceMetadata;
  object: ObjectDef;
  lineSources: readonly LineSource[];
  /** Only for reading lines; a check without one (a template install) reads none. */
  records: RecordStore | null;
}

/**
 * Checks blocks against the object: merge fields that exist and are not archived, an IMAGE
 * field for images, a line source and its columns for lines. The first problem is
 * BAD_USER_INPUT at its path under `at` (`input.blocks.3.fields.1`).
 */
export function checkBlocks(check: CheckContext, blocks: readonly Block[], at: readonly string[]): void {
  const { metadata, object } = check;
  const fields = documentMergeFields(metadata, object);
  const known = new Set(fields.map((f) => f.path));
  const fail = (path: string[], message: string): never => {
    throw new BadInput([...at, ...path], `${[...at, ...path].slice(1).join('.')}: ${message}`);
  };
  const draftAt = new Map<string, number>();
  blocks.forEach((block, i) => {
    const here = [String(i)];
    switch (block.type) {
      case 'heading':
      case 'paragraph':
        compileText(block.text, [...at, ...here, 'text'], fields);
        break;
      case 'fields':
        block.fields.forEach((path, j) => {
          if (!known.has(path)) fail([...here, 'fields', String(j)], `unknown merge field: ${path}.`);
        });
        break;
      case 'image': {
        const field = activeFields(object).find((f) => f.key === block.field);
        if (field?.type !== 'IMAGE')
          fail([...here, 'field'], `${object.labelSingular} has no IMAGE field “${block.field}”.`);
        break;
      }
      case 'lines': {
        const source = findLineSource(metadata, object, block.source, check.lineSources, check.records);
        if (!source)
          fail(
            [...here, 'source'],
            `${object.labelPlural} have no line source “${block.source}” (a one-to-many relation or quote lines).`,
          );
        const columns = new Set(source!.columns(metadata).map((c) => c.key));
        block.columns.forEach((column, j) => {
          if (!columns.has(column))
            fail(
              [...here, 'columns', String(j)],
              `the lines of “${block.source}” have no field “${column}”.`,
            );
        });
        break;
      }
      case 'pageBreak':
        break;
      case 'draft': {
        const first = draftAt.get(block.key);
        if (first !== undefined)
          fail([...here, 'key'], `the draft “${block.key}” is already block ${first}; keys are unique.`);
        draftAt.set(block.key, i);
        if (block.default) compileText(block.default, [...at, ...here, 'default'], fields);
        break;
      }
    }
  });
}
