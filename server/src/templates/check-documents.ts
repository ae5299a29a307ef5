import type { DocumentBlock } from '../documents/index.js';
import { systemFields } from '../metadata/index.js';
import type { TemplateIssue } from './check.js';
import type { Template } from './format.js';
import type { KnownField, KnownFields } from './known-fields.js';
import { templateLineSources } from './line-sources.js';

const systemKnown = new Map<string, KnownField>(systemFields('').map((f) => [f.key, { type: f.type }]));
/** The keys a member (USER field) gives a merge: `record.owner.name`. */
const memberKeys = new Set(['id', 'name', 'email']);
/** `record.<field>` and `record.<field>.<sub>` in a text or a fields block. */
const recordPath = /\brecord\.([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?/g;

function fieldOf(known: KnownFields, object: string, key: string): KnownField | undefined {
  return known.get(object)?.get(key) ?? systemKnown.get(key);
}

/** Why `record.<key>[.<sub>]` is no merge field of `object`, or null when it is one. */
function pathProblem(
  known: KnownFields,
  object: string,
  key: string,
  sub: string | undefined,
): string | null {
  const field = fieldOf(known, object, key);
  if (!field) return `${object} has no field “${key}”`;
  if (!sub) return null;
  if (field.type === 'USER') return memberKeys.has(sub) ? null : `a member has no “${sub}” (id, name, email)`;
  if (field.type !== 'RELATION' || field.kind !== 'MANY_TO_ONE' || !field.target)
    return `“${key}” is not a many-to-one relation or a member: no “${key}.${sub}”`;
  const target = fieldOf(known, field.target, sub);
  if (!target || target.type === 'RELATION' || target.type === 'USER')
    return `${field.target} has no field “${sub}” to merge (one hop, no relations)`;
  return null;
}

/** The columns a lines block may show, or a reason its source is unknown. */
function lineColumns(known: KnownFields, object: string, source: string): Set<string> | null | string {
  const registered = templateLineSources.find((s) => s.objectKey === object && s.key === source);
  // A registered source whose columns follow the workspace is checked at install only.
  if (registered) return registered.fixedColumns ? new Set(registered.fixedColumns.map((c) => c.key)) : null;
  const field = known.get(object)?.get(source);
  if (field?.type !== 'RELATION' || field.kind !== 'ONE_TO_MANY' || !field.target)
    return `${object} has no line source “${source}” (a one-to-many relation or quote lines)`;
  const columns = [...(known.get(field.target) ?? new Map<string, KnownField>())]
    .filter(([, f]) => f.type !== 'RELATION')
    .map(([key]) => key);
  return new Set(columns);
}

function checkBlock(
  known: KnownFields,
  object: string,
  block: DocumentBlock,
  at: (string | number)[],
  issues: TemplateIssue[],
): void {
  const paths = (text: string, where: (string | number)[]) => {
    for (const [, key, sub] of text.matchAll(recordPath)) {
      const problem = pathProblem(known, object, key!, sub);
      if (problem) issues.push({ path: where, message: `unknown merge field record.${key}: ${problem}` });
    }
  };
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      return paths(block.text, [...at, 'text']);
    case 'fields':
      return block.fields.forEach((path, j) => paths(path, [...at, 'fields', j]));
    case 'image':
      if (fieldOf(known, object, block.field)?.type !== 'IMAGE')
        issues.push({ path: [...at, 'field'], message: `${object} has no IMAGE field “${block.field}”` });
      return;
    case 'lines': {
      const columns = lineColumns(known, object, block.source);
      if (typeof columns === 'string') return void issues.push({ path: [...at, 'source'], message: columns });
      block.columns.forEach((column, j) => {
        if (columns && !columns.has(column))
          issues.push({
            path: [...at, 'columns', j],
            message: `the lines of “${block.source}” have no column “${column}”`,
          });
      });
      return;
    }
    case 'pageBreak':
      return;
  }
}

/**
 * What a document names must exist in the template or the standard objects: its object, its
 * FILE field, the fields its texts and field tables merge (one hop), IMAGE fields, and each
 * lines block's source (a one-to-many relation, or a registered source such as `quote` on
 * deals) and columns. Liquid itself and archived fields are checked at install, against the
 * workspace, as an admin's save is.
 */
export function checkDocuments(template: Template, known: KnownFields, issues: TemplateIssue[]): void {
  const seen = new Set<string>();
  (template.documents ?? []).forEach((document, d) => {
    const at = ['documents', d];
    if (seen.has(document.key))
      issues.push({ path: [...at, 'key'], message: `document “${document.key}” appears twice` });
    seen.add(document.key);
    if (!known.has(document.object))
      return void issues.push({ path: [...at, 'object'], message: `no object “${document.object}”` });
    const fileField = document.fileField ?? 'documents';
    if (known.get(document.object)?.get(fileField)?.type !== 'FILE')
      issues.push({
        path: [...at, document.fileField ? 'fileField' : 'object'],
        message: `${document.object} has no FILE field “${fileField}” for the PDFs`,
      });
    document.blocks.forEach((block, b) =>
      checkBlock(known, document.object, block, [...at, 'blocks', b], issues),
    );
  });
}
