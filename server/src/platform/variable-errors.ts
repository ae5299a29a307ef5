import { BREAK, Kind, parse, visit, type ASTNode, type DocumentNode, type ValueNode } from 'graphql';

/**
 * graphql-js refuses a bad variable before any resolver runs and says where only in its
 * message: `Variable "$input" got invalid value "x" at "input.rooms"; Float cannot…`.
 * This recovers the path from the argument the variable feeds, so such errors name the
 * field (`argumentPath`) like the BadInput errors resolvers throw.
 */

const name = '[_A-Za-z][_0-9A-Za-z]*';
const headPattern = new RegExp(`^Variable "\\$(${name})" got invalid value `);
/** The inner error names an input field of the object at the path. */
const innerFieldPattern = new RegExp(
  `; Field "(${name})" (?:of required type "[^"]*" was not provided|is not defined by type "[^"]*")\\.`,
);

function pathInVariable(variable: string, message: string): string[] {
  // A quote inside the inspected value is escaped (JSON), so ` at "` starts the path.
  const at = new RegExp(` at "${variable}((?:\\.${name}|\\[\\d+\\])*)"; `).exec(message);
  const segments = [...(at?.[1] ?? '').matchAll(new RegExp(`\\.(${name})|\\[(\\d+)\\]`, 'g'))].map(
    (m) => m[1] ?? m[2]!,
  );
  const inner = innerFieldPattern.exec(message.slice(at ? at.index + at[0].length - 2 : 0));
  return inner ? [...segments, inner[1]!] : segments;
}

/** Where `$variable` sits inside a value: [] for the value itself, null when absent. */
function findIn(value: ValueNode, variable: string): string[] | null {
  if (value.kind === Kind.VARIABLE) return value.name.value === variable ? [] : null;
  if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) {
      const found = findIn(field.value, variable);
      if (found) return [field.name.value, ...found];
    }
  }
  if (value.kind === Kind.LIST) {
    for (const [index, item] of value.values.entries()) {
      const found = findIn(item, variable);
      if (found) return [String(index), ...found];
    }
  }
  return null;
}

/** The argument path where `document` uses `$variable` first; the variable's name if unused. */
export function argumentPathOfVariable(document: DocumentNode, variable: string): string[] {
  let path: string[] = [variable];
  visit(document, {
    Argument(node) {
      const found = findIn(node.value, variable);
      if (!found) return undefined;
      path = [node.name.value, ...found];
      return BREAK;
    },
  });
  return path;
}

function argumentPathOf(source: string | undefined, variable: string): string[] {
  if (!source) return [variable];
  try {
    return argumentPathOfVariable(parse(source, { noLocation: true }), variable);
  } catch {
    // The operation parsed before execution; if it does not now, keep the variable's name.
    return [variable];
  }
}

interface ErrorLike {
  message?: unknown;
  nodes?: readonly ASTNode[];
  source?: { body: string };
}

/** ['input', 'rooms'] for a variable graphql-js refused; null for any other error. */
export function invalidVariablePath(error: unknown): string[] | null {
  const { message, nodes, source } = (error ?? {}) as ErrorLike;
  if (typeof message !== 'string') return null;
  const head = headPattern.exec(message);
  if (!head) return null;
  const variable = head[1]!;
  const body = source?.body ?? nodes?.[0]?.loc?.source.body;
  return [...argumentPathOf(body, variable), ...pathInVariable(variable, message)];
}
