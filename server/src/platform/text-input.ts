import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { Kind, type ASTNode, type ValidationRule } from 'graphql';
import { BadInput } from './errors.js';

/**
 * Text PostgreSQL cannot store, refused before any resolver runs on both doors: NUL (text
 * and jsonb refuse it, so it would surface as an internal error) and lone UTF-16
 * surrogates (not Unicode; the driver would silently store U+FFFD instead).
 */

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be accepted, or undefined. */
export function invalidTextReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (loneSurrogate.test(text)) return 'must not contain an unpaired UTF-16 surrogate (invalid Unicode)';
  return undefined;
}

/** A path segment that is safe to echo back, whatever the key held. */
const printable = (key: string) =>
  key.replace(new RegExp(loneSurrogate.source, 'g'), '\uFFFD').replaceAll('\u0000', '\\0');

function refusal(path: string[], reason: string): BadInput {
  return new BadInput(path, `${path.at(-1) ?? 'value'}: ${reason}.`);
}

/** A path kept as links to its parent, so walking deep input copies nothing per level. */
interface PathLink {
  parent: PathLink | undefined;
  key: string;
}

function pathOf(link: PathLink | undefined): string[] {
  const path: string[] = [];
  for (let at = link; at; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * The first string (value or object key) in the request's variables that cannot be
 * accepted, as a BadInput naming its path from the variable (["input", "email"]).
 * Iterative, so a deeply nested variable costs no stack.
 */
export function findInvalidVariable(variables: unknown): BadInput | undefined {
  if (variables === null || typeof variables !== 'object') return undefined;
  const pending: [unknown, PathLink | undefined][] = [[variables, undefined]];
  while (pending.length) {
    const [value, link] = pending.pop()!;
    if (typeof value === 'string') {
      const reason = invalidTextReason(value);
      if (reason) return refusal(pathOf(link), reason);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => pending.push([item, { parent: link, key: String(i) }]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const reason = invalidTextReason(key);
        if (reason) return refusal([...pathOf(link), printable(key)], `the key ${reason}`);
        pending.push([item, { parent: link, key }]);
      }
    }
  }
  return undefined;
}

/** The argument and input-object fields a literal sits in: ["input", "email"]. */
function literalPath(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string[] {
  return ancestors.flatMap((node) =>
    'kind' in node && (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD)
      ? [node.name.value]
      : [],
  );
}

/**
 * The same check for string literals in the document, as a validation rule so both
 * doors run it. The lexer already refuses a raw NUL; the escape `\u0000` gets here.
 */
export const invalidTextRule: ValidationRule = (context) => ({
  StringValue(node, _key, parent, _path, ancestors) {
    const reason = invalidTextReason(node.value);
    if (reason && parent) context.reportError(refusal(literalPath([...ancestors, parent]), reason));
    else if (reason) context.reportError(refusal([], reason));
  },
});

/** Apollo plugin: the variables' check before execution, answered with HTTP 400. */
export function invalidTextPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          const error = findInvalidVariable(request.variables);
          if (!error) return;
          error.extensions.http = { status: 400, headers: new HeaderMap() };
          throw error;
        },
      };
    },
  };
}
