import { LiquidError, type Liquid, type Template } from 'liquidjs';
import { BadInput, sandboxedLiquid } from '../../platform/index.js';
import type { MergeField } from './merge-fields.js';

/** The subject and text part: values as they are. */
export const plainLiquid = sandboxedLiquid({ strictVariables: true, strictFilters: true });
/** The HTML part: every merge value HTML-escaped, so a record's text cannot inject markup. */
export const htmlLiquid = sandboxedLiquid({
  strictVariables: true,
  strictFilters: true,
  outputEscape: 'escape',
});

/** Properties Liquid gives every value (`{{ record.name.size }}`). */
const valueProperties = new Set(['size', 'first', 'last']);

/** `line 2, column 7: tag "iff" not found` from LiquidJS's message, which ends in its own position. */
function positionOf(error: LiquidError): { line: number; column: number; message: string } {
  const [line = 1, column = 1] = error.token?.getPosition?.() ?? [];
  const message = error.message.replace(/, line:\d+, col:\d+$/, '');
  return { line, column, message };
}

/**
 * Parses one part of a template (subject, html, text) or refuses it with BAD_USER_INPUT at
 * `path`, naming the line and column of the error, or the merge field that does not exist.
 */
export function compilePart(
  liquid: Liquid,
  source: string,
  path: readonly string[],
  fields: readonly MergeField[],
): Template[] {
  let parsed: Template[];
  try {
    parsed = liquid.parse(source);
  } catch (error) {
    if (!(error instanceof LiquidError)) throw error;
    const { line, column, message } = positionOf(error);
    throw new BadInput(path, `line ${line}, column ${column}: ${message}`, { line, column });
  }
  const unknown = unknownMergeFields(liquid, parsed, fields);
  if (unknown.length)
    throw new BadInput(path, `unknown merge field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`, {
      mergeFields: unknown,
    });
  return parsed;
}

/** The merge fields a parsed template reads (globals only: loop and assigned names are its own). */
export function usedMergeFields(liquid: Liquid, parsed: Template[]): string[] {
  const paths = liquid.globalVariableSegmentsSync(parsed).map((segments) => {
    const named: string[] = [];
    for (const segment of segments) {
      if (typeof segment !== 'string' || (named.length > 0 && valueProperties.has(segment))) break;
      named.push(segment);
    }
    return named.join('.');
  });
  return [...new Set(paths)];
}

function unknownMergeFields(liquid: Liquid, parsed: Template[], fields: readonly MergeField[]): string[] {
  const known = new Set<string>();
  for (const { path } of fields) {
    const parts = path.split('.');
    // A prefix names a value too (`{% if record.company %}`), and a related record its id.
    for (let n = 1; n <= parts.length; n++) known.add(parts.slice(0, n).join('.'));
    if (parts.length === 3) known.add(`${parts[0]}.${parts[1]}.id`);
  }
  return usedMergeFields(liquid, parsed).filter((path) => path && !known.has(path));
}
