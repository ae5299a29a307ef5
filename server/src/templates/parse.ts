import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { BadInput } from '../platform/index.js';
import { checkTemplate, type TemplateIssue } from './check.js';
import type { z } from 'zod';
import { templateSchema, type Template } from './format.js';
import { templateTranslation, type TemplateTranslation } from './format-translations.js';
import { translationIssues } from './check-translations.js';

export interface TemplateProblem {
  line: number;
  reason: string;
}

/** A template file that does not parse or validate: each problem as `file:line: reason`. */
export class TemplateError extends BadInput {
  constructor(
    readonly file: string,
    readonly problems: TemplateProblem[],
  ) {
    const first = problems[0]!;
    super(['key'], problems.map((p) => `${file}:${p.line}: ${p.reason}`).join('\n'), {
      file,
      line: first.line,
      reason: first.reason,
      problems,
    });
    this.name = 'TemplateError';
  }
}

/** The line (1-based) of the node at `path`, or of its nearest ancestor present in the file. */
function lineOf(doc: Document, counter: LineCounter, path: (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

function describe(issue: TemplateIssue): string {
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/**
 * Parses and validates a template's YAML text; `file` names it in errors. With `folder` (the
 * template's own), the sample files it names must be there.
 */
export function parseTemplate(text: string, file: string, folder?: string): Template {
  return parseYaml(text, file, templateSchema, (data) => checkTemplate(data, folder));
}

/** A `translations/<lang>.yaml` file of `template`: its keys must name the template's parts. */
export function parseTranslationFile(text: string, file: string, template: Template): TemplateTranslation {
  return parseYaml(text, file, templateTranslation, (data) => translationIssues(template, data));
}

function parseYaml<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  check: (data: z.infer<S>) => TemplateIssue[],
): z.infer<S> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new TemplateError(
      file,
      doc.errors.map((error) => ({
        line: counter.linePos(error.pos[0]).line,
        reason: `YAML syntax: ${error.message.split('\n')[0]}`,
      })),
    );
  }
  const parsed = schema.safeParse(doc.toJS());
  const issues: TemplateIssue[] = parsed.success
    ? check(parsed.data)
    : parsed.error.issues.map((issue) => {
        const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
        return {
          path: keys.length ? [...path, keys[0]!] : path,
          message: keys.length ? `unknown key “${keys.join('”, “')}”` : issue.message,
        };
      });
  if (issues.length) {
    const problems = issues.map((issue) => ({
      line: lineOf(doc, counter, issue.path),
      reason: describe(issue),
    }));
    throw new TemplateError(
      file,
      problems.sort((a, b) => a.line - b.line),
    );
  }
  return parsed.data!;
}
